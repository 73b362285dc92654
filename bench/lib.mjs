// Shared helpers of the benchmark scripts: the machine, a free port, the bench server as a child process,
// statistics and the `--json <file>` convention (each part prints a human table and, when asked, writes its
// figures as JSON for bench/run.mjs). Benchmarks print figures; they never fail on a timing.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function machine() {
  const list = cpus();
  return {
    cores: list.length,
    cpu: list[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** The value after `--name` in argv, or `fallback`. */
export function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/** Writes `data` to the file named by `--json <file>`, if any. */
export function emitJson(data) {
  const file = arg('json');
  if (file) writeFileSync(file, JSON.stringify(data, null, 2));
}

export const BENCH_SECRET = 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

/**
 * Starts bench/server.ts in a child process: the real Node entry (startNodeServer) on a fresh temporary
 * libSQL file, with the fixtures asked for. Resolves once it printed its READY line with the fixtures' ids.
 */
export async function startBenchServer({ fixtures = [], allowedOrigins = [], env = {} } = {}) {
  const port = await freePort();
  const dbFile = join(tmpdir(), `fresk-bench-${randomUUID()}.db`);
  const appUrl = `http://127.0.0.1:${port}`;
  // BENCH_SERVER_NODE_ARGS adds Node flags to the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', join(root, 'bench/server.ts'), ...fixtures], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      FRESK_DB_URL: `file:${dbFile}`,
      FRESK_AUTH_SECRET: BENCH_SECRET,
      FRESK_APP_URL: appUrl,
      FRESK_ALLOWED_ORIGINS: [appUrl, ...allowedOrigins].join(','),
      FRESK_RATE_LIMIT_PER_MINUTE: '1000000000',
      FRESK_DEMO: '',
      RESEND_API_KEY: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Never leave the server behind, even when this script dies.
  const killChild = () => child.exitCode === null && child.kill('SIGKILL');
  process.once('exit', killChild);
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  const info = await new Promise((resolve, reject) => {
    let out = '';
    const onData = (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (line) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve(JSON.parse(line.slice(6)));
      }
    };
    child.stdout.on('data', onData);
    child.on('exit', (code) => reject(new Error(`bench server exited (${code}) before it was ready:\n${out}\n${stderr}`)));
  });
  const exited = new Promise((r) => child.on('exit', r));
  return {
    url: appUrl,
    port,
    dbFile,
    info,
    child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
    },
  };
}

/**
 * The host pages' origin for the browser benchmarks: a second server, like the WordPress site or the portal
 * that embeds a widget. Answers `pages[path]` = `{ type, body, headers? }` (looked up per request, so the
 * pages can be filled in once the Fresk server is up), never cached; 404 for anything else.
 */
export async function startHostServer(pages) {
  const port = await freePort();
  const server = createHttpServer((req, res) => {
    const page = pages[req.url];
    if (!page) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': page.type, 'cache-control': 'no-store', ...page.headers });
    res.end(page.body);
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

/** Debian's Chromium (or CHROME_PATH), headless, through puppeteer-core, as every browser benchmark runs it. */
export const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';
export function launchChromium(puppeteer) {
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export function quantile(values, q) {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export const median = (values) => quantile(values, 0.5);

/** A number with `digits` decimals, or '—'. */
export const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

/** A markdown table from a header row and rows of cells. */
export function table(head, rows, align) {
  const a = align ?? head.map((_, i) => (i === 0 ? 'l' : 'r'));
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(a.map((x) => (x === 'l' ? '---' : '---:'))), ...rows.map(line)].join('\n');
}
