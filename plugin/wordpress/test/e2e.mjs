// `npm run test:wordpress`: the WordPress plugin in a real WordPress 6.5.5 (PHP + SQLite, offline), with our
// server and Debian's Chromium.
//
//  1. builds dist/fresk-missions-wordpress.zip (build.mjs);
//  2. starts WordPress (wordpress-local.sh, a fresh site) and our server (demo mode for /dev/token, a temp
//     database, the WordPress origin allowed), each on a free port;
//  3. in Chromium: uploads the zip through Plugins → Add New → Upload and activates it, then checks pages with
//     the block and the shortcodes, registers participants end to end (checked through the API), the block's
//     live preview in the editor, the settings page (capability, nonce, sanitising, saving a new server URL
//     that the pages then use), the admin notices (unset, unreachable, origin refused), the escaping of
//     hostile attributes, the French translation and the uninstall.
// Always stops WordPress, the server and the browser; exits non-zero when a check fails; 170 s at most.
// `--screenshots` also writes docs/img/wordpress-block-editor.png and docs/img/wordpress-signup-form.png.
// Env: CHROME_PATH (default /usr/bin/chromium), WP_DOWNLOADS (cache of the WordPress tarballs),
//      FRESK_WP_KEEP=1 (leave the temp folder for inspection).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, readFileSync, existsSync, createWriteStream } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { buildPlugin } from '../build.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const started = Date.now();
const DEADLINE_MS = 170_000;
const screenshots = process.argv.includes('--screenshots');
const tmp = mkdtempSync(join(tmpdir(), 'fresk-wp-e2e-'));
const wpWork = join(tmp, 'wp');
const wpEnv = { ...process.env, WP_WORK: wpWork, WP_DOWNLOADS: process.env.WP_DOWNLOADS || join(tmpdir(), 'fresk-wordpress', 'downloads') };
delete wpEnv.PLUGIN_DIR; // the plugin is installed from the zip, through the admin

const log = (...args) => console.log(`[wordpress ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s]`, ...args);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------- processes
let server;
let browser;
let wpStarting; // the `wordpress-local.sh start` process while it runs
let wpStarted = false;
let cleaning;

function cleanup({ timedOut = false } = {}) {
  cleaning ??= (async () => {
    await browser?.close().catch(() => {});
    // WordPress still setting up (a failure came early): let it finish, then stop it the normal way.
    if (!timedOut && wpStarting && wpStarting.exitCode === null) await Promise.race([new Promise((r) => wpStarting.once('exit', r)), sleep(90_000)]);
    if (server && server.exitCode === null) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {}
      await Promise.race([new Promise((r) => server.once('exit', r)), sleep(3000)]);
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {}
    }
    if (wpStarting && wpStarting.exitCode === null) {
      // Still setting up: stop the script (only the script: an apt-get or npm it runs may finish on its own,
      // never killed halfway), so that it cannot start PHP after we looked.
      try {
        process.kill(wpStarting.pid, 'SIGTERM');
      } catch {}
      await Promise.race([new Promise((r) => wpStarting.once('exit', r)), sleep(2000)]);
    }
    if (wpStarted || existsSync(join(wpWork, 'php-server.pid'))) {
      spawnSync('bash', [join(here, 'wordpress-local.sh'), 'stop'], { env: wpEnv, stdio: 'ignore', timeout: 10_000 });
    }
    if (process.env.FRESK_WP_KEEP !== '1') rmSync(tmp, { recursive: true, force: true });
    else log(`kept ${tmp}`);
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => cleanup().then(() => process.exit(130)));
const deadline = setTimeout(async () => {
  console.error(`wordpress: timed out after ${DEADLINE_MS / 1000} s`);
  await cleanup({ timedOut: true });
  console.log('wordpress: 0 passed, 1 failed (timeout)');
  process.exit(1);
}, DEADLINE_MS);

function portFree(port) {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
/** A free port whose next port is free too (the demo server also listens on PORT + 1). */
async function freePortPair(avoid) {
  for (let i = 0; i < 50; i++) {
    const port = await freePort();
    if (port !== avoid && port + 1 !== avoid && (await portFree(port + 1))) return port;
  }
  throw new Error('no pair of free ports');
}

function run(cmd, args, opts = {}, onChild = () => {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    onChild(child);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${out}`))));
  });
}

// -------------------------------------------------------------------------------------------- the checks
const results = [];
let installed = false;
async function check(name, fn) {
  const t0 = Date.now();
  if (results.length && !installed) {
    results.push({ name, ok: false, error: 'skipped: the plugin is not installed' });
    return log(`SKIP ${name}`);
  }
  try {
    await fn();
    results.push({ name, ok: true });
    log(`ok   ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (error) {
    results.push({ name, ok: false, error });
    log(`FAIL ${name}: ${error?.stack ?? error}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}
function equal(actual, expected, message) {
  if (actual !== expected) throw new Error(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/**
 * Waits for an element behind shadow roots, `host >>> inner >>> …`, by polling: puppeteer's own waiting
 * watches the document's mutations, which do not see what changes inside a shadow root.
 */
async function waitDeep(frame, selector, { timeout = 15_000 } = {}) {
  const chain = selector.split('>>>').map((s) => s.trim());
  const handle = await frame.waitForFunction(
    (chain) => {
      let scopes = [document];
      for (const [i, sel] of chain.entries()) {
        const found = scopes.flatMap((scope) => [...scope.querySelectorAll(sel)]);
        if (i === chain.length - 1) return found[0] ?? null;
        scopes = found.map((e) => e.shadowRoot).filter(Boolean);
      }
      return null;
    },
    { polling: 100, timeout },
    chain,
  ).catch((error) => {
    throw new Error(`waiting for ${selector}: ${error.message}`);
  });
  return handle.asElement();
}

async function main() {
  // 1. the zip
  const { zipPath, problems } = buildPlugin({ log });
  assert(problems.length === 0, `translations incomplete: ${problems.join('; ')}`);

  // 2. ports, WordPress and our server, side by side
  const wpPort = await freePort();
  const apiPort = await freePortPair(wpPort);
  const wp = `http://127.0.0.1:${wpPort}`;
  const api = `http://127.0.0.1:${apiPort}`;
  const apiAlias = `http://localhost:${apiPort}`; // the "new server URL" saved through the settings form
  const wpReady = run('bash', [join(here, 'wordpress-local.sh'), 'start'], { env: { ...wpEnv, WP_PORT: String(wpPort), WP_FRESH: '1' }, detached: true }, (child) => (wpStarting = child)).then((out) => {
    wpStarted = true;
    log(`WordPress up on ${wp}`);
    return out;
  });
  wpReady.catch(() => {}); // awaited below; a failure before that point must not crash the process
  const serverLog = createWriteStream(join(tmp, 'server.log'));
  server = spawn(process.execPath, ['--import', 'tsx', 'demo/serve.ts'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      FRESK_DEMO: '1',
      PORT: String(apiPort),
      FRESK_DB_URL: `file:${join(tmp, 'fresk.db')}`,
      FRESK_APP_URL: api,
      FRESK_ALLOWED_ORIGINS: `${wp},http://localhost:${wpPort}`,
      RESEND_API_KEY: '',
    },
  });
  server.stdout.pipe(serverLog);
  server.stderr.pipe(serverLog);
  const serverReady = (async () => {
    for (let i = 0; i < 120; i++) {
      if (server.exitCode !== null) break;
      const ok = await fetch(`${api}/health`).then((r) => r.ok, () => false);
      if (ok) return log(`server up on ${api}`);
      await sleep(250);
    }
    throw new Error(`server did not come up:\n${readFileSync(join(tmp, 'server.log'), 'utf8')}`);
  })();
  serverReady.catch(() => {});

  spawnSync('bash', [join(root, 'test', 'ensure-chromium.sh')], { stdio: 'inherit' }); // installs Debian's chromium when missing
  browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    userDataDir: join(tmp, 'chromium'),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
    defaultViewport: { width: 1280, height: 900 },
    protocolTimeout: 60_000,
  });
  await Promise.all([wpReady, serverReady]);
  const site = join(wpWork, 'wordpress');
  const wpTool = async (command, input = {}) => JSON.parse(await run('php', [join(here, 'wp-tool.php'), site, String(wpPort), command, JSON.stringify(input)]));

  // The API as an integrator calls it: plain JSON, no transformer.
  const token = async (claims) => (await (await fetch(`${api}/dev/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(claims) })).json()).token;
  const trpc = async (path, input, bearer, method = 'POST') => {
    const url = method === 'GET' ? `${api}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}` : `${api}/trpc/${path}`;
    const res = await fetch(url, { method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` }, body: method === 'GET' ? undefined : JSON.stringify(input) });
    const body = await res.json();
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(body)}`);
    return body.result.data;
  };
  await wpTool('prepare');
  const adminToken = await token({ sub: 'wp-e2e-admin', email: 'staff@example.org', name: 'Staff', role: 'admin' });
  const coordinator = { sub: 'wp-e2e-coord', email: 'coordinatrice@example.org', name: 'Claire Coordinatrice', role: 'facilitator', of: true };
  const { missionId } = await trpc('admin.createMission', {
    title: 'Fresques chez ACME',
    organization: { name: 'ACME', sector: 'entreprise' },
    coordinator: { email: coordinator.email, name: coordinator.name },
    order: [{ kind: 'atelier', quantity: 5 }],
  }, adminToken);
  const coordToken = await token(coordinator);
  const session = await trpc('sessions.create', {
    missionId,
    kind: 'atelier',
    startsAt: '2030-03-04T09:00:00+01:00',
    endsAt: '2030-03-04T12:00:00+01:00',
    location: { mode: 'onsite', address: '12 rue de la Paix, 75002 Paris' },
    capacity: 10,
    extraFacilitators: 0,
  }, coordToken);
  const code = session.participantSignupUrl.split('/signup/')[1];
  assert(code, `no signup code in ${session.participantSignupUrl}`);
  const participants = async () => (await trpc('sessions.get', { sessionId: session.sessionId }, coordToken, 'GET')).participants;
  log(`mission ${missionId}, session ${session.sessionId}, signup code ${code}`);

  // Pages of an admin and of a visitor (separate cookie jars); page errors are collected.
  const pageErrors = [];
  const watch = (page, who) => {
    page.on('pageerror', (e) => pageErrors.push(`${who}: ${e.message}`));
    return page;
  };
  const admin = watch(await browser.newPage(), 'admin');
  const visitorContext = await browser.createBrowserContext();
  const visitor = watch(await visitorContext.newPage(), 'visitor');
  const login = async (page, user) => {
    await page.goto(`${wp}/wp-login.php`, { waitUntil: 'domcontentloaded' });
    // Values set, not typed: wp-login.php focuses and selects #user_login 200 ms after loading, and keys
    // typed across that moment replace what was typed before.
    await page.$eval('#user_login', (e, v) => (e.value = v), user);
    await page.$eval('#user_pass', (e) => (e.value = 'password'));
    await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }), page.click('#wp-submit')]);
    if (page.url().includes('wp-login.php')) {
      const why = await page.$eval('#login_error', (e) => e.textContent.trim()).catch(() => '');
      throw new Error(`login as ${user} failed at ${page.url()}: ${why || (await page.$eval('body', (b) => b.innerText.slice(0, 300)))}`);
    }
  };
  const freskScripts = (page) => page.$$eval('script[type="module"]', (s) => s.map((e) => e.src).filter((src) => src.includes('/plugins/fresk-missions/')));
  const attrs = (page, selector) =>
    page.$eval(selector, (e) => Object.fromEntries([...e.attributes].map((a) => [a.name, a.value])));
  const noscriptHref = (page, selector) =>
    page.$eval(selector, (e) => new DOMParser().parseFromString(e.parentElement.querySelector('noscript').textContent, 'text/html').querySelector('a')?.href ?? null);
  const register = async (page, name, email) => {
    await waitDeep(page, 'fresk-invite >>> form', { timeout: 15_000 });
    await page.type('fresk-invite >>> #name', name);
    await page.type('fresk-invite >>> #email', email);
    await page.click('fresk-invite >>> #consent');
  };
  const submitAndConfirm = async (page) => {
    await page.click('fresk-invite >>> button[type="submit"]');
    await waitDeep(page, 'fresk-invite >>> [part="confirmation"]', { timeout: 15_000 }).catch(async (error) => {
      const shown = await page.$eval('fresk-invite', (e) => e.shadowRoot?.textContent.replace(/\s+/g, ' ').trim()).catch(() => '?');
      throw new Error(`no confirmation; the widget shows: ${shown}`, { cause: error });
    });
  };
  const settingsPage = `${wp}/wp-admin/options-general.php?page=fresk-missions`;
  const saveSettings = async (url) => {
    await admin.goto(settingsPage, { waitUntil: 'domcontentloaded' });
    await admin.$eval('#fresk_missions_server_url', (input, value) => {
      input.value = value;
      input.form.noValidate = true; // let the server's sanitising judge, not the browser's type="url"
    }, url);
    await Promise.all([admin.waitForNavigation({ waitUntil: 'domcontentloaded' }), admin.click('#submit')]);
  };

  let pages;
  await check('plugin: the zip installs through Plugins → Add New → Upload and activates', async () => {
    await login(admin, 'admin');
    await admin.goto(`${wp}/wp-admin/plugin-install.php?tab=upload`, { waitUntil: 'domcontentloaded' });
    const input = await admin.waitForSelector('#pluginzip');
    await input.uploadFile(zipPath);
    await Promise.all([admin.waitForNavigation({ waitUntil: 'domcontentloaded', timeout: 30_000 }), admin.click('#install-plugin-submit')]);
    const text = await admin.$eval('#wpbody-content', (e) => e.textContent);
    assert(/Plugin installed successfully/.test(text), `install failed: ${text.replace(/\s+/g, ' ').slice(0, 400)}`);
    await Promise.all([admin.waitForNavigation({ waitUntil: 'domcontentloaded' }), admin.click('a[href*="action=activate"]')]);
    const state = await wpTool('state');
    equal(state.version, '6.5.5', 'WordPress version');
    assert(state.active, 'plugin not active');
    equal(state.plugin?.Version, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version, 'plugin version');
    equal(state.plugin?.RequiresPHP, '8.1', 'Requires PHP');
    equal(state.plugin?.RequiresWP, '6.5', 'Requires at least');
    assert(await admin.$(`tr[data-plugin="fresk-missions/fresk-missions.php"] a[href*="page=fresk-missions"]`), 'no Settings link on the Plugins screen');
    installed = true;
  });

  await check('notice: the dashboard says when the server URL is not set', async () => {
    await admin.goto(`${wp}/wp-admin/`, { waitUntil: 'domcontentloaded' });
    const notice = await admin.$eval('.fresk-missions-notice', (e) => ({ state: e.dataset.state, text: e.textContent }));
    equal(notice.state, 'unset', 'notice state');
    assert(/server URL is not set/.test(notice.text), `notice text: ${notice.text}`);
    // …and a visitor sees no broken widget, only nothing.
    pages = (await wpTool('setup', { code })).pages;
    await visitor.goto(pages.block.url, { waitUntil: 'domcontentloaded' });
    equal(await visitor.$('fresk-invite'), null, 'widget without a server URL');
    equal((await freskScripts(visitor)).length, 0, 'module scripts without a server URL');
  });

  await wpTool('setup', { server: api, code });

  await check('block: a visitor registers through the "Fresk — inscription" block, seen by the API', async () => {
    await visitor.goto(pages.block.url, { waitUntil: 'domcontentloaded' });
    const scripts = await freskScripts(visitor);
    equal(scripts.length, 1, `module scripts ${JSON.stringify(scripts)}`);
    assert(/\/wp-content\/plugins\/fresk-missions\/assets\/fresk-invite\.js\?ver=[0-9a-f]{12}$/.test(scripts[0]), `script src ${scripts[0]}`);
    const element = await attrs(visitor, '.wp-block-fresk-invite fresk-invite');
    equal(element.code, code, 'code attribute');
    equal(element.api, api, 'api attribute');
    equal(element.lang, 'fr', 'lang attribute');
    equal(await noscriptHref(visitor, '.wp-block-fresk-invite fresk-invite'), `${api}/signup/${code}`, 'noscript fallback link');
    await register(visitor, 'Camille Participante', 'camille@example.org');
    if (screenshots) {
      await visitor.setViewport({ width: 1100, height: 1150 });
      await visitor.evaluate(() => {
        document.activeElement?.blur();
        window.scrollTo(0, 0);
      });
      mkdirSync(join(root, 'docs', 'img'), { recursive: true });
      await visitor.screenshot({ path: join(root, 'docs', 'img', 'wordpress-signup-form.png') });
    }
    await submitAndConfirm(visitor);
    const found = (await participants()).find((p) => p.email === 'camille@example.org');
    assert(found, 'registration not found through sessions.get');
    equal(found.name, 'Camille Participante', 'registered name');
  });

  await check('no JavaScript: the block delivers the form the server rendered (cached a minute), and it registers without JavaScript', async () => {
    const html = await (await fetch(pages.block.url)).text();
    const element = html.slice(html.indexOf('<fresk-invite'), html.indexOf('</fresk-invite>'));
    assert(element.includes(`<form class="fresk-static" method="post" action="${api}/signup/${code}" data-info="{`), `pre-rendered form: ${element.slice(0, 600)}`);
    assert(element.includes('name="email"') && element.includes('name="consent"') && element.includes('<h2>'), `form fields and summary: ${element.slice(0, 600)}`);
    assert((await wpTool('state')).options['_transient_fresk_missions_form_*'] >= 1, 'the rendered form is not cached in a transient');
    const page = await visitorContext.newPage();
    try {
      await page.setJavaScriptEnabled(false);
      await page.goto(pages.block.url, { waitUntil: 'domcontentloaded' });
      await page.type('fresk-invite form input[name="name"]', 'Sans Script');
      await page.type('fresk-invite form input[name="email"]', 'sans.script@example.org');
      await page.click('fresk-invite form input[name="consent"]');
      await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }), page.click('fresk-invite form button[type="submit"]')]);
      equal(page.url(), `${api}/signup/${code}`, 'the form posts to the Fresk server');
      const text = await page.$eval('body', (b) => b.textContent);
      assert(text.includes('Inscription confirmée'), `no-JS confirmation page: ${text.slice(0, 400)}`);
    } finally {
      await page.close();
    }
    assert((await participants()).some((p) => p.email === 'sans.script@example.org'), 'no-JS registration not found through sessions.get');
  });

  await check('shortcodes: [fresk_invite] and [fresk_missions] render their widgets; other pages load nothing', async () => {
    await visitor.goto(pages.shortcode.url, { waitUntil: 'domcontentloaded' });
    equal((await attrs(visitor, '.fresk-invite fresk-invite')).lang, 'en', 'shortcode lang');
    await waitDeep(visitor, 'fresk-invite >>> form', { timeout: 15_000 });
    const label = await visitor.$eval('fresk-invite >>> label[for="email"]', (e) => e.textContent.trim());
    assert(/e-?mail/i.test(label), `email label ${label}`);
    for (const [which, lang] of [['space', 'fr'], ['space_block', 'en']]) {
      await visitor.goto(pages[which].url, { waitUntil: 'domcontentloaded' });
      const scripts = await freskScripts(visitor);
      assert(scripts.length === 1 && scripts[0].includes('/assets/fresk-missions.js'), `${which} scripts ${JSON.stringify(scripts)}`);
      // Resource hints before the element: a connection to the API, the bundle and its static chunks.
      const hints = await visitor.$$eval('link[rel="preconnect"], link[rel="modulepreload"]', (ls) => ls.map((l) => [l.rel, l.href, l.crossOrigin]));
      assert(hints.some(([rel, href, co]) => rel === 'preconnect' && href.startsWith(new URL(api).origin) && co === 'anonymous'), `${which} preconnect ${JSON.stringify(hints)}`);
      const preloads = hints.filter(([rel]) => rel === 'modulepreload').map(([, href]) => href);
      assert(preloads.includes(scripts[0]) && preloads.some((h) => /\/assets\/chunk\.[A-Z0-9]{8}\.js$/.test(h)), `${which} modulepreload ${JSON.stringify(preloads)}`);
      const element = await attrs(visitor, 'fresk-missions');
      equal(element.api, api, `${which} api`);
      equal(element.lang, lang, `${which} lang`);
      assert(!('token' in element), `${which}: a token without the fresk_missions_token filter`);
      // No portal token: the facilitator space offers the magic-link sign-in.
      await waitDeep(visitor, 'fresk-missions >>> fresk-sign-in >>> form input[type="email"]', { timeout: 15_000 });
    }
    await visitor.goto(pages.plain.url, { waitUntil: 'domcontentloaded' });
    equal((await freskScripts(visitor)).length, 0, 'module scripts on a page without Fresk');
    await visitor.goto(`${wp}/`, { waitUntil: 'domcontentloaded' });
    equal((await freskScripts(visitor)).length, 0, 'module scripts on the home page');
  });

  await check('editor: the block shows a live preview of the real widget and its settings', async () => {
    await admin.goto(`${wp}/wp-admin/post.php?post=${pages.block.id}&action=edit`, { waitUntil: 'domcontentloaded' });
    await admin.waitForFunction(() => window.wp?.data?.select('core/block-editor')?.getBlocks().length > 0, { timeout: 40_000 });
    const clientId = await admin.evaluate(() => {
      const block = wp.data.select('core/block-editor').getBlocks().find((b) => b.name === 'fresk/invite');
      if (block) wp.data.dispatch('core/block-editor').selectBlock(block.clientId);
      return block?.clientId;
    });
    assert(clientId, 'no fresk/invite block in the editor');
    // The canvas is an iframe in WordPress 6.5 when every block is apiVersion 3; look in both places.
    const canvasHandle = await admin.$('iframe[name="editor-canvas"]');
    const canvas = canvasHandle ? await canvasHandle.contentFrame() : admin.mainFrame();
    await waitDeep(canvas, 'fresk-invite >>> form', { timeout: 20_000 });
    const preview = await canvas.$eval('fresk-invite', (e) => ({ code: e.getAttribute('code'), api: e.getAttribute('api'), inert: !!e.closest('[inert]') }));
    equal(preview.code, code, 'preview code');
    equal(preview.api, api, 'preview api');
    assert(preview.inert, 'the preview is not inert: clicking it would register the editor');
    const inspector = await admin.waitForSelector('.block-editor-block-inspector input[type="text"]', { timeout: 10_000 });
    equal(await inspector.evaluate((e) => e.value), code, 'code field in the block settings');
    const labels = await admin.$$eval('.block-editor-block-inspector label', (ls) => ls.map((l) => l.textContent));
    assert(labels.some((l) => /signup code/.test(l)) && labels.some((l) => /Language/.test(l)), `inspector labels ${labels}`);
    if (screenshots) {
      await admin.setViewport({ width: 1440, height: 960 });
      await sleep(800);
      await waitDeep(canvas, 'fresk-invite >>> form');
      await admin.screenshot({ path: join(root, 'docs', 'img', 'wordpress-block-editor.png') });
      await admin.setViewport({ width: 1280, height: 900 });
    }
  });

  await check('settings: capability and nonce checked, a new server URL saved through the form is used by the pages', async () => {
    // Someone without manage_options is refused.
    const subscriberContext = await browser.createBrowserContext();
    const subscriber = watch(await subscriberContext.newPage(), 'subscriber');
    await login(subscriber, 'subscriber');
    const refused = await subscriber.goto(settingsPage, { waitUntil: 'domcontentloaded' });
    equal(refused.status(), 403, 'settings page for a subscriber');
    assert(!(await subscriber.$('#fresk_missions_server_url')), 'a subscriber sees the settings form');
    await subscriberContext.close();

    // The form carries the Settings API's nonce; a forged one changes nothing.
    await admin.goto(settingsPage, { waitUntil: 'domcontentloaded' });
    assert(await admin.$('form[action$="options.php"] input[name="option_page"][value="fresk_missions"]'), 'no option_page field');
    assert(await admin.$('form[action$="options.php"] input[name="_wpnonce"]'), 'no nonce field');
    assert(/Connected/.test(await admin.$eval('.fresk-missions-status', (e) => e.textContent)), 'no "Connected" status');
    const forged = await admin.evaluate(async (url) => {
      const data = new FormData(document.querySelector('form[action$="options.php"]'));
      data.set('_wpnonce', 'forged');
      data.set('fresk_missions_server_url', url);
      return (await fetch('options.php', { method: 'POST', body: data })).status;
    }, 'http://evil.example');
    equal(forged, 403, 'options.php with a forged nonce');
    equal((await wpTool('state')).options.fresk_missions_server_url, api, 'option after a forged post');

    // Saved through the form.
    await saveSettings(`${apiAlias}/`);
    assert(await admin.$('#setting-error-settings_updated'), 'no "Settings saved." notice');
    equal((await wpTool('state')).options.fresk_missions_server_url, apiAlias, 'saved option (trailing slash removed)');
    equal(await admin.$eval('#fresk_missions_server_url', (e) => e.value), apiAlias, 'field after saving');

    // Both pages now use it, and a registration goes through it.
    await visitor.goto(pages.block.url, { waitUntil: 'domcontentloaded' });
    equal((await attrs(visitor, 'fresk-invite')).api, apiAlias, 'block api after saving');
    equal(await noscriptHref(visitor, 'fresk-invite'), `${apiAlias}/signup/${code}`, 'block noscript link after saving');
    await visitor.goto(pages.shortcode.url, { waitUntil: 'domcontentloaded' });
    equal((await attrs(visitor, 'fresk-invite')).api, apiAlias, 'shortcode api after saving');
    const calls = [];
    visitor.on('request', (r) => r.url().includes('/trpc/') && calls.push(r.url()));
    await register(visitor, 'Dominique Participant', 'dominique@example.org');
    await submitAndConfirm(visitor);
    assert(calls.length && calls.every((u) => u.startsWith(`${apiAlias}/trpc/`)), `API calls ${JSON.stringify(calls)}`);
    assert((await participants()).some((p) => p.email === 'dominique@example.org'), 'second registration not found through sessions.get');
  });

  const closedPort = await freePort();
  // A server that answers /health but allows no other origin (no CORS headers at all).
  const stranger = createHttpServer((req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}'));
  await new Promise((r) => stranger.listen(0, '127.0.0.1', r));
  const strangerUrl = `http://127.0.0.1:${stranger.address().port}`;
  await check('settings: an invalid URL is refused; an unreachable server, or one that refuses the site, gets a notice', async () => {
    await saveSettings('javascript:alert(1)');
    assert(await admin.$('#setting-error-fresk_missions_invalid_url'), 'no error for a javascript: URL');
    equal((await wpTool('state')).options.fresk_missions_server_url, apiAlias, 'option after an invalid URL');
    await saveSettings(`http://127.0.0.1:${closedPort}`);
    equal(await admin.$eval('.fresk-missions-notice', (e) => e.dataset.state), 'unreachable', 'notice on the settings page');
    await admin.goto(`${wp}/wp-admin/`, { waitUntil: 'domcontentloaded' });
    const text = await admin.$eval('.fresk-missions-notice', (e) => e.textContent);
    assert(text.includes(`127.0.0.1:${closedPort}`) && /not reachable/.test(text), `dashboard notice: ${text}`);
    await saveSettings(strangerUrl);
    const refused = await admin.$eval('.fresk-missions-notice', (e) => ({ state: e.dataset.state, text: e.textContent }));
    equal(refused.state, 'origin_refused', 'notice for a server that does not allow the site');
    assert(refused.text.includes(wp) && refused.text.includes('FRESK_ALLOWED_ORIGINS'), `origin notice: ${refused.text}`);
    await saveSettings(`http://127.0.0.1:${closedPort}`); // the French check below reads the "unreachable" notice
  });
  stranger.close();

  await check('escaping: hostile attributes, a tampered server URL and a bad token stay inert', async () => {
    const render = async (input) => (await wpTool('render', input)).html;
    // Only the plugin's own elements and attributes (the resource hints' <link> included), every attribute quoted: nothing injected.
    const inert = (html) =>
      [...html.matchAll(/<([a-z][a-z-]*)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/g)].length === (html.match(/<[a-z]/g) ?? []).length &&
      [...html.matchAll(/<([a-z][a-z-]*)([^>]*)>/g)].every(([, tag, rest]) =>
        ['div', 'p', 'strong', 'fresk-invite', 'fresk-missions', 'noscript', 'a', 'link'].includes(tag) &&
        [...rest.matchAll(/\s([a-z-]+)="[^"]*"/g)].every(([, name]) => ['class', 'code', 'api', 'lang', 'token', 'href', 'rel', 'crossorigin'].includes(name)) &&
        (tag !== 'link' || /^ rel="(preconnect|modulepreload)"/.test(rest)));
    const hostile = '[fresk_invite code="x\\"><script>alert(1)</script>" lang="en\\" onload=\\"alert(1)"]';
    equal(await render({ content: hostile }), '', 'a visitor sees nothing for an invalid code');
    const forEditor = await render({ content: hostile, as: 'admin' });
    assert(/fresk-missions-problem/.test(forEditor) && inert(forEditor), `editor hint: ${forEditor}`);
    const tampered = await render({ content: `[fresk_invite code="${code}"]<!-- wp:fresk/missions /-->`, rawServer: 'http://evil.example/"><script>alert(1)</script>' });
    assert(inert(tampered), `tampered server URL: ${tampered}`);
    const pasted = await render({ content: '[fresk_invite code="https://missions.example.org/signup/AbC_12-x"]', defaultLang: 'en' });
    assert(/<fresk-invite code="AbC_12-x" api="[^"]+" lang="en">/.test(pasted), `pasted participant link, default language: ${pasted}`);
    const withToken = await render({ content: '[fresk_missions]', token: 'aaa.bbb.ccc' });
    assert(/<fresk-missions [^>]*token="aaa\.bbb\.ccc"/.test(withToken), `fresk_missions_token filter: ${withToken}`);
    const badToken = await render({ content: '[fresk_missions]', token: '"><img src=x onerror=alert(1)>' });
    assert(!/token=/.test(badToken) && inert(badToken), `bad token: ${badToken}`);
    assert(inert(pasted) && inert(withToken), 'unexpected markup');
  });

  await check('i18n: the plugin speaks French to a fr_FR user (PHP .mo and editor JSON)', async () => {
    await wpTool('locale', { user: 'admin', locale: 'fr_FR' });
    try {
      await admin.goto(settingsPage, { waitUntil: 'domcontentloaded' });
      equal(await admin.$eval('label[for="fresk_missions_server_url"]', (e) => e.textContent.trim()), 'URL du serveur', 'server URL label');
      assert(/injoignable/.test(await admin.$eval('.fresk-missions-notice', (e) => e.textContent)), 'notice not in French');
      await admin.goto(`${wp}/wp-admin/post-new.php?post_type=page`, { waitUntil: 'domcontentloaded' });
      const html = await admin.content();
      assert(html.includes('Langue du formulaire'), 'editor script translations not printed');
    } finally {
      await wpTool('locale', { user: 'admin', locale: '' });
    }
  });

  await check('uninstall: deleting the plugin removes its options', async () => {
    const out = await wpTool('uninstall');
    assert(out.before.fresk_missions_server_url, 'no option before uninstalling');
    assert(out.deleted, `delete_plugins failed: ${out.error}`);
    assert(!out.files, 'plugin files left');
    for (const [name, value] of Object.entries(out.options)) equal(value, null, `${name} after uninstall`);
  });

  await check('no JavaScript errors on the pages, no PHP notices from the plugin', async () => {
    assert(pageErrors.length === 0, pageErrors.join('\n'));
    const phpLog = join(site, 'wp-content', 'debug.log');
    const ours = existsSync(phpLog) ? readFileSync(phpLog, 'utf8').split('\n').filter((l) => l.includes('fresk-missions')) : [];
    assert(ours.length === 0, ours.join('\n'));
  });
}

let crashed = null;
try {
  await main();
} catch (error) {
  crashed = error;
  console.error(`wordpress: setup failed: ${error?.stack ?? error}`);
  if (existsSync(join(tmp, 'server.log'))) console.error(readFileSync(join(tmp, 'server.log'), 'utf8').slice(-3000));
}
const phpLog = join(wpWork, 'wordpress', 'wp-content', 'debug.log');
const failed = results.filter((r) => !r.ok).length + (crashed ? 1 : 0);
if (failed && existsSync(phpLog)) console.error(`--- WordPress debug.log ---\n${readFileSync(phpLog, 'utf8').slice(-4000)}`);
clearTimeout(deadline);
await cleanup();
const passed = results.filter((r) => r.ok).length;
for (const r of results.filter((r) => !r.ok)) console.log(`  failed: ${r.name}`);
console.log(`wordpress: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(failed ? 1 : 0);
