// Widget first render in Chromium: from the module script starting (the request for the bundle) to the
// `<fresk-invite>` signup form being interactive (its shadow root holds a submit button that is neither
// disabled nor aria-disabled), median of 20 cold loads; and, to compare with a plain static HTML form on the
// same kind of page, both pages from navigation start to their form being interactive, with their ratio.
// A third page, "pre-rendered", is what the WordPress plugin prints: `preconnect` to the API, `modulepreload`
// of the bundle, and the form the server renders (`GET /signup/<code>/form`, cached by the plugin) inside
// `<fresk-invite>`: interactive as soon as its light-DOM form is parsed, then upgraded by the element
// ("upgraded": its shadow form interactive, typed values carried over).
//
//   npm run build && node bench/widget-render.mjs [--loads 20] [--slow4g] [--json out.json]
//
// --slow4g: every load (widget and baseline) under Chromium's network emulation at 150 ms RTT and 1.6 Mbps
// down (DevTools' "Slow 4G"), where the bundle's bytes on the wire matter.
//
// A Fresk server (bench/server.ts: the real Node entry, fresh DB, one open session) serves the bundle and
// the API; a second origin, like a WordPress site, serves the host pages with a strict CSP. Debian's
// Chromium is driven by puppeteer-core (installed with @web/test-runner-chrome; no browser download). Each
// load is cold: a new browser context (empty cache, no cookies) and a new page. Widget and baseline loads
// alternate. The timing is taken inside the page by /probe.js, a classic script placed right before the
// module script; "interactive" is when a MutationObserver it sets on the element's shadow root (or on the
// document, for the baseline) first sees the enabled submit button. Times are taken against the page's own
// clock (navigation start) and the bundle's request start from the resource timings (the preload scanner may
// request the bundle before any script of the page runs).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { arg, CHROMIUM, emitJson, fmt, launchChromium, machine, median, quantile, root, startBenchServer, startHostServer, table } from './lib.mjs';

const loads = Number(arg('loads', 20));
const slow4g = process.argv.includes('--slow4g');
const traceLoads = Number(arg('trace', 0));
// --ab a.js,b.js: compares two builds of the bundle in one run (the widget page with each, alternating with
// the plain form), both served by the host page's server so that only the bundle differs.
const ab = arg('ab')?.split(',');
const bundle = join(root, 'dist/widget/fresk-invite.js');

function skip(reason) {
  console.log(`Widget first render: skipped (${reason})`);
  emitJson({ skipped: reason });
  process.exit(0);
}
if (!existsSync(bundle)) skip('dist/widget/fresk-invite.js is not built: run npm run build');
if (!existsSync(CHROMIUM)) skip(`no Chromium at ${CHROMIUM}`);
let puppeteer;
try {
  puppeteer = (await import('puppeteer-core')).default;
} catch {
  skip('puppeteer-core is not importable (it comes with @web/test-runner-chrome)');
}

const probe = `(() => {
  const b = (window.__bench = { t0: performance.now(), done: false });
  const ready = (root) => {
    const button = root.querySelector('form button[type=submit]');
    return !!button && !button.disabled && button.getAttribute('aria-disabled') !== 'true';
  };
  const finish = () => {
    if (b.done) return;
    b.interactive = performance.now();
    b.done = true;
    performance.mark('fresk-interactive'); // the end of the window --trace reads
  };
  const upgraded = () => (b.upgraded ??= performance.now());
  const watch = (root, then) => {
    if (ready(root)) return then();
    const observer = new MutationObserver(() => {
      if (ready(root)) {
        then();
        observer.disconnect();
      }
    });
    observer.observe(root, { childList: true, subtree: true, attributes: true });
  };
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const shadow = attachShadow.call(this, init);
    if (this.localName === 'fresk-invite') {
      b.attached = performance.now();
      watch(shadow, () => {
        finish();
        upgraded();
      });
    }
    return shadow;
  };
  // The baseline's form, and the pre-rendered form in the element's light DOM, are in the document.
  if (document.documentElement.dataset.mode !== 'widget') watch(document, finish);
  if (document.documentElement.dataset.mode !== 'prerendered') b.upgraded = -1;
  customElements.whenDefined('fresk-invite').then(() => (b.defined = performance.now()));
  document.addEventListener('DOMContentLoaded', () => (b.domContentLoaded = performance.now()));
})();`;

const page = (mode, api, code, form) => `<!doctype html>
<html lang="fr" data-mode="${mode}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Atelier Fresque du Climat – inscription</title>
<link rel="stylesheet" href="/theme.css">
<script src="/probe.js"></script>
${mode === 'widget' ? `<script type="module" src="${api}/widget/fresk-invite.js"></script>` : ''}
</head>
<body>
<header><p class="site-title">Le blog RSE d'ACME</p></header>
<main>
<article>
<h1>Fresque du Climat chez ACME : inscrivez-vous !</h1>
<p>Trois heures pour comprendre les causes et les conséquences du dérèglement climatique, en équipe.</p>
${
  mode === 'widget'
    ? `<fresk-invite code="${code}" api="${api}"></fresk-invite>`
    : mode === 'prerendered'
      ? // As the plugin prints it: hints just before the element, the module script in the footer.
        `<link rel="preconnect" href="${api}" crossorigin="anonymous"><link rel="modulepreload" href="${api}/widget/fresk-invite.js">` +
        `<fresk-invite code="${code}" api="${api}" lang="fr">${form}</fresk-invite>`
      : `<form action="/register" method="post">
<p>Atelier — jeudi 4 mars, 9 h – 12 h, 1 rue de Rivoli, Paris. Places restantes : 30</p>
<label>Nom <input name="name" autocomplete="name" required></label>
<label>E-mail <input name="email" type="email" autocomplete="email" required></label>
<label><input name="consent" type="checkbox" required> J'accepte que mes données servent à l'atelier.</label>
<button type="submit">S'inscrire</button>
</form>`
}
</article>
</main>
${mode === 'prerendered' ? `<script type="module" src="${api}/widget/fresk-invite.js"></script>` : ''}
</body>
</html>`;

const theme = 'body{font:16px/1.5 Georgia,serif;max-width:42rem;margin:2rem auto;padding:0 1rem}header{border-bottom:1px solid #ccc}label{display:block;margin:.5rem 0}';

const pages = {};
const hostServer = await startHostServer(pages);
const host = hostServer.url;
const server = await startBenchServer({ fixtures: ['signup:1:1000'], allowedOrigins: [host] });
const api = server.url;
const code = server.info.fixtures.signup.codes[0];
// What the plugin caches for a minute (fetched once, as the plugin does).
const form = await (await fetch(`${api}/signup/${code}/form?lang=fr`)).text();
const csp = `default-src 'self'; script-src 'self' ${api}; style-src 'self'; connect-src 'self' ${api}; img-src 'self' data:; base-uri 'none'; form-action 'self'`;
const html = (mode) => ({ type: 'text/html; charset=utf-8', body: page(mode, api, code, form), headers: { 'content-security-policy': csp } });
for (const [i, file] of (ab ?? []).entries()) {
  pages[`/ab${i}.js`] = { type: 'text/javascript', body: (await import('node:fs')).readFileSync(file) };
  pages[`/ab${i}.html`] = { ...html('widget'), body: page('widget', api, code, form).replace(`${api}/widget/fresk-invite.js`, `/ab${i}.js`) };
}
Object.assign(pages, {
  '/probe.js': { type: 'text/javascript', body: probe },
  '/theme.css': { type: 'text/css', body: theme },
  '/widget.html': html('widget'),
  '/baseline.html': html('baseline'),
  '/prerendered.html': html('prerendered'),
});

const browser = await launchChromium(puppeteer);

async function load(mode, trace = false) {
  const context = await browser.createBrowserContext();
  try {
    const tab = await context.newPage();
    await tab.setCacheEnabled(false);
    if (slow4g) {
      const cdp = await tab.createCDPSession();
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 });
    }
    const errors = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    if (trace) await tab.tracing.start({ categories: traceCategories });
    await tab.goto(`${host}/${mode}.html`, { waitUntil: 'domcontentloaded' });
    await tab.waitForFunction(() => window.__bench?.done === true && window.__bench.upgraded !== undefined, { timeout: 15_000, polling: 50 });
    if (trace) {
      const events = JSON.parse(Buffer.from(await tab.tracing.stop()).toString('utf8')).traceEvents;
      if (process.env.FRESK_TRACE_DUMP) (await import('node:fs')).writeFileSync(process.env.FRESK_TRACE_DUMP, JSON.stringify(events));
      return mainThreadTime(events);
    }
    return await tab.evaluate(() => {
      const b = window.__bench;
      const entry = (re) => performance.getEntriesByType('resource').find((e) => re.test(e.name));
      const script = entry(/\/widget\/fresk-invite\.js|\/ab\d\.js/);
      const info = entry(/participants\.signupInfo/);
      // Times are ms since navigation start (the page's time origin); the bundle's request is found in
      // the resource timings (cross-origin without Timing-Allow-Origin: start and end are still given).
      return {
        fromScript: script ? b.interactive - script.startTime : null,
        fromNavigation: b.interactive,
        upgraded: b.upgraded >= 0 ? b.upgraded : null,
        scriptStart: script ? script.startTime : null,
        scriptEnd: script ? script.responseEnd : null,
        defined: b.defined ?? null,
        signupInfoStart: info ? info.startTime : null,
        signupInfoEnd: info ? info.responseEnd : null,
        scriptFetch: script ? script.responseEnd - script.startTime : null,
        signupInfo: info ? info.responseEnd - info.startTime : null,
        // Marks a bundle built for a look inside may set (performance.mark('fresk-…')), ms from navigation.
        'fresk-firstPaint': performance.getEntriesByType('paint')[0]?.startTime,
        'fresk-domContentLoaded': b.domContentLoaded,
        ...Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('fresk-') && m.name !== 'fresk-interactive').map((m) => [m.name, m.startTime])),
      };
    });
  } finally {
    await context.close();
  }
}

// --trace N: N more cold loads of the widget page under a Chromium performance trace (which slows them: read
// the figures relative to each other); prints where the page's main thread went from navigation start to the
// form being interactive, medians over the N loads. The figures of the table above are taken without tracing.
const traceCategories = ['devtools.timeline', 'blink.user_timing', 'v8.execute', 'v8', 'blink', 'loading', 'disabled-by-default-devtools.timeline'];

/**
 * Where the renderer's main thread went between navigation start and the probe's mark: the inclusive time of
 * the trace events that make up a page load and a module's first render (ms, summed over their occurrences;
 * nested names overlap, e.g. the element's constructor runs inside `v8.evaluateModule`).
 */
const tracedNames = {
  ParseHTML: 'HTML parsing (the page, and Lit templates)',
  'v8.compileModule': 'module compile (main-thread part; streaming compiles off it)',
  'v8.evaluateModule': 'module evaluation (incl. define + upgrade: constructor, connectedCallback)',
  'CustomElementReactionQueue::invokeReactions': '  of which the element\'s upgrade',
  RunMicrotasks: 'microtasks (Lit\'s first update and render)',
  'ResourceFetcher::requestResource': 'resource requests started on the main thread',
  'CSSParserImpl::parseStyleSheet': 'style sheet parsing',
  UpdateLayoutTree: 'style recalculation',
  'LocalFrameView::RunStyleAndLayoutLifecyclePhases': 'style and layout (lifecycle)',
  'LocalFrameView::RunPaintLifecyclePhase': 'paint',
  'LocalWindowProxy::Initialize': 'JS context creation',
};
function mainThreadTime(events) {
  const mark = events.find((e) => e.name === 'fresk-interactive');
  if (!mark) return {};
  const mine = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid);
  const start = Math.max(...mine.filter((e) => e.name === 'navigationStart' && e.ts <= mark.ts).map((e) => e.ts));
  const times = { 'window: navigation start → form interactive (traced)': (mark.ts - start) / 1000 };
  for (const e of mine) {
    if (e.ph !== 'X' || !(e.name in tracedNames) || e.ts < start || e.ts >= mark.ts) continue;
    times[tracedNames[e.name]] = (times[tracedNames[e.name]] ?? 0) + Math.min(e.dur, mark.ts - e.ts) / 1000;
  }
  return times;
}

const modes = ab ? [...ab.map((_, i) => `ab${i}`), 'baseline'] : ['widget', 'baseline', 'prerendered'];
const samples = Object.fromEntries(modes.map((m) => [m, []]));
try {
  for (const mode of modes) await load(mode); // one warm-up of the browser process itself (not counted)
  for (let i = 0; i < loads; i++) {
    for (const mode of modes) samples[mode].push(await load(mode));
  }
  if (traceLoads) {
    const traces = [];
    for (let i = 0; i < traceLoads; i++) traces.push(await load('widget', true));
    const names = [...new Set(traces.flatMap((t) => Object.keys(t)))];
    const rows = names.map((n) => [n, median(traces.map((t) => t[n] ?? 0))]);
    console.log(`\nWidget page's main thread, navigation start → form interactive, median of ${traceLoads} traced cold loads\n`);
    console.log(table(['what', 'ms'], rows.map(([n, ms]) => [n, fmt(ms)])));
  }
} finally {
  await browser.close();
  hostServer.close();
  await server.stop();
}

if (ab) {
  const base = median(samples.baseline.map((x) => x.fromNavigation));
  console.log(`\nTwo builds of the bundle, ${loads} cold loads each, alternating with the plain form (${fmt(base)} ms)\n`);
  console.log(
    table(
      ['bundle', 'module script request start → form interactive, median ms', 'navigation start → form interactive, median ms', 'ratio to the plain form'],
      ab.map((file, i) => {
        const s = samples[`ab${i}`];
        const nav = median(s.map((x) => x.fromNavigation));
        return [file, fmt(median(s.map((x) => x.fromScript))), fmt(nav), `${(nav / base).toFixed(2)}×`];
      }),
    ),
  );
  emitJson({ ab: ab.map((file, i) => ({ file, samples: samples[`ab${i}`] })), baseline: samples.baseline });
  process.exit(0);
}
const stat = (list, key) => {
  const v = list.map((s) => s[key]).filter((x) => typeof x === 'number');
  return { median: median(v), p90: quantile(v, 0.9), min: Math.min(...v), max: Math.max(...v) };
};
const result = {
  machine: machine(),
  loads,
  network: slow4g ? 'Slow 4G (150 ms RTT, 1.6 Mbps)' : 'loopback',
  chromium: await (async () => {
    try {
      const { execFileSync } = await import('node:child_process');
      return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return 'unknown';
    }
  })(),
  marks: Object.fromEntries([...new Set(samples.widget.flatMap((s) => Object.keys(s).filter((k) => k.startsWith('fresk-'))))].map((k) => [k, stat(samples.widget, k)])),
  widget: Object.fromEntries(
    ['fromScript', 'fromNavigation', 'scriptStart', 'scriptEnd', 'defined', 'signupInfoStart', 'signupInfoEnd', 'scriptFetch', 'signupInfo'].map((k) => [k, stat(samples.widget, k)]),
  ),
  baseline: Object.fromEntries(['fromNavigation'].map((k) => [k, stat(samples.baseline, k)])),
  prerendered: Object.fromEntries(['fromNavigation', 'upgraded', 'scriptEnd', 'defined'].map((k) => [k, stat(samples.prerendered, k)])),
  scriptBytes: statSync(bundle).size,
};
const w = result.widget;
const b = result.baseline;
const p = result.prerendered;
// Same-run ratios of the medians: issue 19's goal is ≤ 1.5× the plain form.
result.ratio = { widget: w.fromNavigation.median / b.fromNavigation.median, prerendered: p.fromNavigation.median / b.fromNavigation.median, prerenderedUpgraded: p.upgraded.median / b.fromNavigation.median };
result.markdown = table(
  ['page', 'module script request start → form interactive, median ms (p90)', 'navigation start → form interactive, median ms (p90)', 'bundle download ms', '`signupInfo` round trip ms'],
  [
    [
      '`<fresk-invite>` (bundle and API from the Fresk server)',
      `**${fmt(w.fromScript.median)}** (${fmt(w.fromScript.p90)})`,
      `**${fmt(w.fromNavigation.median)}** (${fmt(w.fromNavigation.p90)})`,
      fmt(w.scriptFetch.median),
      fmt(w.signupInfo.median),
    ],
    [
      'the same, pre-rendered as the WordPress plugin prints it (preconnect, modulepreload, the form inside the element)',
      `— (upgraded at ${fmt(p.upgraded.median)} from navigation)`,
      `**${fmt(p.fromNavigation.median)}** (${fmt(p.fromNavigation.p90)})`,
      '—',
      '—',
    ],
    ['plain static HTML form (baseline)', '— (no script)', `**${fmt(b.fromNavigation.median)}** (${fmt(b.fromNavigation.p90)})`, '—', '—'],
  ],
);
result.markdown +=
  `\n\nSame-run ratio to the plain form (navigation start → form interactive, medians; goal ≤ 1.5×): ` +
  `\`<fresk-invite>\` **${result.ratio.widget.toFixed(2)}×**, pre-rendered **${result.ratio.prerendered.toFixed(2)}×** ` +
  `(its element upgraded: ${result.ratio.prerenderedUpgraded.toFixed(2)}×).`;
console.log(`\nWidget first render, ${loads} cold loads each, ${result.chromium}\n`);
console.log(result.markdown);
emitJson(result);
