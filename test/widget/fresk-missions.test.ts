import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../widget/fresk-missions.ts';
import type { FreskMissionsElement } from '../../widget/fresk-missions/fresk-missions.component.ts';
import { api, call, lastSegment, mission, person, session } from './portal.data.ts';
import { button, deep, fill, textOf, waitFor, waitForButton, waitForText } from './dom.ts';

describe('<fresk-missions>', function () {
  this.timeout(20000);

  it('lists the missions the coordinator coordinates, with their order counters, in French by default', async () => {
    const m = await mission({ order: [{ kind: 'atelier', quantity: 10 }, { kind: 'formation', quantity: 2 }], organization: 'Mairie de Lyon' });
    await session(m, { extraFacilitators: 2 });
    const el = await fixture<FreskMissionsElement>(html`<fresk-missions api=${api} token=${m.coordinator.token}></fresk-missions>`);
    await waitForButton(el, m.title);
    const text = textOf(el);
    expect(text).to.contain('Mes missions');
    expect(text).to.contain('Client : Mairie de Lyon');
    expect(text).to.contain('Atelier : 1 / 10');
    expect(text).to.contain('Formation : 0 / 2');
    expect(text).to.contain('En cours');
    await expect(el).to.be.accessible();
  });

  it("opens a mission's dashboard: counters per kind with the over-order, sessions, staffing and seats", async () => {
    const m = await mission({ order: [{ kind: 'atelier', quantity: 1 }] });
    await session(m, { extraFacilitators: 2, capacity: 12 });
    await session(m, { daysFromNow: 40 });
    const el = await fixture<FreskMissionsElement>(html`<fresk-missions api=${api} token=${m.coordinator.token}></fresk-missions>`);
    (await waitForButton(el, m.title)).click();
    const dashboard = await waitFor(el, 'fresk-mission-dashboard');
    await waitForText(dashboard, 'Commande');
    const row = deep(dashboard, 'tr[data-kind="atelier"]')!;
    expect(textOf(row)).to.contain('2 / 1 — 1 au-delà de la commande');
    expect(textOf(deep(row, '.sessions')!)).to.equal('2');
    expect(textOf(deep(row, '.open-slots')!)).to.equal('2');
    const sessions = dashboard.shadowRoot!.querySelectorAll('tbody tr[data-session]');
    expect(sessions.length).to.equal(2);
    expect(textOf(sessions[0])).to.contain('1 / 3');
    expect(textOf(sessions[0])).to.contain('0 / 12');
    expect(textOf(sessions[0])).to.contain('Planifiée');
    expect(button(dashboard, 'Planifier une session')).to.exist;
    await waitUntil(() => dashboard.shadowRoot!.activeElement?.tagName === 'H2', 'the title did not take focus');
    await expect(el).to.be.accessible();

    const missionSelected = oneEvent(el, 'fresk-mission-selected');
    button(el, /Toutes mes missions/)!.click();
    expect((await missionSelected).detail.missionId).to.equal(null);
    await waitUntil(() => el.shadowRoot!.activeElement?.textContent === m.title, 'focus did not return to the mission');
  });

  it('opens the mission given by the `mission` attribute, in English with lang="en"', async () => {
    const m = await mission({ order: [{ kind: 'formation', quantity: 1 }] });
    await session(m, { kind: 'formation' });
    await session(m, { kind: 'formation' });
    const el = await fixture<FreskMissionsElement>(
      html`<fresk-missions lang="en" api=${api} token=${m.coordinator.token} mission=${m.missionId}></fresk-missions>`,
    );
    const dashboard = await waitFor(el, 'fresk-mission-dashboard');
    await waitForText(dashboard, 'Order');
    const text = textOf(dashboard);
    expect(text).to.contain('Training');
    expect(text).to.contain('2 / 1 — 1 beyond the order');
    expect(text).to.contain('Facilitator pay');
    expect(button(dashboard, 'Plan a session')).to.exist;
    expect(button(el, /All my missions/)).to.exist;
    await expect(el).to.be.accessible();

    el.lang = 'fr';
    await waitForText(dashboard, 'au-delà de la commande');
  });

  it('shows "Mes sessions" to a facilitator who coordinates nothing', async () => {
    const m = await mission({ title: 'Fresque pour le lycée' });
    const s = await session(m, { extraFacilitators: 1 });
    const ines = await person('Inès Animatrice');
    await call('facilitators.join', { token: lastSegment(s.facilitatorInviteUrl) }, ines.token);
    const el = await fixture<FreskMissionsElement>(html`<fresk-missions api=${api} token=${ines.token}></fresk-missions>`);
    await waitForText(el, 'Mes sessions');
    expect(textOf(el)).to.contain('Fresque pour le lycée');
    expect(textOf(el)).to.contain('1 rue de la Paix, Paris');
    await expect(el).to.be.accessible();
  });

  it('without a valid token, asks the host for one and offers the magic-link sign-in', async () => {
    const el = await fixture<FreskMissionsElement>(html`<fresk-missions api=${api} token="not-a-jwt"></fresk-missions>`);
    const auth = await oneEvent(el, 'fresk-auth-required');
    expect(auth.detail.reason).to.equal('unauthorized');
    const signIn = await waitFor(el, 'fresk-sign-in');
    await waitForText(signIn, 'Connexion');
    await expect(el).to.be.accessible();

    const email = deep<HTMLInputElement>(signIn, '#email')!;
    fill(email, 'pas-une-adresse');
    button(signIn, 'Recevoir un lien de connexion')!.click();
    await waitForText(signIn, 'Indique une adresse email valide');
    expect(email.getAttribute('aria-invalid')).to.equal('true');

    fill(email, 'quelqu.un@example.org');
    const sent = oneEvent(el, 'fresk-sign-in-link-sent');
    button(signIn, 'Recevoir un lien de connexion')!.click();
    expect((await sent).detail.email).to.equal('quelqu.un@example.org');
    await waitForText(signIn, "Si cette adresse est connue, un lien de connexion vient d'y être envoyé");

    // The host answers fresk-auth-required with a fresh token: the element loads by itself.
    const m = await mission({ title: 'Mission après reconnexion' });
    el.token = m.coordinator.token;
    await waitForButton(el, 'Mission après reconnexion');
  });

  it('takes its client from a surrounding <fresk-token>, and reloads when the host sets a new token', async () => {
    const first = await mission({ title: 'Mission de Anne' });
    const second = await mission({ title: 'Mission de Bruno' });
    const wrapper = await fixture<HTMLElement>(
      html`<fresk-token api=${api} token=${first.coordinator.token}><fresk-missions></fresk-missions></fresk-token>`,
    );
    const el = wrapper.querySelector('fresk-missions')!;
    await waitForButton(el, 'Mission de Anne');
    wrapper.setAttribute('token', second.coordinator.token);
    await waitForButton(el, 'Mission de Bruno');
    expect(button(el, 'Mission de Anne')).to.equal(null);
  });
});
