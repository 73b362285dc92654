/**
 * Crashes: the real Node server is SIGKILLed again and again while registrations, joins and retribution
 * requests are in flight, then restarted. Afterwards the database is intact, no capacity or slot is
 * exceeded, nothing acknowledged is lost, and every queued email reaches the (fake) provider exactly once.
 */
import { createClient } from '@libsql/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signJwt, type Claims } from '../../server/auth.ts';
import { startFakeResend, type FakeResend } from '../fake-resend.ts';

const SECRET = 'crash-test-secret-0123456789abcdefghijklmnop';
const file = join(tmpdir(), `fresk-crash-${randomUUID()}.db`);
const port = 20000 + Math.floor(Math.random() * 20000);
const base = `http://127.0.0.1:${port}`;
let child: ChildProcess | undefined;
let fake: FakeResend;

afterAll(async () => {
  child?.kill('SIGKILL');
  await fake?.close();
  for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
});

async function start() {
  child = spawn(process.execPath, ['--import', 'tsx', 'server/node.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      FRESK_DB_URL: `file:${file}`,
      FRESK_AUTH_SECRET: SECRET,
      FRESK_DEMO: '',
      RESEND_API_KEY: 're_test',
      RESEND_BASE_URL: fake.url,
      FRESK_RATE_LIMIT_PER_MINUTE: '1000000',
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 200; i++) {
    const ok = await fetch(`${base}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server did not start');
}

function kill(): Promise<void> {
  const c = child!;
  return new Promise((resolve) => {
    c.once('exit', () => resolve());
    c.kill('SIGKILL');
  });
}

const token = (claims: Omit<Claims, 'exp'>) => signJwt({ ...claims, exp: Math.floor(Date.now() / 1000) + 3600 }, SECRET);
async function call(path: string, input: unknown, bearer?: string) {
  const res = await fetch(`${base}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('SIGKILL while writes are in flight', () => {
  it('keeps every invariant and delivers each email once', async () => {
    fake = await startFakeResend();
    await start();
    const admin = await token({ sub: 'admin', email: 'admin@x.test', name: 'A', role: 'admin' });
    const coord = await token({ sub: 'coord', email: 'coord@x.test', name: 'C', role: 'facilitator', of: true });
    const { body: m } = await call('admin.createMission', { title: 'Crash', organization: { name: 'Org', sector: 'entreprise' }, coordinator: { email: 'coord@x.test' }, order: [{ kind: 'atelier', quantity: 5 }] }, admin);
    const missionId = m.result.data.missionId;
    const future = (capacity: number, extra: number) => ({
      missionId, kind: 'atelier', startsAt: '2031-01-10T09:00:00+01:00', endsAt: '2031-01-10T12:00:00+01:00',
      location: { mode: 'onsite', address: 'Paris' }, capacity, extraFacilitators: extra,
    });
    const s1 = (await call('sessions.create', future(25, 0), coord)).body.result.data;
    const s2 = (await call('sessions.create', future(10, 6), coord)).body.result.data;
    // An ended session with paid facilitators, so a retribution request has something to cover.
    const past = (await call('sessions.create', { ...future(10, 0), startsAt: '2024-01-10T09:00:00+01:00', endsAt: '2024-01-10T12:00:00+01:00' }, coord)).body.result.data;
    const code = s1.participantSignupUrl.split('/').pop();
    const link = s2.facilitatorInviteUrl.split('/').pop();

    const acknowledged = { registrations: [] as string[], joins: [] as string[], requests: [] as string[] };
    let n = 0;
    for (let round = 0; round < 5; round++) {
      if (round > 0) await start();
      const inFlight: Promise<unknown>[] = [];
      for (let i = 0; i < 12; i++) {
        const email = `p${n++}@x.test`;
        inFlight.push(call('participants.register', { code, name: `P ${n}`, email, consent: true }).then((r) => r.status === 200 && acknowledged.registrations.push(r.body.result.data.registrationId), () => 0));
      }
      for (let i = 0; i < 3; i++) {
        const who = `f${n++}`;
        inFlight.push(
          token({ sub: who, email: `${who}@x.test`, name: who, role: 'facilitator', of: true })
            .then((t) => call('facilitators.join', { token: link }, t))
            .then((r) => r.status === 200 && acknowledged.joins.push(`${who}@x.test`), () => 0),
        );
      }
      inFlight.push(call('retributions.request', { missionId }, coord).then((r) => r.status === 200 && acknowledged.requests.push(r.body.result.data.requestId), () => 0));
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 150));
      await kill();
      await Promise.allSettled(inFlight);
    }

    // Restart once more and let the outbox drain.
    await start();
    const db = createClient({ url: `file:${file}` });
    const pendingLeft = async () => Number((await db.execute("SELECT count(*) AS n FROM outbox WHERE status <> 'sent'")).rows[0].n);
    for (let i = 0; i < 300 && (await pendingLeft()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    await kill();

    // Some writes were acknowledged before a kill, so the checks below mean something.
    expect(acknowledged.registrations.length).toBeGreaterThan(0);
    expect((await db.execute('PRAGMA integrity_check')).rows[0][0]).toBe('ok');
    const regs = (await db.execute({ sql: 'SELECT id FROM registrations WHERE session_id = ?', args: [s1.sessionId] })).rows.map((r) => String(r.id));
    expect(regs.length).toBeLessThanOrEqual(25);
    for (const id of acknowledged.registrations) expect(regs).toContain(id);
    const facs = (await db.execute({ sql: 'SELECT f.email FROM session_facilitators sf JOIN facilitators f ON f.id = sf.facilitator_id WHERE sf.session_id = ?', args: [s2.sessionId] })).rows.map((r) => String(r.email));
    expect(facs.length).toBeLessThanOrEqual(7);
    for (const email of acknowledged.joins) expect(facs).toContain(email);
    const requests = (await db.execute({ sql: 'SELECT id FROM retribution_requests WHERE mission_id = ?', args: [missionId] })).rows.map((r) => String(r.id));
    expect(requests.length).toBeLessThanOrEqual(1);
    for (const id of acknowledged.requests) expect(requests).toContain(id);
    const lines = Number((await db.execute({ sql: 'SELECT count(*) AS n FROM retribution_lines WHERE session_id = ?', args: [past.sessionId] })).rows[0].n);
    expect(lines).toBe(requests.length ? 1 : 0);

    const outbox = (await db.execute('SELECT id, status FROM outbox')).rows;
    expect(outbox.every((r) => r.status === 'sent')).toBe(true);
    const keys = fake.deliveries.map((d) => d.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(keys)).toEqual(new Set(outbox.map((r) => String(r.id))));
    db.close();
  }, 120_000);
});
