import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../widget/session-planner/session-planner.ts';
import type { FreskSessionPlannerElement } from '../../widget/session-planner/session-planner.component.ts';
import { participantsCsv } from '../../widget/session-participants/session-participants.component.ts';
import { api, call, getSession, lastSegment, mission, outbox, session, uniqueEmail, type MissionSetup } from './portal.data.ts';
import { button, deep, fill, textOf, waitFor, waitForText } from './dom.ts';

async function participantsTab(m: MissionSetup, sessionId: string, lang = 'fr') {
  const planner = await fixture<FreskSessionPlannerElement>(
    html`<fresk-session-planner lang=${lang} api=${api} token=${m.coordinator.token} session-id=${sessionId}></fresk-session-planner>`,
  );
  const tab = await waitFor(planner, '#tab-participants');
  await waitUntil(() => tab.getAttribute('aria-disabled') === 'false', 'the session did not load');
  tab.click();
  const panel = await waitFor(planner, 'fresk-session-participants');
  await waitFor(panel, 'h3');
  return { planner, panel };
}

const registerParticipant = (signupUrl: string, name: string, email = uniqueEmail()) =>
  call('participants.register', { code: lastSegment(signupUrl), name, email, consent: true }).then(() => email);

describe('Participant·es tab', function () {
  this.timeout(20000);

  it('shows seats left and who registered (names stay text), and removes a participant', async () => {
    const m = await mission();
    const s = await session(m, { capacity: 3 });
    const alice = await registerParticipant(s.participantSignupUrl, 'Alice Dupont');
    await registerParticipant(s.participantSignupUrl, '<img src=x onerror="window.pwned=1">');
    const { planner, panel } = await participantsTab(m, s.sessionId);
    await waitForText(panel, '2 inscrit·es — 1 place restante sur 3');
    const rows = [...panel.shadowRoot!.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.querySelector('th')!.textContent!.trim())).to.have.members(['Alice Dupont', '<img src=x onerror="window.pwned=1">']);
    expect(panel.shadowRoot!.querySelector('tbody img')).to.equal(null);
    expect((window as { pwned?: number }).pwned).to.equal(undefined);
    expect(textOf(panel)).to.contain(alice);
    const link = deep<HTMLInputElement>(await waitFor(panel, 'fresk-copy-link'), 'input')!;
    expect(link.value).to.equal(s.participantSignupUrl);
    await expect(planner).to.be.accessible();

    const updated = oneEvent(planner, 'fresk-session-updated');
    button(panel, 'Retirer Alice Dupont de la session')!.click();
    await updated;
    await waitForText(panel, 'Alice Dupont a été retiré·e de la session.');
    await waitForText(panel, '1 inscrit·e — 2 places restantes sur 3');
    expect((await getSession(m, s.sessionId)).participants).to.have.length(1);
  });

  it('invites participants by email with a result per address', async () => {
    const m = await mission();
    const s = await session(m, { capacity: 10 });
    const { panel } = await participantsTab(m, s.sessionId);
    const invites = await waitFor(panel, 'fresk-email-invites');
    const a = uniqueEmail('a');
    const b = uniqueEmail('b');
    fill(deep<HTMLTextAreaElement>(invites, 'textarea')!, `${a}; ${b}, nope`);
    button(invites, 'Envoyer les invitations')!.click();
    await waitForText(invites, '2 invitations envoyées, 1 adresse refusée.');
    const lines = [...deep(invites, 'ul[part="results"]')!.querySelectorAll('li')].map((li) => textOf(li));
    expect(lines).to.include.members([`${a} — invitation envoyée`, `${b} — invitation envoyée`, "nope — refusée : ce n'est pas une adresse email valide"]);
    const sent = (await outbox()).filter((x) => x.to === a || x.to === b);
    expect(sent).to.have.length(2);
  });

  it('exports the participants as a CSV for Excel (BOM, ;, formulas neutralised), built in the browser', async () => {
    const m = await mission();
    const s = await session(m, { capacity: 5 });
    await registerParticipant(s.participantSignupUrl, 'Zoé; "la" Verte', 'zoe@example.org');
    await registerParticipant(s.participantSignupUrl, '=SUM("evil")', 'eve@example.org'); // names carry no link: a formula without one
    const { panel } = await participantsTab(m, s.sessionId);
    await waitFor(panel, 'tbody tr');

    const blobs: Blob[] = [];
    const original = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob) => (blobs.push(blob), original.call(URL, blob));
    try {
      button(panel, 'Exporter CSV')!.click();
    } finally {
      URL.createObjectURL = original;
    }
    expect(blobs).to.have.length(1);
    expect(blobs[0].type).to.equal('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await blobs[0].arrayBuffer());
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const lines = (await blobs[0].text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).to.equal('name;email;registeredAt');
    expect(lines).to.include.members([`"Zoé; ""la"" Verte";zoe@example.org;${(await getSession(m, s.sessionId)).participants.find((p: { email: string }) => p.email === 'zoe@example.org').registeredAt}`]);
    expect(lines.find((l) => l.includes('eve@example.org'))).to.match(/^"'=SUM\(""evil""\)";eve@example.org;/);
    expect(participantsCsv([])).to.equal('\uFEFFname;email;registeredAt\r\n');
  });

  it('replaces the signup link, and speaks English with lang="en"', async () => {
    const m = await mission();
    const s = await session(m, { capacity: 4 });
    const { panel } = await participantsTab(m, s.sessionId, 'en');
    await waitForText(panel, '0 registered — 4 seats left out of 4');
    expect(textOf(panel)).to.contain('Participant signup link');
    expect(textOf(panel)).to.contain('Nobody is registered yet.');
    button(panel, 'Create a new link')!.click();
    await waitForText(panel, 'New link created: the old one no longer works.');
    const link = deep<HTMLInputElement>(deep(panel, 'fresk-copy-link')!, 'input')!;
    await waitUntil(() => link.value !== s.participantSignupUrl, 'the link did not change');
    let refused = '';
    await registerParticipant(s.participantSignupUrl, 'Late Comer').catch((e: Error) => (refused = e.message));
    expect(refused).to.contain('invalid_token');
  });
});
