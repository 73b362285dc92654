/**
 * The entries: the plain Node server (server/node.ts) never serves the demo — no `/dev/*` route, no demo
 * page, whatever its configuration says — and refuses FRESK_DEMO when run alone; `npm run serve`
 * (bin/serve.ts) reads FRESK_DEMO as API.md says and then runs the demo's entry (demo/serve.ts, `npm start`);
 * no server file imports anything from demo/. (That the Worker
 * bundle holds no demo code is checked on the bundle itself: test/worker/node/bundle.test.ts.)
 */
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startNodeServer } from '../../server/node.ts';
import { freePort, SECRET } from './helpers.ts';

/** What only the demo entry serves. */
const demoOnly = [
  ['GET', '/dev/outbox'],
  ['GET', '/dev/outbox.json'],
  ['POST', '/dev/token'],
  ['GET', '/demo/'],
] as const;

describe('the plain Node server (server/node.ts)', () => {
  it.each([
    ['its ordinary configuration', ''],
    ['a demo configuration', '1'],
  ])('answers 404 to every demo path, with %s', async (_, demo) => {
    const port = await freePort();
    const file = join(tmpdir(), `fresk-entries-${randomUUID()}.db`);
    const config = loadConfig({ PORT: String(port), FRESK_DB_URL: `file:${file}`, FRESK_AUTH_SECRET: SECRET, FRESK_DEMO: demo, FRESK_SCHEDULE_SECONDS: '3600' }, () => {});
    const server = await startNodeServer(config);
    try {
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      for (const [method, path] of demoOnly) {
        const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, body: method === 'POST' ? JSON.stringify({ email: 'x@y.org', role: 'admin' }) : undefined });
        expect(res.status, `${method} ${path}`).toBe(404);
      }
    } finally {
      await server.stop();
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    }
  });

  it('refuses to start with FRESK_DEMO=1 and names the demo entry', async () => {
    const port = await freePort();
    const file = join(tmpdir(), `fresk-entries-${randomUUID()}.db`);
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/node.ts'], {
      env: { ...process.env, PORT: String(port), FRESK_DB_URL: `file:${file}`, FRESK_DEMO: '1', FRESK_AUTH_SECRET: '', RESEND_API_KEY: '' },
      timeout: 30_000,
    });
    const failure = (await run.then(() => null, (e: { code: number; stderr: string }) => e))!;
    rmSync(file, { force: true });
    expect(failure).not.toBeNull();
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain('demo/serve.ts');
  }, 40_000);

  it('imports nothing from demo/: no server file names it in an import', () => {
    const offenders: string[] = [];
    for (const name of readdirSync('server', { recursive: true }) as string[]) {
      if (!name.endsWith('.ts')) continue;
      const text = readFileSync(join('server', name), 'utf8');
      if (/(?:from\s*|import\s*\(\s*)['"](?:\.\.\/)+demo\//.test(text)) offenders.push(`server/${name}`);
    }
    expect(offenders).toEqual([]);
  });

  it.each([
    ['serves the demo with FRESK_DEMO=1', '1', 200],
    ['is the plain server without it', '', 404],
  ])('`npm run serve` (bin/serve.ts) %s', async (_, demo, status) => {
    const port = await freePort();
    const file = join(tmpdir(), `fresk-entries-${randomUUID()}.db`);
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/serve.ts'], {
      env: { ...process.env, PORT: String(port), FRESK_DB_URL: `file:${file}`, FRESK_DEMO: demo, FRESK_AUTH_SECRET: SECRET, RESEND_API_KEY: '' },
      stdio: 'ignore',
    });
    try {
      let health = 0;
      for (let i = 0; i < 150 && health !== 200; i++) {
        health = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status, () => 0);
        if (health !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect(health).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/dev/outbox.json`)).status).toBe(status);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    }
  }, 60_000);
});
