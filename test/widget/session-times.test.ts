/**
 * Sessions of any length and in any time zone, through the form: across midnight, over several days, in
 * another zone; shown with their duration, and edited without their times moving. Days are Paris days from
 * today at fixed local times (or fixed dates), so nothing depends on the hour or the machine's zone.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../widget/fresk-missions.ts';
import type { FreskMissionsElement } from '../../widget/fresk-missions/fresk-missions.component.ts';
import type { FreskSessionPlannerElement } from '../../widget/session-planner/session-planner.component.ts';
import { offsetMinutes } from '../../domain/time.ts';
import { viewerTimeZone } from '../../widget/shared/time.ts';
import { api, call, getSession, mission, parisDay, type MissionSetup } from './portal.data.ts';
import { button, deep, fill, textOf, waitFor, waitForButton, waitForText } from './dom.ts';

async function dashboardOf(m: MissionSetup, lang = 'fr') {
  const el = await fixture<FreskMissionsElement>(html`<fresk-missions lang=${lang} api=${api} token=${m.coordinator.token} mission=${m.missionId}></fresk-missions>`);
  const dashboard = await waitFor(el, 'fresk-mission-dashboard');
  await waitFor(dashboard, 'tr[data-kind]');
  return { el, dashboard };
}

async function openPlanner(dashboard: HTMLElement, sessionId?: string) {
  if (sessionId) (await waitFor(dashboard, `tr[data-session="${sessionId}"] button`)).click();
  else (await waitForButton(dashboard, 'Planifier une session')).click();
  const planner = await waitFor<FreskSessionPlannerElement>(dashboard, 'fresk-session-planner');
  const form = await waitFor(planner, 'fresk-session-form');
  await waitFor(form, '#capacity');
  return { planner, form };
}

const input = <T extends HTMLElement = HTMLInputElement>(form: HTMLElement, selector: string) => form.shadowRoot!.querySelector<T>(selector)!;
const row = (dashboard: HTMLElement, sessionId: string) => deep(dashboard, `tr[data-session="${sessionId}"]`);

describe('Sessions of any hour and length', function () {
  this.timeout(20000);

  it('plans a 21:00–00:30 atelier across midnight, shows it with its duration, and saves it again unchanged', async () => {
    const m = await mission();
    const { dashboard } = await dashboardOf(m);
    const { planner, form } = await openPlanner(dashboard);
    const day = parisDay(40);
    const next = parisDay(41);
    fill(input(form, '#date'), day);
    await waitUntil(() => input(form, '#end-date').value === day, 'the end date did not follow the start date');
    fill(input(form, '#start'), '21:00');
    fill(input(form, '#end'), '00:30');
    fill(input(form, '#address'), 'Bar des Sciences, Lyon');
    button(form, 'Planifier la session')!.click();
    await waitForText(form, "L'heure de fin doit être après l'heure de début.");

    fill(input(form, '#end-date'), next);
    fill(input(form, '#date'), parisDay(39));
    fill(input(form, '#date'), day);
    await (form as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(input(form, '#end-date').value).to.equal(next, 'once changed, the end date stays');
    const created = oneEvent(planner, 'fresk-session-created');
    button(form, 'Planifier la session')!.click();
    const { detail } = await created;
    const saved = await getSession(m, detail.sessionId);
    expect(saved.startsAt).to.match(new RegExp(`^${day}T21:00:00\\+0[12]:00$`));
    expect(saved.endsAt).to.match(new RegExp(`^${next}T00:30:00\\+0[12]:00$`));
    expect(saved.timezone).to.equal('Europe/Paris');

    await waitForText(planner, 'Durée : 3 h 30');
    await waitUntil(() => textOf(row(dashboard, detail.sessionId) ?? dashboard).includes('3 h 30'), 'the dashboard did not show the duration');
    expect(textOf(row(dashboard, detail.sessionId)!)).to.match(/21:00 – 00:30/);

    // Saving another change leaves the times as they were.
    fill(input(form, '#capacity'), '30');
    const updated = oneEvent(planner, 'fresk-session-updated');
    button(form, 'Enregistrer les modifications')!.click();
    await updated;
    const again = await getSession(m, detail.sessionId);
    expect([again.startsAt, again.endsAt, again.capacity]).to.deep.equal([saved.startsAt, saved.endsAt, 30]);
  });

  it('shows a two-day formation over its days, and edits it without changing its times', async () => {
    const m = await mission({ order: [{ kind: 'formation', quantity: 2 }] });
    const { sessionId } = await call('sessions.create', {
      missionId: m.missionId,
      kind: 'formation',
      startsAt: '2027-01-12T09:00:00+01:00',
      endsAt: '2027-01-13T17:00:00+01:00',
      location: { mode: 'onsite', address: 'Campus, Nantes' },
      capacity: 12,
      extraFacilitators: 0,
    }, m.coordinator.token);
    const { dashboard } = await dashboardOf(m);
    await waitUntil(() => row(dashboard, sessionId), 'the session is not listed');
    expect(textOf(row(dashboard, sessionId)!)).to.contain('mar. 12 – mer. 13 janvier 2027');
    expect(textOf(row(dashboard, sessionId)!)).to.contain('2 jours');

    const { planner, form } = await openPlanner(dashboard, sessionId);
    await waitUntil(() => input(form, '#date').value === '2027-01-12', 'the form was not filled');
    expect([input(form, '#start').value, input(form, '#end-date').value, input(form, '#end').value]).to.deep.equal(['09:00', '2027-01-13', '17:00']);
    expect(textOf(deep(planner, '.when')!)).to.contain('mar. 12 – mer. 13 janvier 2027, 09:00 – 17:00');
    fill(input(form, '#title'), 'Formation des formateur·ices');
    const updated = oneEvent(planner, 'fresk-session-updated');
    button(form, 'Enregistrer les modifications')!.click();
    await updated;
    const saved = await getSession(m, sessionId);
    expect([saved.startsAt, saved.endsAt, saved.title]).to.deep.equal(['2027-01-12T09:00:00+01:00', '2027-01-13T17:00:00+01:00', 'Formation des formateur·ices']);
  });

  it("plans an online session in another time zone, shown in that zone and in the viewer's own", async () => {
    const m = await mission();
    const { dashboard } = await dashboardOf(m);
    const { planner, form } = await openPlanner(dashboard);
    const day = parisDay(50);
    fill(input(form, '#date'), day);
    fill(input(form, '#start'), '10:00');
    fill(input(form, '#end'), '12:00');
    fill(input<HTMLSelectElement>(form, '#timezone'), 'other');
    const other = await waitFor<HTMLInputElement>(form, '#other-zone');
    fill(other, 'Mars/Olympus_Mons');
    input(form, '#mode-online').click();
    fill(await waitFor<HTMLInputElement>(form, '#url'), 'https://visio.example.org/a,b;c');
    button(form, 'Planifier la session')!.click();
    await waitForText(form, 'Choisis un fuseau horaire connu');
    expect(other.getAttribute('aria-invalid')).to.equal('true');

    fill(input<HTMLSelectElement>(form, '#timezone'), 'America/Martinique');
    const created = oneEvent(planner, 'fresk-session-created');
    button(form, 'Planifier la session')!.click();
    const { detail } = await created;
    const saved = await getSession(m, detail.sessionId);
    expect(saved.startsAt).to.equal(`${day}T10:00:00-04:00`);
    expect(saved.timezone).to.equal('America/Martinique');
    await waitForText(planner, '10:00 – 12:00');
    const differs = offsetMinutes(viewerTimeZone(), Date.parse(saved.startsAt)) !== -240;
    expect(textOf(planner).includes('À ton heure')).to.equal(differs);
    await expect(planner).to.be.accessible();
  });
});
