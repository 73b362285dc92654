/**
 * The public pages of the day and after, in Chromium at 390 px against the real server: self check-in
 * (a registered address, then an unknown one that needs a name and consent) and the satisfaction survey
 * (radio groups by keyboard, thank-you, "déjà répondu" on a second visit), French and English, axe clean.
 * Sessions are placed relative to the real clock (an hour from now), so nothing depends on the hour.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../widget/fresk-checkin/fresk-checkin.ts';
import '../../widget/fresk-survey/fresk-survey.ts';
import type { FreskCheckIn } from '../../widget/fresk-checkin/fresk-checkin.ts';
import type { FreskSurvey } from '../../widget/fresk-survey/fresk-survey.ts';
import { emailedSecret } from './fresk-invite.data.ts';
import { api, call, mission, uniqueEmail } from './portal.data.ts';

const hour = 3600_000;
const $ = <T extends Element = HTMLElement>(el: HTMLElement, s: string) => el.shadowRoot!.querySelector<T>(s);
const text = (el: HTMLElement) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

/** A session of a new mission from `startIn` to `endIn` ms from now, in `language`. */
async function daySession(startIn: number, endIn: number, language: 'fr' | 'en' = 'fr') {
  const m = await mission({ organization: 'ACME Industries' });
  const iso = (t: number) => new Date(Math.floor(t / 60_000) * 60_000).toISOString();
  const s = await call<{ sessionId: string; participantSignupUrl: string; checkInUrl: string }>(
    'sessions.create',
    { missionId: m.missionId, kind: 'atelier', title: 'Fresque du Climat ACME', startsAt: iso(Date.now() + startIn), endsAt: iso(Date.now() + endIn), location: { mode: 'onsite', address: '12 rue des Lilas, Paris' }, capacity: 10, extraFacilitators: 0, language },
    m.coordinator.token,
  );
  return { ...s, token: m.coordinator.token, code: decodeURIComponent(new URL(s.checkInUrl).pathname.split('/checkin/')[1]), signup: new URL(s.participantSignupUrl).pathname.split('/signup/')[1] };
}

async function loaded<T extends HTMLElement & { updateComplete: Promise<boolean> }>(el: T): Promise<T> {
  await el.updateComplete;
  await waitUntil(() => !$(el, '[role="status"]') || $(el, 'form'), 'never loaded', { timeout: 5000 });
  await el.updateComplete;
  return el;
}

async function typeInto(el: HTMLElement, selector: string, value: string) {
  $<HTMLInputElement>(el, selector)!.focus();
  await sendKeys({ type: value });
}

describe('/checkin page: <fresk-checkin>', function () {
  this.timeout(20000);
  before(() => setViewport({ width: 390, height: 844 }));

  it('checks in a registered person with the keyboard, in French (vous), axe clean', async () => {
    const s = await daySession(30 * 60_000, 3 * hour);
    const email = uniqueEmail('zoe');
    await call('participants.register', { code: s.signup, name: 'Zoé Martin', email, consent: true });
    const el = await loaded(await fixture<FreskCheckIn>(html`<fresk-checkin api=${api} code=${s.code}></fresk-checkin>`));
    expect(text(el)).to.contain('Fresque du Climat ACME');
    expect(text(el)).to.contain('Indiquez');
    await expect(el).to.be.accessible();
    await typeInto(el, '#email', email);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, '#outcome'), 'no confirmation', { timeout: 5000 });
    expect(text(el)).to.contain('Merci Zoé Martin, votre présence est enregistrée');
    expect(el.shadowRoot!.activeElement?.id).to.equal('outcome');
    await expect(el).to.be.accessible();
    const sheet = await call<{ participants: { email: string; attendance: string; checkedInBy: string }[] }>('attendance.get', { sessionId: s.sessionId }, s.token, 'query');
    expect(sheet.participants.find((p) => p.email === email)).to.include({ attendance: 'present', checkedInBy: 'self' });
  });

  it('asks an unknown address for a name and consent, then adds a walk-in; English by the session', async () => {
    const s = await daySession(30 * 60_000, 3 * hour, 'en');
    const el = await loaded(await fixture<FreskCheckIn>(html`<fresk-checkin api=${api} code=${s.code}></fresk-checkin>`));
    expect(text(el)).to.contain('Enter the email address you registered with');
    await typeInto(el, '#email', uniqueEmail('walk'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, '#name'), 'no name field', { timeout: 5000 });
    expect(el.shadowRoot!.activeElement?.id).to.equal('name');
    await expect(el).to.be.accessible();
    await sendKeys({ type: 'Nguyễn An' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, '#outcome'), 'no confirmation', { timeout: 5000 });
    expect(text(el)).to.contain('Thank you Nguyễn An');
    const sheet = await call<{ participants: { name: string; source: string }[] }>('attendance.get', { sessionId: s.sessionId }, s.token, 'query');
    expect(sheet.participants[0]).to.include({ name: 'Nguyễn An', source: 'walk_in' });
  });

  it('says when check-in opens for a session tomorrow', async () => {
    const s = await daySession(26 * hour, 28 * hour);
    const el = await loaded(await fixture<FreskCheckIn>(html`<fresk-checkin api=${api} code=${s.code}></fresk-checkin>`));
    expect(text(el)).to.contain("L'enregistrement n'est pas encore ouvert");
    expect(text(el)).to.contain('Ouverture');
    await expect(el).to.be.accessible();
  });
});

describe('/survey page: <fresk-survey>', function () {
  this.timeout(20000);
  before(() => setViewport({ width: 390, height: 844 }));

  /** An ended session with one walk-in served: the survey token of their follow-up email. */
  async function served(language: 'fr' | 'en' = 'fr') {
    const s = await daySession(-4 * hour, -hour, language);
    const email = uniqueEmail('ana');
    await call('attendance.addWalkIn', { sessionId: s.sessionId, name: 'Ana Lima', email }, s.token);
    await call('followUp.send', { sessionId: s.sessionId }, s.token);
    return { ...s, survey: await emailedSecret(email, 'follow_up', 'survey') };
  }

  it('takes the answers by keyboard, thanks, and says already answered on a second visit', async () => {
    const s = await served();
    const el = await loaded(await fixture<FreskSurvey>(html`<fresk-survey api=${api} token=${s.survey}></fresk-survey>`));
    expect(text(el)).to.contain('Bonjour Ana Lima');
    expect(el.shadowRoot!.querySelectorAll('fieldset')).to.have.length(4);
    await expect(el).to.be.accessible();
    // Submitting empty names the missing questions and focuses the first.
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(text(el)).to.contain('Répondez aux questions signalées');
    expect((el.shadowRoot!.activeElement as HTMLInputElement).name).to.equal('overall');
    // Arrow keys choose within a group (1 → 5), Tab goes to the next group.
    await sendKeys({ press: 'Space' });
    for (let i = 0; i < 4; i++) await sendKeys({ press: 'ArrowRight' });
    $<HTMLInputElement>(el, 'input[name="content"][value="4"]')!.focus();
    await sendKeys({ press: 'Space' });
    $<HTMLInputElement>(el, 'input[name="facilitation"][value="5"]')!.focus();
    await sendKeys({ press: 'Space' });
    $<HTMLInputElement>(el, 'input[name="recommend"][value="9"]')!.focus();
    await sendKeys({ press: 'Space' });
    await typeInto(el, '#takeaway', 'Parler climat au travail');
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, '#outcome'), 'no thank-you', { timeout: 5000 });
    expect(text(el)).to.contain('Merci !');
    await expect(el).to.be.accessible();
    const results = await call<{ responses: number; averages: { overall: number }; nps: number; comments: { takeaway: string }[] }>('followUp.results', { sessionId: s.sessionId }, s.token, 'query');
    expect(results).to.deep.include({ responses: 1, nps: 100 });
    expect(results.averages.overall).to.equal(5);
    expect(results.comments[0].takeaway).to.equal('Parler climat au travail');
    const again = await loaded(await fixture<FreskSurvey>(html`<fresk-survey api=${api} token=${s.survey}></fresk-survey>`));
    expect(text(again)).to.contain('Déjà répondu');
  });

  it('speaks English for an English session', async () => {
    const s = await served('en');
    const el = await loaded(await fixture<FreskSurvey>(html`<fresk-survey api=${api} token=${s.survey}></fresk-survey>`));
    expect(text(el)).to.contain('Overall, how satisfied are you');
    await expect(el).to.be.accessible();
  });
});
