import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../widget/session-planner/session-planner.ts';
import type { FreskSessionPlannerElement } from '../../widget/session-planner/session-planner.component.ts';
import { api, call, getMission, getSession, lastSegment, mission, outbox, person, register, session, uniqueEmail, type MissionSetup } from './portal.data.ts';
import { button, deep, fill, textOf, waitFor, waitForButton, waitForText } from './dom.ts';

async function facilitatorsTab(m: MissionSetup, sessionId: string, lang = 'fr') {
  const planner = await fixture<FreskSessionPlannerElement>(
    html`<fresk-session-planner lang=${lang} api=${api} token=${m.coordinator.token} session-id=${sessionId}></fresk-session-planner>`,
  );
  const tab = await waitFor(planner, '#tab-facilitators');
  await waitUntil(() => tab.getAttribute('aria-disabled') === 'false', 'the session did not load');
  tab.click();
  const panel = await waitFor(planner, 'fresk-session-facilitators');
  await waitFor(panel, 'table');
  return { planner, panel };
}

const statusSelect = (panel: HTMLElement, name: string) => deep<HTMLSelectElement>(panel, `select[aria-label="Statut de ${name}"]`)!;

describe('Animateur·ices tab', function () {
  this.timeout(20000);

  it('lists who is registered with status and retribution, and changes a status (no bénévole outside education)', async () => {
    const m = await mission({ sector: 'entreprise' });
    const s = await session(m, { extraFacilitators: 2 });
    const ines = await person('Inès Animatrice');
    await call('facilitators.join', { token: lastSegment(s.facilitatorInviteUrl) }, ines.token);
    const { planner, panel } = await facilitatorsTab(m, s.sessionId);
    await waitForText(panel, '2 inscrit·es sur 3 attendu·es — 1 place ouverte');
    const text = textOf(panel);
    expect(text).to.contain(m.coordinator.name);
    expect(text).to.contain(ines.email);
    expect(text).to.contain('Rémunéré·e');
    const select = statusSelect(panel, ines.name);
    expect([...select.options].map((o) => o.value)).to.deep.equal(['remunere', 'interne']);
    expect(text).to.contain('Le statut bénévole est réservé aux missions du secteur enseignement.');
    await expect(planner).to.be.accessible();

    const updated = oneEvent(planner, 'fresk-session-updated');
    fill(select, 'interne');
    await updated;
    await waitForText(panel, `Statut de ${ines.name} : Interne.`);
    const saved = await getSession(m, s.sessionId);
    expect(saved.facilitators.find((f: { email: string }) => f.email === ines.email).status).to.equal('interne');
    await waitForText(panel, 'Sans rétribution');
  });

  it('offers bénévole on an education mission', async () => {
    const m = await mission({ sector: 'enseignement', organization: 'Lycée Victor Hugo' });
    const s = await session(m);
    const { panel } = await facilitatorsTab(m, s.sessionId);
    const select = statusSelect(panel, m.coordinator.name);
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(['Rémunéré·e', 'Interne', 'Bénévole']);
    fill(select, 'benevole');
    await waitForText(panel, `Statut de ${m.coordinator.name} : Bénévole.`);
    expect((await getSession(m, s.sessionId)).facilitators[0].status).to.equal('benevole');
  });

  it('invites several addresses at once and shows, per address, invited or refused and why', async () => {
    const m = await mission();
    const s = await session(m, { extraFacilitators: 3 });
    const ok = await person('Odile OK');
    const notOf = await person('Paul Pas-OF', 'facilitator', false);
    await register(ok, true);
    await register(notOf, false);
    const { panel } = await facilitatorsTab(m, s.sessionId);
    const invites = await waitFor(panel, 'fresk-email-invites');
    const fresh = uniqueEmail('nouvelle');
    fill(deep<HTMLTextAreaElement>(invites, 'textarea')!, `${ok.email}, ${notOf.email}\npas-une-adresse ${fresh}`);
    button(invites, 'Envoyer les invitations')!.click();
    const results = await waitFor(invites, 'ul[part="results"]');
    const lines = [...results.querySelectorAll('li')].map((li) => textOf(li));
    expect(lines).to.include(`${ok.email} — invitation envoyée`);
    expect(lines).to.include(`${fresh} — invitation envoyée`);
    expect(lines).to.include(`${notOf.email} — refusée : cette personne n'est pas conforme OF : elle ne peut pas intervenir sur la session`);
    expect(lines).to.include("pas-une-adresse — refusée : ce n'est pas une adresse email valide");
    expect(textOf(invites)).to.contain('2 invitations envoyées, 2 adresses refusées.');
    expect(deep<HTMLTextAreaElement>(invites, 'textarea')!.value).to.equal(`${notOf.email}\npas-une-adresse`);
    await expect(panel).to.be.accessible();

    const mail = (await outbox()).find((x) => x.to === ok.email && x.template.includes('invit'));
    expect(mail, 'the invitation email').to.exist;
    expect(mail!.links.some((l) => l.includes('/join/'))).to.equal(true);
  });

  it('shares the link (copy, with a selected field as fallback), regenerates it, and removes a facilitator', async () => {
    const m = await mission();
    const s = await session(m, { extraFacilitators: 1 });
    const ines = await person('Inès Animatrice');
    await call('facilitators.join', { token: lastSegment(s.facilitatorInviteUrl) }, ines.token);
    const { planner, panel } = await facilitatorsTab(m, s.sessionId);
    const copy = await waitFor(panel, 'fresk-copy-link');
    const field = deep<HTMLInputElement>(copy, 'input')!;
    expect(field.value).to.equal(s.facilitatorInviteUrl);
    expect(field.readOnly).to.equal(true);
    button(copy, 'Copier le lien')!.click();
    await waitForText(copy, /Lien copié\.|le lien est sélectionné/);

    button(panel, 'Créer un nouveau lien')!.click();
    await waitForText(panel, "Nouveau lien créé : l'ancien ne fonctionne plus.");
    await waitUntil(() => field.value !== s.facilitatorInviteUrl, 'the link did not change');
    expect(field.value).to.contain('/join/');
    let oldLink = '';
    await call('facilitators.invitation', { token: lastSegment(s.facilitatorInviteUrl) }, undefined, 'query').catch((e: Error) => (oldLink = e.message));
    expect(oldLink).to.contain('invalid_token');

    const updated = oneEvent(planner, 'fresk-session-updated');
    button(panel, `Retirer ${ines.name} de la session`)!.click();
    await updated;
    await waitForText(panel, `${ines.name} a été retiré·e de la session.`);
    await waitUntil(() => !textOf(deep(panel, 'table')!).includes(ines.email), 'the facilitator stayed in the list');
    expect((await getMission(m)).sessions[0].facilitatorsCount).to.equal(1);
  });

  it('speaks English with lang="en"', async () => {
    const m = await mission();
    const s = await session(m, { extraFacilitators: 1 });
    const { panel } = await facilitatorsTab(m, s.sessionId, 'en');
    await waitForText(panel, '1 registered out of 2 expected — 1 open slot');
    expect(textOf(panel)).to.contain('Facilitator invitation link');
    expect(button(panel, 'Send the invitations')).to.exist;
    expect(deep(panel, `select[aria-label="Status of ${m.coordinator.name}"]`)).to.exist;
    await waitForButton(panel, 'Copy the link');
  });
});
