// Lighthouse scores of the server's pages, printed (not a test: scores move with Lighthouse and Chromium).
//   node bench/lighthouse.mjs [extra paths…]      e.g. node bench/lighthouse.mjs /checkin/CODE /survey/TOKEN
// Starts the server in demo mode (seeded data) on free ports with a fresh database, then audits the signup
// page of the seeded open session, the personal-link pages and the demo portal with Lighthouse 12.2.3 (the
// last line that runs on Node 20; fetched by npx, pinned, so it stays out of package-lock.json) in
// Debian's Chromium (CHROME_PATH, default /usr/bin/chromium). Accessibility, best practices and SEO are
// the categories the pages are held to (≥ 95); performance is printed for information. Pages marked
// noindex (reached through a personal token, or behind a sign-in) lose SEO's "is crawlable" on purpose:
// SEO does not apply to them. /invitation/UNKNOWN-TOKEN shows the invalid-token answer (its 404 is logged).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, root, table } from './lib.mjs';

const LIGHTHOUSE = 'lighthouse@12.2.3';
const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';

async function twoFreePorts() {
  for (;;) {
    const port = await freePort();
    const probe = await new Promise((resolve) => {
      import('node:net').then(({ createServer }) => {
        const s = createServer().once('error', () => resolve(false));
        s.listen(port + 1, '127.0.0.1', () => s.close(() => resolve(true)));
      });
    });
    if (probe) return port;
  }
}

const port = await twoFreePorts();
const dir = mkdtempSync(join(tmpdir(), 'fresk-lighthouse-'));
const base = `http://localhost:${port}`;
const server = spawn(process.execPath, ['--import', 'tsx', 'demo/serve.ts'], {
  cwd: root,
  env: { ...process.env, PORT: String(port), FRESK_DB_URL: `file:${join(dir, 'db.sqlite')}`, FRESK_DEMO: '1', FRESK_APP_URL: base, RESEND_API_KEY: '' },
  stdio: 'ignore',
});
const stop = () => {
  if (server.exitCode === null) server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
};
process.once('exit', stop);

for (let i = 0; ; i++) {
  if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) break;
  if (i > 300) throw new Error('the server did not start');
  await new Promise((r) => setTimeout(r, 100));
}
const wordpress = await (await fetch(`http://localhost:${port + 1}/`)).text();
const code = /code="([^"]+)"/.exec(wordpress)?.[1];
if (!code) throw new Error('no signup code on the demo WordPress page');

// LIGHTHOUSE_DETAILS=1 also prints the console errors Lighthouse saw.
const details = process.env.LIGHTHOUSE_DETAILS === '1';
const paths = [`/signup/${code}`, '/invitation/UNKNOWN-TOKEN', '/demo/', ...process.argv.slice(2)];
const rows = [];
for (const path of paths) {
  const out = join(dir, 'report.json');
  execFileSync(
    'npx',
    ['--yes', LIGHTHOUSE, base + path, '--quiet', '--output=json', `--output-path=${out}`, '--only-categories=performance,accessibility,best-practices,seo', '--chrome-flags=--headless=new --no-sandbox --disable-gpu'],
    { env: { ...process.env, CHROME_PATH: chrome }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const score = (id) => Math.round((report.categories[id]?.score ?? NaN) * 100);
  const failed = Object.values(report.audits)
    .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
    .map((a) => a.id);
  if (details) for (const item of report.audits['errors-in-console']?.details?.items ?? []) console.error(`${path}: ${item.source}: ${item.description}`);
  rows.push([path.replace(code, '<code>'), score('accessibility'), score('best-practices'), score('seo'), score('performance'), failed.join(', ') || '—']);
}
console.log(`Lighthouse ${LIGHTHOUSE.split('@')[1]}, ${execFileSync(chrome, ['--version']).toString().trim()}, demo server\n`);
console.log(table(['page', 'accessibility', 'best practices', 'SEO', 'performance', 'binary audits not passed'], rows, ['l', 'r', 'r', 'r', 'r', 'l']));
stop();
process.exit(0);
