import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../widget/fresk-missions.ts';
import type { FreskMissionsElement } from '../../widget/fresk-missions/fresk-missions.component.ts';
import type { FreskSessionPlannerElement } from '../../widget/session-planner/session-planner.component.ts';
import { api, getMission, getSession, mission, parisDay, session, type MissionSetup } from './portal.data.ts';
import { button, deep, fill, textOf, waitFor, waitForButton, waitForText } from './dom.ts';

/** The Paris day `days` from today, as the date input takes it (YYYY-MM-DD). */
const inDays = parisDay;

async function dashboardOf(m: MissionSetup, lang = 'fr') {
  const el = await fixture<FreskMissionsElement>(html`<fresk-missions lang=${lang} api=${api} token=${m.coordinator.token} mission=${m.missionId}></fresk-missions>`);
  const dashboard = await waitFor(el, 'fresk-mission-dashboard');
  await waitFor(dashboard, 'tr[data-kind]');
  return { el, dashboard };
}

async function openNewSession(dashboard: HTMLElement, label = 'Planifier une session') {
  (await waitForButton(dashboard, label)).click();
  const planner = await waitFor<FreskSessionPlannerElement>(dashboard, 'fresk-session-planner');
  const form = await waitFor(planner, 'fresk-session-form');
  await waitFor(form, '#capacity');
  await waitUntil(() => deep<HTMLDialogElement>(dashboard, 'dialog')!.open, 'the planner dialog did not open');
  return { planner, form };
}

const input = <T extends HTMLElement = HTMLInputElement>(form: HTMLElement, selector: string) => form.shadowRoot!.querySelector<T>(selector)!;
const counterRow = (dashboard: HTMLElement, kind: string) => deep(dashboard, `tr[data-kind="${kind}"]`)!;

describe('<fresk-session-planner>', function () {
  this.timeout(20000);

  it('plans a session through the form: Paris times, two extra facilitators, and the counters move', async () => {
    const m = await mission({ order: [{ kind: 'atelier', quantity: 10 }] });
    const { dashboard } = await dashboardOf(m);
    expect(textOf(counterRow(dashboard, 'atelier'))).to.contain('0 / 10');
    const { planner, form } = await openNewSession(dashboard);
    await waitUntil(() => planner.shadowRoot!.activeElement?.id === 'planner-title', 'the planner title did not take focus');
    await expect(planner).to.be.accessible();

    const date = inDays(60);
    fill(input(form, '#date'), date);
    fill(input(form, '#start'), '09:30');
    fill(input(form, '#end'), '12:30');
    fill(input(form, '#address'), '12 quai de Saône, Lyon');
    fill(input(form, '#capacity'), '14');
    expect(input(form, '#extra-count-field').hidden).to.equal(true);
    input(form, '#extra').click();
    await waitUntil(() => !input(form, '#extra-count-field').hidden, '"Combien ?" did not appear');
    fill(input(form, '#extra-count'), '2');
    expect(input(form, '#coordinator-facilitates').checked).to.equal(true);

    const created = oneEvent(planner, 'fresk-session-created');
    button(form, 'Planifier la session')!.click();
    const { detail } = await created;
    expect(detail.missionId).to.equal(m.missionId);
    await waitForText(form, 'Session planifiée');

    const saved = await getSession(m, detail.sessionId);
    expect(saved.startsAt).to.match(new RegExp(`^${date}T09:30:00\\+0[12]:00$`));
    expect(saved.endsAt).to.match(new RegExp(`^${date}T12:30:00\\+0[12]:00$`));
    expect(saved.extraFacilitators).to.equal(2);
    expect(saved.location).to.deep.include({ mode: 'onsite', address: '12 quai de Saône, Lyon' });

    await waitUntil(() => textOf(counterRow(dashboard, 'atelier')).includes('1 / 10'), 'planned did not become 1');
    expect(textOf(deep(counterRow(dashboard, 'atelier'), '.open-slots')!)).to.equal('2');
    expect(textOf(deep(counterRow(dashboard, 'atelier'), '.sessions')!)).to.equal('1');

    // The next step opens by itself: the Animateur·ices tab, focused, and the news is said.
    const facilitatorsTab = await waitFor(planner, '#tab-facilitators');
    await waitUntil(() => facilitatorsTab.getAttribute('aria-selected') === 'true', 'the planner did not move on to Animateur·ices');
    await waitUntil(() => planner.shadowRoot!.activeElement === facilitatorsTab, 'the Animateur·ices tab did not take focus');
    expect(textOf(deep(planner, '[role="status"].created')!)).to.contain('Invite maintenant les animateur·ices');
    // The tabs move with the arrow keys.
    const sessionTab = deep(planner, '#tab-session')!;
    await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => sessionTab.getAttribute('aria-selected') === 'true', 'ArrowLeft did not select Session');
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => facilitatorsTab.getAttribute('aria-selected') === 'true', 'ArrowRight did not select Animateur·ices');
    await sendKeys({ press: 'End' });
    await waitUntil(() => deep(planner, '#tab-attendance')!.getAttribute('aria-selected') === 'true', 'End did not select Émargement');
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => sessionTab.getAttribute('aria-selected') === 'true', 'ArrowRight did not wrap around');

    const closed = oneEvent(planner, 'fresk-close');
    button(planner, 'Fermer')!.click();
    await closed;
    await waitUntil(() => !deep<HTMLDialogElement>(dashboard, 'dialog')!.open, 'the dialog stayed open');
    await waitUntil(() => dashboard.shadowRoot!.activeElement === button(dashboard, 'Planifier une session'), 'focus did not return to "+"');
  });

  it("shows the server's field errors next to their field, and the end-before-start reason", async () => {
    const m = await mission();
    const { dashboard } = await dashboardOf(m);
    const { form } = await openNewSession(dashboard);
    fill(input(form, '#date'), inDays(20));
    fill(input(form, '#address'), 'Salle des fêtes');
    fill(input(form, '#capacity'), '0');
    button(form, 'Planifier la session')!.click();
    const error = await waitFor(form, '#capacity-error');
    expect(error.textContent).to.equal('Indique un nombre de places entre 1 et 1000.');
    const capacity = input(form, '#capacity');
    expect(capacity.getAttribute('aria-invalid')).to.equal('true');
    expect(capacity.getAttribute('aria-describedby')).to.equal('capacity-error');
    expect(form.shadowRoot!.activeElement).to.equal(capacity);
    await waitForText(form, "La session n'a pas été enregistrée");
    await expect(form).to.be.accessible();

    fill(capacity, '10');
    fill(input(form, '#end'), '08:00');
    button(form, 'Planifier la session')!.click();
    await waitUntil(() => deep(form, '#endsAt-error'), 'no error next to the end time');
    expect(deep(form, '#endsAt-error')!.textContent).to.equal("L'heure de fin doit être après l'heure de début.");
    expect(deep(form, '#capacity-error')).to.equal(null);

    fill(input(form, '#end'), '12:00');
    input(form, '#mode-online').click();
    await waitFor(form, '#url');
    fill(input(form, '#url'), 'javascript:alert(1)');
    button(form, 'Planifier la session')!.click();
    const urlError = await waitFor(form, '#location-url-error');
    expect(urlError.textContent).to.contain('https://');
    expect(textOf(counterRow(dashboard, 'atelier'))).to.contain('0 / 10');
  });

  it('speaks English with lang="en", field errors included', async () => {
    const m = await mission();
    const { dashboard } = await dashboardOf(m, 'en');
    const { planner, form } = await openNewSession(dashboard, 'Plan a session');
    const text = textOf(planner);
    for (const label of ['New session', 'Session type', 'Workshop', 'Start time', 'Number of seats', 'Other facilitators will come', 'I will facilitate this session']) {
      expect(text).to.contain(label);
    }
    fill(input(form, '#date'), inDays(20));
    fill(input(form, '#address'), 'Town hall');
    fill(input(form, '#capacity'), '5000');
    button(form, 'Plan the session')!.click();
    expect((await waitFor(form, '#capacity-error')).textContent).to.equal('Enter a number of seats between 1 and 1000.');
    await expect(planner).to.be.accessible();
  });

  it('edits a session and cancels it after a confirmation', async () => {
    const m = await mission();
    const s = await session(m, { capacity: 12 });
    const { dashboard } = await dashboardOf(m);
    const row = () => deep(dashboard, `tr[data-session="${s.sessionId}"]`)!;
    expect(textOf(row())).to.contain('0 / 12');
    row().querySelector('button')!.click();
    const planner = await waitFor<FreskSessionPlannerElement>(dashboard, 'fresk-session-planner');
    const form = await waitFor(planner, 'fresk-session-form');
    await waitUntil(() => input(form, '#capacity')?.value === '12', 'the form was not filled with the session');
    expect(input(form, '#address').value).to.equal('1 rue de la Paix, Paris');

    fill(input(form, '#capacity'), '20');
    const updated = oneEvent(planner, 'fresk-session-updated');
    button(form, 'Enregistrer les modifications')!.click();
    expect((await updated).detail.sessionId).to.equal(s.sessionId);
    await waitForText(form, 'Modifications enregistrées.');
    await waitUntil(() => textOf(row()).includes('0 / 20'), 'the dashboard did not show the new capacity');

    // Escape closes the dialog and gives focus back to the session that opened it; it opens again.
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !deep<HTMLDialogElement>(dashboard, 'dialog')!.open, 'Escape did not close the planner');
    await waitUntil(() => dashboard.shadowRoot!.activeElement === row().querySelector('button'), 'focus did not return to the session');
    row().querySelector('button')!.click();
    const reopened = await waitFor<FreskSessionPlannerElement>(dashboard, 'fresk-session-planner');
    const form2 = await waitFor(reopened, 'fresk-session-form');
    await waitUntil(() => input(form2, '#capacity')?.value === '20', 'the planner did not reopen on the session');

    button(form2, 'Annuler la session')!.click();
    const heading = await waitFor(form2, '#confirm-cancel-heading');
    expect(form2.shadowRoot!.activeElement).to.equal(heading);
    expect(textOf(form2)).to.contain("L'annulation est définitive");
    await expect(form2).to.be.accessible();
    button(form2, 'Non, garder la session')!.click();
    await waitUntil(() => !deep(form2, '#confirm-cancel-heading'), 'the confirmation stayed');
    expect((await getSession(m, s.sessionId)).status).to.equal('planned');

    button(form2, 'Annuler la session')!.click();
    const cancelled = oneEvent(reopened, 'fresk-session-cancelled');
    (await waitForButton(form2, 'Oui, annuler la session')).click();
    await cancelled;
    await waitForText(reopened, 'Cette session est annulée.');
    await waitUntil(() => textOf(row()).includes('Annulée'), 'the dashboard did not show the cancellation');
    expect((await getMission(m)).sessions[0].status).to.equal('cancelled');
    expect(button(form2, 'Enregistrer les modifications')).to.equal(null);
  });

  it('works on its own, with its own api and token attributes', async () => {
    const m = await mission();
    const planner = await fixture<FreskSessionPlannerElement>(
      html`<fresk-session-planner api=${api} token=${m.coordinator.token} mission-id=${m.missionId}></fresk-session-planner>`,
    );
    const form = await waitFor(planner, 'fresk-session-form');
    await waitFor(form, '#date');
    fill(input(form, '#date'), inDays(10));
    fill(input(form, '#address'), 'Salle B');
    const created = oneEvent(planner, 'fresk-session-created');
    button(form, 'Planifier la session')!.click();
    const { detail } = await created;
    await waitUntil(() => planner.shadowRoot!.querySelector('#tab-facilitators')?.getAttribute('aria-disabled') === 'false', 'the session did not load');
    expect((await getMission(m)).sessions.map((s: { id: string }) => s.id)).to.deep.equal([detail.sessionId]);
  });
});
