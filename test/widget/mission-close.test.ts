import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../widget/fresk-missions.ts';
import type { FreskMissionsElement } from '../../widget/fresk-missions/fresk-missions.component.ts';
import { api, call, getMission, mission, session, type MissionSetup } from './portal.data.ts';
import { button, deep, textOf, waitFor, waitForButton, waitForText } from './dom.ts';

async function dashboardOf(m: MissionSetup, lang = 'fr') {
  const el = await fixture<FreskMissionsElement>(html`<fresk-missions lang=${lang} api=${api} token=${m.coordinator.token} mission=${m.missionId}></fresk-missions>`);
  const dashboard = await waitFor(el, 'fresk-mission-dashboard');
  await waitFor(dashboard, 'tr[data-kind]');
  return { el, dashboard };
}

const section = (dashboard: HTMLElement, part: 'retributions' | 'close') => deep(dashboard, `[part="${part}"]`);

describe('Retributions and closing on the dashboard', function () {
  this.timeout(20000);

  it('says what a request would include, requests it, then says when the next one is possible', async () => {
    const m = await mission();
    const past = await session(m, { daysFromNow: -10 });
    await session(m, { daysFromNow: 20 });
    const { el, dashboard } = await dashboardOf(m);
    const row = () => deep(dashboard, `tr[data-session="${past.sessionId}"]`)!;
    expect(textOf(row())).to.contain('Terminée');
    expect(textOf(row())).to.contain('Rétributions à demander');
    const retributions = section(dashboard, 'retributions')!;
    expect(textOf(retributions)).to.contain('La prochaine demande comprendra :');
    expect(textOf(retributions)).to.match(/Atelier du .+ — 1 animateur·ice/);

    const close = section(dashboard, 'close')!;
    expect(textOf(close)).to.contain('Pour clôturer, il reste à :');
    expect(textOf(close)).to.contain('attendre que toutes les sessions aient eu lieu');
    expect(textOf(close)).to.contain('demander les rétributions restantes');
    expect(button(close, 'Clôturer la mission')!.disabled).to.equal(true);
    await expect(el).to.be.accessible();

    const requested = oneEvent(el, 'fresk-retributions-requested');
    button(retributions, 'Demander les rétributions')!.click();
    expect((await requested).detail.missionId).to.equal(m.missionId);
    await waitForText(dashboard, "Demande envoyée à l'association.");
    await waitForText(section(dashboard, 'retributions')!, /Prochaine demande possible à partir du 1(er)? /);
    // The button stays, disabled, and says why.
    await waitUntil(() => button(dashboard, 'Demander les rétributions')?.disabled, 'the request button did not become disabled');
    const why = button(dashboard, 'Demander les rétributions')!.getAttribute('aria-describedby')!;
    expect(textOf(deep(dashboard, `#${why}`)!)).to.match(/Prochaine demande possible/);
    await waitUntil(() => textOf(row()).includes('Rétributions demandées'), 'the tag did not change');
    await waitUntil(() => !textOf(section(dashboard, 'close')!).includes('demander les rétributions restantes'), 'the blocker stayed');
  });

  it('explains a refused request with the reason and the next possible date', async () => {
    const m = await mission();
    await session(m, { daysFromNow: -3 });
    const { dashboard } = await dashboardOf(m, 'en');
    const request = await waitForButton(dashboard, 'Request the pay');
    await call('retributions.request', { missionId: m.missionId }, m.coordinator.token);
    request.click();
    await waitForText(dashboard, 'Retributions were already requested this month. Next request possible from 1');
  });

  it('Escape closes the confirmation step without closing the mission; focus goes back to the close button', async () => {
    const m = await mission();
    await session(m, { daysFromNow: -5 });
    await call('retributions.request', { missionId: m.missionId }, m.coordinator.token);
    const { dashboard } = await dashboardOf(m, 'en');
    const close = section(dashboard, 'close')!;
    const closeButton = await waitForButton(close, 'Close the mission');
    closeButton.click();
    const heading = await waitFor(dashboard, '#confirm-close-heading');
    expect(dashboard.shadowRoot!.activeElement).to.equal(heading);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !deep(dashboard, '#confirm-close-heading'), 'Escape left the confirmation open');
    await waitUntil(() => dashboard.shadowRoot!.activeElement === closeButton, 'focus did not return to the close button');
    expect((await getMission(m)).status).to.equal('open');
  });

  it('closes a mission after a confirmation that says it cannot be undone; the dashboard is then read-only', async () => {
    const m = await mission();
    const past = await session(m, { daysFromNow: -5 });
    await session(m, { daysFromNow: -4, coordinatorFacilitates: false });
    await call('retributions.request', { missionId: m.missionId }, m.coordinator.token);
    const { el, dashboard } = await dashboardOf(m);
    const close = section(dashboard, 'close')!;
    expect(textOf(close)).to.contain('Tout est prêt : la mission peut être clôturée.');
    const closeButton = button(close, 'Clôturer la mission')!;
    expect(closeButton.disabled).to.equal(false);

    closeButton.click();
    const heading = await waitFor(dashboard, '#confirm-close-heading');
    expect(dashboard.shadowRoot!.activeElement).to.equal(heading);
    expect(textOf(close)).to.contain('La clôture ne peut pas être annulée');
    await expect(el).to.be.accessible();
    button(close, 'Non, revenir')!.click();
    await waitUntil(() => dashboard.shadowRoot!.activeElement === closeButton, 'focus did not return to the close button');
    expect((await getMission(m)).status).to.equal('open');

    closeButton.click();
    const closed = oneEvent(el, 'fresk-mission-closed');
    (await waitForButton(close, 'Oui, clôturer la mission')).click();
    expect((await closed).detail.missionId).to.equal(m.missionId);
    await waitForText(dashboard, 'Mission clôturée le');
    await waitForText(dashboard, "L'association est informée que le client peut être facturé.");
    expect(section(dashboard, 'close')).to.equal(null);
    expect(section(dashboard, 'retributions')).to.equal(null);
    expect(button(dashboard, 'Planifier une session')).to.equal(null);
    expect(textOf(dashboard)).to.contain('Clôturée');
    await expect(el).to.be.accessible();

    deep(dashboard, `tr[data-session="${past.sessionId}"] button`)!.click();
    const planner = await waitFor(dashboard, 'fresk-session-planner');
    await waitForText(planner, 'Cette mission est clôturée : la session se consulte mais ne se modifie plus.');
    const form = await waitFor(planner, 'fresk-session-form');
    await waitUntil(() => deep<HTMLInputElement>(form, '#capacity')?.value === '12', 'the form did not load');
    expect(deep<HTMLFieldSetElement>(form, 'form > fieldset')!.disabled).to.equal(true);
    expect(button(form, 'Enregistrer les modifications')).to.equal(null);
    deep<HTMLButtonElement>(planner, '#tab-facilitators')!.click();
    const facilitators = await waitFor(planner, 'fresk-session-facilitators');
    await waitFor(facilitators, 'table');
    expect(deep<HTMLSelectElement>(facilitators, 'select')!.disabled).to.equal(true);
    expect(deep(facilitators, 'fresk-email-invites')).to.equal(null);
  });
});
