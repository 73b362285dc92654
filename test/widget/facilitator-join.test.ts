import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../widget/fresk-missions.ts';
import type { FreskMissionsElement } from '../../widget/fresk-missions/fresk-missions.component.ts';
import { api, call, getMission, lastSegment, mission, outbox, person, register, session } from './portal.data.ts';
import { button, deep, fill, textOf, waitFor, waitForText } from './dom.ts';

async function acceptView(join: string, token?: string, lang = 'fr') {
  const el = await fixture<FreskMissionsElement>(html`<fresk-missions lang=${lang} api=${api} token=${token ?? ''} join=${join}></fresk-missions>`);
  const view = await waitFor(el, 'fresk-facilitator-join');
  await waitFor(view, 'dl, [role="alert"].error:not(:empty)');
  return { el, view };
}

describe('Accepting a facilitator invitation', function () {
  this.timeout(20000);

  it('shows the session, client and slots left, and "Accepter" registers the facilitator', async () => {
    const m = await mission({ organization: 'Mairie de Nantes' });
    const s = await session(m, { extraFacilitators: 2 });
    const ines = await person('Inès Animatrice');
    const { el, view } = await acceptView(lastSegment(s.facilitatorInviteUrl), ines.token);
    const text = textOf(view);
    expect(text).to.contain('Invitation à animer une session');
    expect(text).to.contain(`${m.coordinator.name} t'invite à animer cette session.`);
    expect(text).to.contain('Mairie de Nantes');
    expect(text).to.contain('Atelier');
    expect(text).to.contain('1 rue de la Paix, Paris');
    expect(text).to.contain('2 places restantes');
    await expect(el).to.be.accessible();

    const joined = oneEvent(el, 'fresk-facilitator-joined');
    button(view, 'Accepter')!.click();
    expect((await joined).detail.sessionId).to.equal(s.sessionId);
    await waitForText(view, "C'est noté : tu es inscrit·e sur cette session.");
    expect(button(view, 'Accepter')).to.equal(null);
    const counters = (await getMission(m)).order[0];
    expect(counters.planned).to.equal(2);
    expect(counters.openSlots).to.equal(1);

    button(el, 'Voir mes sessions')!.click();
    await waitForText(el, 'Mes sessions');
    expect(textOf(el)).to.contain(m.title);
  });

  it('says clearly when a personal invitation is for someone else', async () => {
    const m = await mission();
    const s = await session(m, { extraFacilitators: 1 });
    const invitee = await person('Invitée Personnelle');
    await call('facilitators.invite', { sessionId: s.sessionId, emails: [invitee.email] }, m.coordinator.token);
    const mail = (await outbox()).filter((o) => o.to === invitee.email && o.template === 'facilitator_invitation').pop()!;
    const secret = lastSegment(mail.links.find((l) => l.includes('/join/'))!);
    const other = await person('Quelqu Autre');
    const { el, view } = await acceptView(secret, other.token);
    button(view, 'Accepter')!.click();
    await waitForText(view, 'Cette invitation personnelle a été envoyée à une autre adresse email');
    await expect(el).to.be.accessible();
  });

  it('gives each refusal in words: already registered, not OF-compliant, invalid link, no slot left', async () => {
    const m = await mission();
    const s = await session(m, { extraFacilitators: 1 });
    const link = lastSegment(s.facilitatorInviteUrl);

    const coord = await acceptView(link, m.coordinator.token);
    button(coord.view, 'Accepter')!.click();
    await waitForText(coord.view, 'Tu es déjà inscrit·e sur cette session : rien de plus à faire.');

    const paul = await person('Paul Pas-OF', 'facilitator', false);
    const notOf = await acceptView(link, paul.token);
    button(notOf.view, 'Accepter')!.click();
    await waitForText(notOf.view, 'Seul·es les animateur·ices conformes OF peuvent intervenir sur cette session.');

    const invalid = await acceptView('not-a-real-token', paul.token);
    await waitForText(invalid.view, "Ce lien d'invitation n'est pas valide");
    expect(button(invalid.view, 'Accepter')).to.equal(null);
    await expect(invalid.el).to.be.accessible();

    const ines = await person('Inès Animatrice');
    await call('facilitators.join', { token: link }, ines.token);
    const full = await acceptView(link, (await person('Jules Animateur')).token);
    await waitForText(full.view, 'aucune place restante');
    expect(textOf(full.view)).to.contain("toutes les places d'animateur·ice sont déjà prises.");
    expect(button(full.view, 'Accepter')).to.equal(null);
  });

  it('accepts a personal email invitation, and asks to sign in first when there is no token', async () => {
    const m = await mission();
    const s = await session(m, { extraFacilitators: 1 });
    const lea = await person('Léa Animatrice');
    await register(lea, true);
    await call('facilitators.invite', { sessionId: s.sessionId, emails: [lea.email] }, m.coordinator.token);
    const mail = (await outbox()).find((x) => x.to === lea.email)!;
    const link = mail.links.find((l) => l.includes('/join/'))!;

    const anonymous = await acceptView(lastSegment(link));
    const auth = oneEvent(anonymous.el, 'fresk-auth-required');
    button(anonymous.view, 'Accepter')!.click();
    await auth;
    const signIn = await waitFor(anonymous.view, 'fresk-sign-in');
    await waitForText(signIn, "Connecte-toi pour accepter l'invitation");
    await expect(anonymous.el).to.be.accessible();

    const { view } = await acceptView(lastSegment(link), lea.token);
    button(view, 'Accepter')!.click();
    await waitForText(view, "C'est noté");
    const again = await acceptView(lastSegment(link), lea.token);
    await waitForText(again.view, "Ce lien d'invitation n'est pas valide");
  });

  it('speaks English with lang="en"', async () => {
    const m = await mission();
    const s = await session(m, { extraFacilitators: 1 });
    const { view } = await acceptView(lastSegment(s.facilitatorInviteUrl), (await person('Ana')).token, 'en');
    expect(textOf(view)).to.contain('Invitation to facilitate a session');
    expect(textOf(view)).to.contain('1 slot left');
    expect(button(view, 'Accept')).to.exist;
  });
});

describe('Signing in by email (magic link)', function () {
  this.timeout(20000);

  it('asks for a link that brings the person back to the page they were on (return-path), in their language', async () => {
    const m = await mission();
    const el = await fixture<FreskMissionsElement>(html`<fresk-missions lang="en" api=${api} return-path="/missions/abc123"></fresk-missions>`);
    const signIn = await waitFor(el, 'fresk-sign-in');
    await waitForText(signIn, 'Sign in');
    fill(deep<HTMLInputElement>(signIn, '#email')!, m.coordinator.email);
    button(signIn, 'Send me a sign-in link')!.click();
    await waitForText(signIn, 'If this address is known, a sign-in link has just been sent to it.');
    await waitUntil(async () => (await outbox()).some((x) => x.to === m.coordinator.email && x.template === 'magic_link'), 'no sign-in email');
    const mail = (await outbox()).find((x) => x.to === m.coordinator.email && x.template === 'magic_link')!;
    expect(mail.subject).to.equal('Your Fresk missions sign-in link');
    const link = new URL(mail.links.find((l) => l.includes('/auth/'))!);
    expect(link.searchParams.get('next')).to.equal('/missions/abc123');
  });
});
