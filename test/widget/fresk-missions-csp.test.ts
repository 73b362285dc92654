/**
 * The shipped portal bundle (`dist/widget/fresk-missions.js`, served by the server at `/widget/`) on a page
 * under a strict Content-Security-Policy (no inline script or style, connections to the server only): the
 * dashboard loads, the planner opens in its dialog and plans a session, with no violation. The page is an
 * iframe whose policy is a `<meta>`; the probe script (shared with the `<fresk-invite>` CSP test) records
 * violations, and one deliberate violation proves they are observed.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { api, getMission, mission, parisDay } from './portal.data.ts';
import { button, deep, fill, waitFor } from './dom.ts';

interface Probe {
  cspViolations: { directive: string; blocked: string; sample: string }[];
  pageErrors: string[];
}

const policy = ["default-src 'none'", `script-src 'self' ${api}`, "style-src 'self'", `connect-src ${api}`, "base-uri 'none'"].join('; ');

describe('<fresk-missions> under a strict CSP (the shipped bundle)', function () {
  this.timeout(20000);

  it('shows the dashboard and plans a session without any violation of its own', async () => {
    const m = await mission();
    const frame = document.createElement('iframe');
    frame.title = 'strict CSP portal page';
    frame.width = '1000';
    frame.height = '900';
    frame.srcdoc = `<!doctype html><html lang="fr"><head>
      <meta http-equiv="Content-Security-Policy" content="${policy}">
      <script type="module" src="${location.origin}/test/widget/fresk-invite-csp-probe.js"></script>
      <script type="module" src="${api}/widget/fresk-missions.js"></script>
      </head><body>
      <fresk-token api="${api}" token="${m.coordinator.token}"><fresk-missions mission="${m.missionId}"></fresk-missions></fresk-token>
      </body></html>`;
    document.body.append(frame);
    try {
      await waitUntil(() => (frame.contentWindow as unknown as Probe | null)?.cspViolations && frame.contentWindow!.customElements.get('fresk-missions'), 'the bundle never loaded', { timeout: 5000 });
      const win = frame.contentWindow as Window & Probe;
      const el = frame.contentDocument!.querySelector('fresk-missions')!;
      const dashboard = await waitFor(el, 'fresk-mission-dashboard');
      await waitFor(dashboard, 'tr[data-kind]');
      button(dashboard, 'Planifier une session')!.click();
      const form = await waitFor(dashboard, 'fresk-session-form');
      await waitFor(form, '#capacity');
      fill(deep<HTMLInputElement>(form, '#date')!, parisDay(20));
      fill(deep<HTMLInputElement>(form, '#address')!, 'Salle du conseil');
      deep<HTMLInputElement>(form, '#extra')!.click();
      button(form, 'Planifier la session')!.click();
      await waitUntil(() => deep(form, '[role="status"]')?.textContent?.includes('Session planifiée'), 'the session was not planned', { timeout: 5000 });
      expect((await getMission(m)).order[0].openSlots).to.equal(1);
      expect(win.cspViolations, JSON.stringify(win.cspViolations)).to.deep.equal([]);

      el.setAttribute('style', 'color: red');
      await waitUntil(() => win.cspViolations.length === 1, 'the deliberate violation was not reported', { timeout: 2000 });
      expect(win.cspViolations[0].directive).to.equal('style-src-attr');
      expect(win.pageErrors).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
