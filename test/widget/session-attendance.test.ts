/**
 * The Émargement tab, `<fresk-session-attendance>`, in Chromium at 390 px against the real server: toggles,
 * search, "tout le monde est présent", walk-ins typed in a row, the QR code decoded back to the check-in
 * URL with jsQR, and the follow-up with its confirmation. Sessions are placed relative to the real clock.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../widget/session-attendance/session-attendance.ts';
import '../../widget/mission-dashboard/mission-dashboard.ts';
import type { FreskSessionAttendanceElement } from '../../widget/session-attendance/session-attendance.ts';
import { api, call, mission, person, register, uniqueEmail } from './portal.data.ts';
import '../../widget/fresk-missions/fresk-missions.ts';

const hour = 3600_000;
const $ = <T extends Element = HTMLElement>(el: HTMLElement, s: string) => el.shadowRoot!.querySelector<T>(s);
const $$ = <T extends Element = HTMLElement>(el: HTMLElement, s: string) => [...el.shadowRoot!.querySelectorAll<T>(s)];
const text = (el: HTMLElement) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

async function daySession(startIn: number, endIn: number, extraFacilitators = 0) {
  const m = await mission();
  const iso = (t: number) => new Date(Math.floor(t / 60_000) * 60_000).toISOString();
  const s = await call<{ sessionId: string; participantSignupUrl: string; checkInUrl: string; facilitatorInviteUrl: string }>(
    'sessions.create',
    { missionId: m.missionId, kind: 'atelier', startsAt: iso(Date.now() + startIn), endsAt: iso(Date.now() + endIn), location: { mode: 'onsite', address: '1 rue X' }, capacity: 10, extraFacilitators },
    m.coordinator.token,
  );
  return { ...s, token: m.coordinator.token, signup: new URL(s.participantSignupUrl).pathname.split('/signup/')[1] };
}

async function tab(s: { sessionId: string; token: string }, lang = 'fr') {
  const el = await fixture<FreskSessionAttendanceElement>(html`<fresk-session-attendance api=${api} token=${s.token} session-id=${s.sessionId} lang=${lang} active></fresk-session-attendance>`);
  await waitUntil(() => $(el, '#attendance-heading'), 'the sheet never loaded', { timeout: 5000 });
  return el;
}

/** jsQR is a UMD script: loaded once as a classic script, it sets window.jsQR. */
async function jsQR(): Promise<(data: Uint8ClampedArray, w: number, h: number) => { data: string } | null> {
  const w = window as unknown as { jsQR?: never };
  if (!w.jsQR) {
    await new Promise((resolve, reject) => {
      const script = Object.assign(document.createElement('script'), { src: '/node_modules/jsqr/dist/jsQR.js', onload: resolve, onerror: reject });
      document.head.append(script);
    });
  }
  return (window as unknown as { jsQR: never }).jsQR;
}

describe('<fresk-session-attendance> (tab Émargement)', function () {
  this.timeout(30000);
  before(() => setViewport({ width: 390, height: 844 }));

  it('marks people with big toggles, everyone present, adds walk-ins in a row, axe clean', async () => {
    const s = await daySession(30 * 60_000, 3 * hour);
    for (const [name, who] of [['Alice Durand', 'alice'], ['Bruno Petit', 'bruno'], ['Chloé Moreau', 'chloe']]) {
      await call('participants.register', { code: s.signup, name, email: uniqueEmail(who), consent: true });
    }
    const el = await tab(s);
    expect(text(el)).to.contain('0 présent·e / 3 inscrit·es');
    await expect(el).to.be.accessible();
    // Toggle Bruno present by keyboard.
    $<HTMLButtonElement>(el, 'button[aria-label="Bruno Petit : présent·e"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(el).includes('1 présent·e / 3'), 'Bruno not marked', { timeout: 5000 });
    expect($(el, 'button[aria-label="Bruno Petit : présent·e"]')!.getAttribute('aria-pressed')).to.equal('true');
    // Search narrows the list.
    $<HTMLInputElement>(el, '#attendance-search')!.focus();
    await sendKeys({ type: 'chlo' });
    await el.updateComplete;
    expect($$(el, 'ul.people li')).to.have.length(1);
    // Everyone not yet marked is present.
    const all = $$<HTMLButtonElement>(el, '.bar button').find((b) => b.textContent!.includes('Tout le monde'))!;
    all.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(el).includes('3 présent·es / 3'), 'not everyone present', { timeout: 5000 });
    // Two walk-ins typed in a row: focus comes back to the name.
    for (const [name, who] of [['Denis Walk', 'denis'], ['Eva Walk', 'eva']]) {
      $<HTMLInputElement>(el, '#walk-name')!.focus();
      await sendKeys({ type: name });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: uniqueEmail(who) });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => text(el).includes(`${name} est ajouté·e`), `${name} not added`, { timeout: 5000 });
      await waitUntil(() => el.shadowRoot!.activeElement?.id === 'walk-name', 'focus did not come back to the name', { timeout: 5000 });
      expect($<HTMLInputElement>(el, '#walk-name')!.value).to.equal('');
    }
    await waitUntil(() => text(el).includes('5 présent·es / 5'), 'walk-ins not counted', { timeout: 5000 });
    await expect(el).to.be.accessible();
  });

  it('shows the check-in link as a QR code that decodes back to it', async () => {
    const s = await daySession(30 * 60_000, 3 * hour);
    const el = await tab(s);
    $<HTMLButtonElement>(el, '.bar button.primary')!.click();
    const dialog = $<HTMLDialogElement>(el, 'dialog.qr')!;
    expect(dialog.open).to.equal(true);
    expect(text(el)).to.contain(s.checkInUrl);
    const svgEl = $<SVGSVGElement>(el, 'dialog.qr svg')!;
    const source = new XMLSerializer().serializeToString(svgEl);
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
    await img.decode();
    const canvas = Object.assign(document.createElement('canvas'), { width: 400, height: 400 });
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0, 400, 400);
    const decoded = (await jsQR())(ctx.getImageData(0, 0, 400, 400).data, 400, 400);
    expect(decoded?.data).to.equal(s.checkInUrl);
    await expect(el).to.be.accessible();
  });

  it('after the end: sends the follow-up after a confirmation that says to whom, in English', async () => {
    const s = await daySession(-4 * hour, -hour);
    await call('attendance.addWalkIn', { sessionId: s.sessionId, name: 'Ana Lima', email: uniqueEmail('ana') }, s.token);
    const el = await tab(s, 'en');
    const send = $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.includes('Send certificates'))!;
    send.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(text(el)).to.contain('to 1 person: Ana Lima?');
    $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.trim() === 'Send')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(el).includes('1 email sent'), 'not sent', { timeout: 5000 });
    await waitUntil(() => text(el).includes('certificate sent'), 'state not shown', { timeout: 5000 });
    await expect(el).to.be.accessible();
  });

  it('the dashboard shows who was present, the follow-up tag, the satisfaction and the closing warnings in words', async () => {
    const s = await daySession(-4 * hour, -hour);
    await call('attendance.addWalkIn', { sessionId: s.sessionId, name: 'Ana Lima', email: uniqueEmail('ana') }, s.token);
    const missionId = (await call<{ missionId: string }>('sessions.get', { sessionId: s.sessionId }, s.token, 'query')).missionId;
    const el = await fixture<HTMLElement>(html`<fresk-mission-dashboard api=${api} token=${s.token} mission-id=${missionId} lang="fr"></fresk-mission-dashboard>`);
    await waitUntil(() => $(el, `tr[data-session="${s.sessionId}"]`), 'the dashboard never loaded', { timeout: 5000 });
    const row = $(el, `tr[data-session="${s.sessionId}"]`)!.textContent!.replace(/\s+/g, ' ');
    expect(row).to.contain('1 présent·e');
    expect(row).to.contain('Attestations à envoyer');
    expect(text(el)).to.contain('Satisfaction : pas encore de réponse');
    expect(text(el)).to.contain("des personnes présentes n'ont pas encore reçu leur attestation");
    expect(text(el)).to.contain('moins d’interventions réalisées que commandées');
    // At 390 px the order table (not part of this change) scrolls without a focusable element: a known
    // finding of the dashboard, left to its owner.
    await expect(el).to.be.accessible({ ignoredRules: ['scrollable-region-focusable'] });
  });

  it('a co-facilitator opens Émargement from "Mes sessions" and marks a participant', async () => {
    const s = await daySession(30 * 60_000, 3 * hour, 1);
    await call('participants.register', { code: s.signup, name: 'Zoé Martin', email: uniqueEmail('zoe'), consent: true });
    const co = await person('Coline Co');
    await register(co);
    await call('facilitators.join', { token: new URL(s.facilitatorInviteUrl).pathname.split('/').pop() }, co.token);
    const el = await fixture<HTMLElement>(html`<fresk-missions api=${api} token=${co.token} lang="fr"></fresk-missions>`);
    // "Mes sessions" is an element of its own inside the portal.
    const mine = await waitUntil(() => $(el, 'fresk-my-sessions'), 'no Mes sessions', { timeout: 5000 }).then(() => $(el, 'fresk-my-sessions')!);
    await waitUntil(() => $$<HTMLButtonElement>(mine, 'button').some((b) => b.textContent!.trim() === 'Émargement'), 'no Émargement button', { timeout: 5000 });
    $$<HTMLButtonElement>(mine, 'button').find((b) => b.textContent!.trim() === 'Émargement')!.click();
    const sheet = await waitUntil(() => $(mine, 'fresk-session-attendance'), 'no sheet', { timeout: 5000 }).then(() => $(mine, 'fresk-session-attendance')!);
    await waitUntil(() => $(sheet, 'button[aria-label="Zoé Martin : présent·e"]'), 'the sheet never loaded', { timeout: 5000 });
    $<HTMLButtonElement>(sheet, 'button[aria-label="Zoé Martin : présent·e"]')!.click();
    await waitUntil(() => text(sheet).includes('1 présent·e / 1'), 'not marked', { timeout: 5000 });
  });
});
