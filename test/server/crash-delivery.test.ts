/**
 * Crash safety of the outbox on the real Node server: `node --import tsx server/node.ts` with the real
 * Resend SDK pointed at the fake. The server is SIGKILLed while a send is in flight (the provider took
 * the message but its answer never came) and while another committed message waits its turn; after a
 * restart with a healthy provider, each message is delivered exactly once and its row ends 'sent'.
 */
import { createClient } from '@libsql/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { signJwt } from '../../server/auth.ts';
import { startFakeResend, type FakeResend } from '../fake-resend.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SECRET = 'crash-test-secret-0123456789-abcdefghijklmnop';
const dbFile = join(tmpdir(), `fresk-crash-${randomUUID()}.db`);
const children = new Set<ChildProcess>();
let fake: FakeResend | undefined;

const killAll = () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
};
// Children must not outlive the test run, whatever happens.
process.once('exit', killAll);

afterAll(async () => {
  killAll();
  await Promise.all([...children].map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)));
  await fake?.close();
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(dbFile + suffix, { force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolvePort(port));
    });
  });
}

/** Polls `check` until it returns a value, or fails after `ms`. */
async function until<T>(what: string, ms: number, check: () => Promise<T | undefined | null | false>, log?: () => string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${log ? `\n--- server output ---\n${log()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startServer(resendUrl: string) {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/node.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      FRESK_DB_URL: `file:${dbFile}`,
      FRESK_AUTH_SECRET: SECRET,
      PORT: String(port),
      // As in production: links come from the configured URL, so a restart on another port renders the same message.
      FRESK_APP_URL: 'https://missions.asso.example',
      RESEND_API_KEY: 're_test',
      RESEND_BASE_URL: resendUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const log = () => output;
  await until('the server to answer /health', 20_000, async () => {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    return (await fetch(`${base}/health`)).ok;
  }, log);
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  };
  return { base, child, log, kill };
}

async function outboxRows() {
  const client = createClient({ url: `file:${dbFile}` });
  try {
    const rs = await client.execute('select id, template, status, attempts, provider_id, last_error from outbox order by created_at');
    return rs.rows.map((r) => ({ id: String(r.id), template: String(r.template), status: String(r.status), attempts: Number(r.attempts), providerId: r.provider_id as string | null }));
  } finally {
    client.close();
  }
}

it('delivers every committed email exactly once across a SIGKILL and a restart', { timeout: 60_000 }, async () => {
  fake = await startFakeResend();
  // The provider accepts the message, then never answers: the worst case for duplicates.
  fake.hangAll(true, true);

  const first = await startServer(fake.url);
  const admin = await signJwt({ sub: 'p-admin', email: 'staff@asso.test', name: 'Staff', role: 'admin', exp: Math.floor(Date.now() / 1000) + 3600 }, SECRET);
  const createMission = async (base: string, title: string) => {
    const res = await fetch(`${base}/trpc/admin.createMission`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ title, organization: { name: 'Acme', sector: 'entreprise' }, coordinator: { email: `${title}@fresk.test`, name: title }, order: [{ kind: 'atelier', quantity: 1 }] }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { result: { data: { missionId: string } } }).result.data.missionId;
  };

  await createMission(first.base, 'alpha');
  // The drainer picked alpha's email up and is waiting on the provider…
  await until('the first send to reach the provider', 15_000, async () => fake!.attempts.length >= 1, first.log);
  // …while beta's email is committed behind it.
  await createMission(first.base, 'beta');
  expect(fake.attempts).toHaveLength(1);
  expect(fake.attempts[0].answered).toBe(false);

  await first.kill('SIGKILL');
  const afterCrash = await outboxRows();
  expect(afterCrash.map((r) => [r.template, r.status])).toEqual([
    ['mission_assigned', 'pending'],
    ['mission_assigned', 'pending'],
  ]);
  const [alpha, beta] = afterCrash;
  expect(fake.attempts[0].idempotencyKey).toBe(alpha.id);
  expect(alpha.attempts).toBe(1);
  expect(beta.attempts).toBe(0);

  // Restart with a healthy provider.
  fake.hangAll(false);
  const second = await startServer(fake.url);
  const rows = await until(
    'both rows to be sent',
    40_000,
    async () => {
      const r = await outboxRows();
      return r.every((x) => x.status === 'sent') ? r : undefined;
    },
    second.log,
  );
  await second.kill('SIGTERM');

  // Exactly once: one delivery per message, each key the row id; alpha's retry was deduplicated.
  expect(fake.deliveries.map((d) => d.idempotencyKey).sort()).toEqual([alpha.id, beta.id].sort());
  expect(new Set(fake.attempts.map((a) => a.idempotencyKey))).toEqual(new Set([alpha.id, beta.id]));
  expect(fake.attempts.filter((a) => a.idempotencyKey === alpha.id).map((a) => a.outcome)).toEqual(['hang-accepted', 'replayed']);
  expect(fake.attempts.filter((a) => a.idempotencyKey === beta.id).map((a) => a.outcome)).toEqual(['delivered']);
  // The restarted process rendered alpha's message byte for byte as the killed one did.
  const alphaBodies = fake.attempts.filter((a) => a.idempotencyKey === alpha.id).map((a) => JSON.stringify(a.body));
  expect(alphaBodies[1]).toBe(alphaBodies[0]);
  expect(alphaBodies[0]).toContain('https://missions.asso.example/missions/');
  const byKey = new Map(fake.deliveries.map((d) => [d.idempotencyKey, d]));
  for (const r of rows) expect(r.providerId).toBe(byKey.get(r.id)!.id);
  expect(byKey.get(alpha.id)!.body.to).toEqual(['alpha@fresk.test']);
  expect(byKey.get(beta.id)!.body.to).toEqual(['beta@fresk.test']);
});
