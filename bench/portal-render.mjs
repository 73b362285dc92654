// The portal's first view in Chromium: `<fresk-missions mission="…">` on a page of another origin (as the
// association's portal embeds it, strict CSP), from navigation start to the mission dashboard showing its
// order table, median of 20 cold loads; with the bytes of /widget/ files transferred by then (encoded, as
// on the wire: compressed when the server compresses) and how many files.
//
//   npm run build && node bench/portal-render.mjs [--loads 20] [--slow4g] [--json out.json]
//
// --slow4g: Chromium's network emulation at 150 ms RTT and 1.6 Mbps down (DevTools' "Slow 4G"), where the
// bytes matter; without it, loopback (where the CPU does).
//
// Same harness as bench/widget-render.mjs: the real Node entry (bench/server.ts, fresh DB, one mission of
// 5 sessions), Debian's Chromium through puppeteer-core, a new browser context per load (empty cache). The
// host page loads API.md's stable `/widget/fresk-missions.js`, as an integrator's page does. Transfer sizes
// come from the DevTools protocol (Network.loadingFinished encodedDataLength, headers included).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { arg, CHROMIUM, emitJson, fmt, launchChromium, machine, median, quantile, root, startBenchServer, startHostServer, table } from './lib.mjs';

const loads = Number(arg('loads', 20));
const slow4g = process.argv.includes('--slow4g');
function skip(reason) {
  console.log(`Portal first view: skipped (${reason})`);
  emitJson({ skipped: reason });
  process.exit(0);
}
if (!existsSync(join(root, 'dist/widget/fresk-missions.js'))) skip('dist/widget/fresk-missions.js is not built: run npm run build');
if (!existsSync(CHROMIUM)) skip(`no Chromium at ${CHROMIUM}`);
const puppeteer = (await import('puppeteer-core')).default;

// Every shadow root is watched; the first view is there when the dashboard's order table has a row.
const probe = `(() => {
  const b = (window.__bench = { done: false });
  const check = () => {
    if (b.done) return;
    const dash = document.querySelector('fresk-missions')?.shadowRoot?.querySelector('fresk-mission-dashboard');
    if (dash?.shadowRoot?.querySelector('tr[data-kind]')) {
      b.firstView = performance.now();
      b.done = true;
    }
  };
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const shadow = attachShadow.call(this, init);
    new MutationObserver(check).observe(shadow, { childList: true, subtree: true });
    return shadow;
  };
  customElements.whenDefined('fresk-missions').then(() => (b.defined = performance.now()));
})();`;

const pages = {};
const hostServer = await startHostServer(pages);
const host = hostServer.url;
const server = await startBenchServer({ fixtures: ['mission:5x2x3'], allowedOrigins: [host] });
const api = server.url;
const { missionId, token } = server.info.fixtures.mission;
const csp = `default-src 'self'; script-src 'self' ${api}; style-src 'self'; connect-src 'self' ${api}; img-src 'self' data:; base-uri 'none'`;
const page = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Espace Pros</title>
<script src="/probe.js"></script>
<script type="module" src="${api}/widget/fresk-missions.js"></script>
</head><body><main><h1>Mes missions</h1>
<fresk-token api="${api}" token="${token}"><fresk-missions mission="${missionId}"></fresk-missions></fresk-token>
</main></body></html>`;
pages['/probe.js'] = { type: 'text/javascript', body: probe };
pages['/portal.html'] = { type: 'text/html; charset=utf-8', body: page, headers: { 'content-security-policy': csp } };

const browser = await launchChromium(puppeteer);

async function load() {
  const context = await browser.createBrowserContext();
  try {
    const tab = await context.newPage();
    await tab.setCacheEnabled(false);
    const cdp = await tab.createCDPSession();
    await cdp.send('Network.enable');
    if (slow4g) await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 });
    const urls = new Map();
    const widget = [];
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
    cdp.on('Network.loadingFinished', (e) => {
      const url = urls.get(e.requestId) ?? '';
      if (url.includes('/widget/')) widget.push({ url, bytes: e.encodedDataLength, at: e.timestamp });
    });
    await tab.goto(`${host}/portal.html`, { waitUntil: 'domcontentloaded' });
    await tab.waitForFunction(() => window.__bench?.done === true, { timeout: 20_000, polling: 50 });
    const b = await tab.evaluate(() => window.__bench);
    const files = widget.length;
    return { firstView: b.firstView, defined: b.defined, widgetBytes: widget.reduce((n, w) => n + w.bytes, 0), widgetFiles: files };
  } finally {
    await context.close();
  }
}

const samples = [];
try {
  await load(); // warm-up of the browser process (not counted)
  for (let i = 0; i < loads; i++) samples.push(await load());
} finally {
  await browser.close();
  hostServer.close();
  await server.stop();
}
const stat = (key) => {
  const v = samples.map((s) => s[key]).filter((x) => typeof x === 'number');
  return { median: median(v), p90: quantile(v, 0.9) };
};
const result = { machine: machine(), loads, network: slow4g ? 'Slow 4G (150 ms RTT, 1.6 Mbps)' : 'loopback', firstView: stat('firstView'), defined: stat('defined'), widgetBytes: stat('widgetBytes'), widgetFiles: stat('widgetFiles') };
result.markdown = table(
  ['page', 'navigation start → element defined, median ms', 'navigation start → first view (dashboard), median ms (p90)', '/widget/ bytes on the wire by then', '/widget/ files'],
  [['`<fresk-missions mission>` on another origin', fmt(result.defined.median), `**${fmt(result.firstView.median)}** (${fmt(result.firstView.p90)})`, String(result.widgetBytes.median), String(result.widgetFiles.median)]],
);
console.log(`\nPortal first view, ${loads} cold loads, ${result.network}\n`);
console.log(result.markdown);
emitJson(result);
