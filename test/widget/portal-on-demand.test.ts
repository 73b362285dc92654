/**
 * The shipped portal bundle loads its later views on demand (widget/build.mjs splits it): a coordinator's
 * first view does not fetch the staff desk or the planner, the planner arrives when its dialog opens, and
 * a host page that writes `<fresk-session-planner>` itself still gets it defined (API.md: the bundle
 * defines it). Pages are iframes on the test origin loading the bundle from the server.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { api, mission } from './portal.data.ts';
import { button, waitFor } from './dom.ts';

function frame(body: string): HTMLIFrameElement {
  const f = document.createElement('iframe');
  f.title = 'portal page';
  f.srcdoc = `<!doctype html><html lang="fr"><head><script type="module" src="${api}/widget/fresk-missions.js"></script></head><body>${body}</body></html>`;
  document.body.append(f);
  return f;
}
const widgetFiles = (f: HTMLIFrameElement) =>
  f.contentWindow!.performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/widget/')).map((n) => n.split('/').pop()!);

describe('the portal bundle, split', function () {
  this.timeout(20000);

  it("shows a coordinator's dashboard without the staff desk or the planner, then loads the planner when its dialog opens", async () => {
    const m = await mission();
    const f = frame(`<fresk-token api="${api}" token="${m.coordinator.token}"><fresk-missions mission="${m.missionId}"></fresk-missions></fresk-token>`);
    try {
      await waitUntil(() => f.contentWindow?.customElements.get('fresk-missions'), 'the bundle never loaded', { timeout: 5000 });
      const dashboard = await waitFor(f.contentDocument!.querySelector('fresk-missions')!, 'fresk-mission-dashboard');
      await waitFor(dashboard, 'tr[data-kind]');
      const first = widgetFiles(f);
      expect(first.some((n) => n.startsWith('staff-desk.')), first.join()).to.equal(false);
      expect(first.some((n) => n.startsWith('session-planner.')), first.join()).to.equal(false);
      expect(f.contentWindow!.customElements.get('fresk-staff-desk')).to.equal(undefined);
      button(dashboard, 'Planifier une session')!.click();
      await waitFor(dashboard, 'fresk-session-planner');
      expect(widgetFiles(f).some((n) => n.startsWith('session-planner.'))).to.equal(true);
    } finally {
      f.remove();
    }
  });

  it('defines <fresk-session-planner> when the host page writes it', async () => {
    const f = frame(`<fresk-session-planner></fresk-session-planner>`);
    try {
      await waitUntil(() => f.contentWindow?.customElements.get('fresk-session-planner'), 'the planner was never defined', { timeout: 5000 });
    } finally {
      f.remove();
    }
  });
});
