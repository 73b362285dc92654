/**
 * Issue 16 in the browser: the waiting list and invitations in the Participant·es tab, invitations in the
 * Animateur·ices tab, and "Mes sessions" (calendar, feed, "me retirer"), at 390 px with axe.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../widget/session-planner/session-planner.ts';
import '../../widget/fresk-missions/fresk-missions.ts';
import type { FreskSessionPlannerElement } from '../../widget/session-planner/session-planner.component.ts';
import type { FreskMissionsElement } from '../../widget/fresk-missions/fresk-missions.component.ts';
import { api, call, getSession, lastSegment, mission, person, session, uniqueEmail, type MissionSetup } from './portal.data.ts';
import { button, textOf, waitFor, waitForText } from './dom.ts';

async function tab(m: MissionSetup, sessionId: string, which: 'participants' | 'facilitators') {
  const planner = await fixture<FreskSessionPlannerElement>(
    html`<fresk-session-planner lang="fr" api=${api} token=${m.coordinator.token} session-id=${sessionId}></fresk-session-planner>`,
  );
  const t = await waitFor(planner, `#tab-${which}`);
  await waitUntil(() => t.getAttribute('aria-disabled') === 'false', 'the session did not load');
  t.click();
  const panel = await waitFor(planner, `fresk-session-${which}`);
  await waitFor(panel, 'h3');
  return { planner, panel };
}

describe('People: waiting list, invitations, Mes sessions', function () {
  this.timeout(30000);
  before(() => setViewport({ width: 390, height: 844 }));

  it('the Participant·es tab shows the waiting list and who was invited, with "Renvoyer"', async () => {
    const m = await mission();
    const s = await session(m, { capacity: 1 });
    const code = lastSegment(s.participantSignupUrl);
    await call('participants.register', { code, name: 'Seated Person', email: uniqueEmail('seated'), consent: true });
    const waiting = uniqueEmail('waiting');
    await call('participants.register', { code, name: 'Waiting Person', email: waiting, consent: true, waitlist: true });
    const guest = uniqueEmail('guest');
    await call('participants.invite', { sessionId: s.sessionId, emails: [guest] }, m.coordinator.token);
    const { planner, panel } = await tab(m, s.sessionId, 'participants');
    await waitForText(panel, "Liste d'attente (1)");
    expect(textOf(panel)).to.contain('Waiting Person');
    await waitForText(panel, 'Invitations envoyées');
    expect(textOf(panel)).to.contain(guest);
    expect(textOf(panel)).to.contain('En attente');
    await expect(planner).to.be.accessible();
    button(panel, `Renvoyer l'invitation à ${guest}`)!.click();
    await waitUntil(async () => (await getSession(m, s.sessionId)).invitations.length === 2, 'no second invitation');
    const states = (await getSession(m, s.sessionId)).invitations.map((i: { state: string }) => i.state);
    expect(states).to.deep.equal(['revoked', 'pending']);
  });

  it('the Animateur·ices tab shows the invitations likewise', async () => {
    const m = await mission();
    const s = await session(m, { extraFacilitators: 2 });
    const invitee = uniqueEmail('invitee');
    await call('facilitators.invite', { sessionId: s.sessionId, emails: [invitee] }, m.coordinator.token);
    const { planner, panel } = await tab(m, s.sessionId, 'facilitators');
    await waitForText(panel, invitee);
    expect(textOf(panel)).to.contain('En attente');
    expect(button(panel, `Renvoyer l'invitation à ${invitee}`)).to.exist;
    await expect(planner).to.be.accessible();
  });

  it('"Mes sessions" shows status, retribution, the .ics, the feed and "Me retirer", for coordinators too', async () => {
    const m = await mission({ title: 'Mission des gens' });
    const s = await session(m, { extraFacilitators: 1 });
    const ines = await person('Inès Retirée');
    await call('facilitators.join', { token: lastSegment(s.facilitatorInviteUrl) }, ines.token);
    const el = await fixture<FreskMissionsElement>(html`<fresk-missions lang="fr" api=${api} token=${ines.token}></fresk-missions>`);
    const mine = await waitFor(el, 'fresk-my-sessions');
    await waitForText(mine, 'Mission des gens');
    const text = textOf(mine);
    expect(text).to.contain('Rémunéré·e');
    // Nothing to request before the session has taken place (the badge waits for its end).
    expect(text).not.to.contain('Rétribution à demander');
    expect(text).to.contain('Mon agenda Fresk');
    expect(mine.shadowRoot!.querySelector('a[href$=".ics"]')).to.exist;
    expect(mine.scrollWidth).to.be.at.most(390);
    await expect(el).to.be.accessible();
    button(mine, /^Me retirer de la session/)!.click();
    await waitForText(mine, 'Tu es retiré·e de la session');
    expect((await getSession(m, s.sessionId)).facilitators.map((f: { email: string }) => f.email)).not.to.include(ines.email);

    // The coordinator sees her own sessions under her missions.
    const coord = await fixture<FreskMissionsElement>(html`<fresk-missions lang="fr" api=${api} token=${m.coordinator.token}></fresk-missions>`);
    const hers = await waitFor(coord, 'fresk-my-sessions');
    await waitForText(hers, 'Mission des gens');
    await expect(coord).to.be.accessible();
  });
});
