/**
 * The shipped day bundle (`dist/widget/fresk-day.js`) under a strict Content-Security-Policy, as the
 * server's /checkin and /survey pages serve it: the check-in element loads, checks a person in and the
 * survey element renders its radio groups, without any violation. A deliberate inline script proves the
 * policy is enforced and its violations observed (same probe as the signup widget's CSP test).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { api, call, mission, outbox, uniqueEmail } from './portal.data.ts';

interface Probe {
  cspViolations: { directive: string; blocked: string; sample: string }[];
  pageErrors: string[];
  inlineRan?: boolean;
}

const policy = ["default-src 'none'", `script-src 'self' ${api}`, "style-src 'self'", `connect-src ${api}`, "img-src 'self' data:", "base-uri 'none'"].join('; ');

async function strictPage(body: string) {
  const bundle = `${api}/widget/fresk-day.js`;
  if (!(await fetch(bundle, { method: 'HEAD' })).ok) throw new Error(`${bundle} is missing: run npm run build first`);
  const frame = document.createElement('iframe');
  frame.title = 'strict CSP page';
  frame.width = '390';
  frame.height = '900';
  frame.srcdoc = `<!doctype html><html lang="fr"><head>
    <meta http-equiv="Content-Security-Policy" content="${policy}">
    <script type="module" src="${location.origin}/test/widget/fresk-invite-csp-probe.js"></script>
    <script type="module" src="${bundle}"></script>
    </head><body>${body}</body></html>`;
  document.body.append(frame);
  await waitUntil(() => (frame.contentWindow as unknown as Probe | null)?.cspViolations && frame.contentDocument?.readyState === 'complete', 'the page never loaded', { timeout: 5000 });
  const win = frame.contentWindow as Window & Probe;
  await waitUntil(() => win.customElements.get('fresk-checkin') && win.customElements.get('fresk-survey'), 'the bundle never defined its elements', { timeout: 5000 });
  return { frame, win, doc: frame.contentDocument! };
}

describe('fresk-day.js under a strict CSP (the shipped bundle)', function () {
  this.timeout(20000);

  it('checks a person in and shows the survey without any violation of its own', async () => {
    const m = await mission();
    const iso = (t: number) => new Date(Math.floor(t / 60_000) * 60_000).toISOString();
    const now = Date.now();
    const today = await call<{ sessionId: string; checkInUrl: string; participantSignupUrl: string }>(
      'sessions.create',
      { missionId: m.missionId, kind: 'atelier', startsAt: iso(now + 30 * 60_000), endsAt: iso(now + 3 * 3600_000), location: { mode: 'onsite', address: '1 rue X' }, capacity: 5, extraFacilitators: 0 },
      m.coordinator.token,
    );
    const email = uniqueEmail('csp');
    await call('participants.register', { code: new URL(today.participantSignupUrl).pathname.split('/').pop(), name: 'Strict Page', email, consent: true });
    const past = await call<{ sessionId: string }>(
      'sessions.create',
      { missionId: m.missionId, kind: 'atelier', startsAt: iso(now - 4 * 3600_000), endsAt: iso(now - 3600_000), location: { mode: 'onsite', address: '1 rue X' }, capacity: 5, extraFacilitators: 0 },
      m.coordinator.token,
    );
    const served = uniqueEmail('served');
    await call('attendance.addWalkIn', { sessionId: past.sessionId, name: 'Served Person', email: served }, m.coordinator.token);
    await call('followUp.send', { sessionId: past.sessionId }, m.coordinator.token);
    const link = (await outbox()).find((x) => x.to === served && x.template === 'follow_up')!.links.find((l) => l.includes('/survey/'))!;
    const code = new URL(today.checkInUrl).pathname.split('/').pop();
    const token = new URL(link).pathname.split('/').pop();
    const { frame, win, doc } = await strictPage(`<fresk-checkin code="${code}" api="${api}"></fresk-checkin><fresk-survey token="${token}" api="${api}"></fresk-survey>`);
    try {
      const checkin = () => doc.querySelector('fresk-checkin')!.shadowRoot!;
      await waitUntil(() => checkin().querySelector('form'), 'the check-in form never appeared', { timeout: 5000 });
      checkin().querySelector<HTMLInputElement>('#email')!.value = email;
      checkin().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await waitUntil(() => checkin().querySelector('#outcome'), 'no confirmation', { timeout: 5000 });
      expect(checkin().textContent).to.contain('votre présence est enregistrée');
      const survey = () => doc.querySelector('fresk-survey')!.shadowRoot!;
      await waitUntil(() => survey().querySelectorAll('fieldset').length === 4, 'the survey never appeared', { timeout: 5000 });

      const inline = doc.createElement('script');
      inline.textContent = 'window.inlineRan = true';
      doc.body.append(inline);
      await waitUntil(() => win.cspViolations.length >= 1, 'the deliberate violation was not reported', { timeout: 2000 });
      expect(win.inlineRan).to.equal(undefined);
      expect(win.cspViolations.map((v) => v.directive), JSON.stringify(win.cspViolations)).to.deep.equal(['script-src-elem']);
      expect(win.pageErrors).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
