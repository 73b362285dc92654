// Browser tests of the widgets (npx web-test-runner): Debian's Chromium, against the real server over real
// HTTP. Before the tests, the widget bundles are built (the CSP tests load the shipped files) and the
// server is started in demo mode on a free port with a fresh database; the test page, on another origin
// (port 8000), finds the server's URL in `window.FRESK_API`. The server stops with the runner.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';

// The page's port is pinned (the server's CORS allow-list names it); FRESK_WTR_PORT moves it when two runs share a machine.
const PAGE_PORT = Number(process.env.FRESK_WTR_PORT ?? 8000);
const pageOrigins = [`http://localhost:${PAGE_PORT}`, `http://127.0.0.1:${PAGE_PORT}`];

const isFree = (port) =>
  new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

/** A port for the server with the next one free too (demo mode also serves its WordPress-like page there). */
async function serverPort() {
  for (let port = Number(process.env.FRESK_TEST_PORT ?? 8797); port < 8997; port += 2) {
    if ((await isFree(port)) && (await isFree(port + 1))) return port;
  }
  throw new Error('no free port for the test server');
}

async function startServer() {
  const port = await serverPort();
  const dir = mkdtempSync(join(tmpdir(), 'fresk-wtr-'));
  const api = `http://localhost:${port}`;
  const output = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/serve.ts'], {
    env: {
      ...process.env,
      FRESK_DEMO: '1',
      PORT: String(port),
      FRESK_APP_URL: api,
      FRESK_DB_URL: `file:${join(dir, 'fresk.db')}`,
      FRESK_ALLOWED_ORIGINS: pageOrigins.join(','),
      RESEND_API_KEY: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => output.push(String(chunk)));
  let exited = false;
  child.once('exit', () => (exited = true));
  const stop = () => {
    if (!exited) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);

  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !exited) {
    const healthy = await fetch(`${api}/health`).then((r) => r.ok, () => false);
    if (healthy) return { api, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`the test server did not become healthy on ${api}:\n${output.join('')}`);
}

execFileSync(process.execPath, ['widget/build.mjs'], { stdio: 'inherit' });
const server = await startServer();

export default {
  files: ['test/widget/**/*.test.ts'],
  port: PAGE_PORT,
  nodeResolve: true,
  // One page at a time: focus moves (dialogs, tabs) are only reliable in the focused page.
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 120_000,
  testFramework: { config: { timeout: 15_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      },
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2021', tsconfig: 'tsconfig.json' }),
    { name: 'fresk-test-server', serverStop: () => server.stop() },
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="fr">
  <head><meta charset="utf-8"></head>
  <body>
    <script>window.FRESK_API = ${JSON.stringify(server.api)};</script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
};
