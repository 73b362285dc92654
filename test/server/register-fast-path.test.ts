/**
 * The `participants.register` fast path (server/register-fast-path.ts) and the refusal board's sweeps
 * (server/services/refusal-board.ts) over real HTTP: a refusal it answers is byte for byte tRPC's (status, body,
 * every header but `date`), after the same rate limiter; under a storm with seats freed meanwhile by another
 * connection, capacity stays exact and no `session_full` is given while a seat is free.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { registrations } from '../../schema/index.ts';
import { createApp } from '../../server/app.ts';
import { isBusy } from '../../server/db.ts';
import { openNodeDatabase } from '../../server/node-db.ts';
import { registerFastPathStats } from '../../server/register-fast-path.ts';
import { makeWorld, missionFor, people, secretOf, sessionInput, writeFromAnotherConnection, type World } from './helpers.ts';

const servers: ReturnType<typeof serve>[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

/** The app over HTTP on a free port, with or without the fast paths, every caller seen from `ip`. */
async function serveApp(w: World, fastPath: boolean, ip: string): Promise<string> {
  const app = createApp(w.deps, { clientIp: () => ip, signupFastPath: fastPath });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let n = 0;
/** POSTs a registration; what the client sees (status, headers but `date` in order, body bytes) and its reason. */
async function post(base: string, input: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/trpc/participants.register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ name: `Person ${++n}`, email: `person${n}@fast.test`, consent: true, ...input }),
  });
  const text = await res.text();
  let reason = res.status === 200 ? 'ok' : 'unreadable';
  try {
    if (res.status !== 200) reason = JSON.parse(text).error.data.reason;
  } catch {
    // JSON lines, or not JSON at all
  }
  return { seen: { status: res.status, headers: [...res.headers].filter(([k]) => k !== 'date'), body: text }, reason };
}

async function plan(w: World, capacity: number) {
  const created = await w.as(people.camille).sessions.create(sessionInput(await missionFor(w), 10, { capacity }));
  return { ...created, code: secretOf(created.participantSignupUrl) };
}
const count = async (w: World, sessionId: string) => Number((await w.db.select({ n: sql<number>`count(*)` }).from(registrations).where(eq(registrations.sessionId, sessionId)))[0].n);
const fill = (w: World, code: string, k: number, tag: string) =>
  Promise.all(Array.from({ length: k }, (_, i) => w.anonymous().participants.register({ code, name: `Seat ${i}`, email: `${tag}${i}@fast.test`, consent: true })));

describe('participants.register: the fast path answers a proven refusal as tRPC does', async () => {
  const w = await makeWorld();
  const fast = await serveApp(w, true, '198.51.100.9');
  const trpc = await serveApp(w, false, '198.51.100.9');
  const ready = vi.spyOn(w.database, 'ready'); // every tRPC call runs it (mapErrors); the fast path does not

  it('session_full, session_cancelled, session_ended: same status, headers and bytes, without tRPC nor the lane', async () => {
    const full = await plan(w, 2);
    await fill(w, full.code, 2, 'full');
    const cancelled = await plan(w, 5);
    await w.as(people.camille).sessions.cancel({ sessionId: cancelled.sessionId });
    const ended = await plan(w, 5);
    for (const [what, code, reason] of [
      ['full', full.code, 'session_full'],
      ['cancelled', cancelled.code, 'session_cancelled'],
    ] as const) {
      for (const headers of [{}, { origin: 'https://allowed.example' }] as Record<string, string>[]) {
        const want = await post(trpc, { code }, headers); // the first one notes the refusal (the lane says it)
        expect(want.reason, what).toBe(reason);
        const [answered, calls, entered] = [registerFastPathStats.answered, ready.mock.calls.length, w.database.laneStats.entered];
        const got = await post(fast, { code }, headers);
        expect(got.seen, `${what} ${JSON.stringify(headers)}`).toEqual(want.seen);
        expect(registerFastPathStats.answered - answered, `${what}: answered by the fast path`).toBe(1);
        expect(ready.mock.calls.length, `${what}: not through tRPC`).toBe(calls);
        expect(w.database.laneStats.entered, `${what}: not through the lane`).toBe(entered);
      }
    }
    // After the session's end, with the clock moved: the same again.
    const realNow = w.clock.now();
    try {
      w.clock.set(realNow + 30 * 24 * 3600_000);
      const want = await post(trpc, { code: ended.code });
      expect(want.reason).toBe('session_ended');
      const answered = registerFastPathStats.answered;
      expect((await post(fast, { code: ended.code })).seen).toEqual(want.seen);
      expect(registerFastPathStats.answered - answered).toBe(1);
    } finally {
      w.clock.set(realNow);
    }
  });

  it('what it cannot prove goes through tRPC: a free seat, the same person again, an open waiting list, an input tRPC refuses', async () => {
    const s = await plan(w, 3);
    const regs = await fill(w, s.code, 3, 'again');
    expect((await post(trpc, { code: s.code })).reason).toBe('session_full'); // noted
    const answered = registerFastPathStats.answered;
    // The same person: their registration, not a refusal.
    const same = await post(fast, { code: s.code, name: 'Seat 0', email: 'again0@fast.test' });
    expect(JSON.parse(same.seen.body).result.data.registrationId).toBe(regs[0].registrationId);
    // Asking for the waiting list (open while the session is full): a place on it.
    expect(JSON.parse((await post(fast, { code: s.code, waitlist: true })).seen.body).result.data.status).toBe('waitlisted');
    // Inputs tRPC refuses: its own invalid_input answer.
    for (const input of [{ code: s.code, consent: false }, { code: s.code, token: s.code }, { code: s.code, email: 'nope' }]) {
      const want = await post(trpc, input);
      n--; // the same name and email on both
      expect((await post(fast, input)).seen).toEqual(want.seen);
      expect(want.reason).toBe('invalid_input');
    }
    // Headers that change tRPC's answer (JSON lines, a bearer token it logs), or a content type it would not read.
    for (const headers of [{ accept: 'application/jsonl' }, { 'trpc-accept': 'application/jsonl' }, { authorization: 'Bearer nonsense' }, { 'content-type': 'text/plain' }] as Record<string, string>[]) {
      const want = await post(trpc, { code: s.code }, headers);
      n--;
      const before = registerFastPathStats.answered;
      expect((await post(fast, { code: s.code }, headers)).seen, JSON.stringify(headers)).toEqual(want.seen);
      expect(registerFastPathStats.answered, JSON.stringify(headers)).toBe(before);
    }
    // Bodies past the limit (the fast path is mounted before it): the limit's own 413, as without the fast path.
    const big = { code: s.code, name: 'x'.repeat(120 * 1024) };
    const want = await post(trpc, big);
    n--;
    expect(want.seen.status).toBe(413);
    expect((await post(fast, big)).seen).toEqual(want.seen);
    expect(registerFastPathStats.answered - answered, 'none of the above answered by the fast path').toBe(0);
    // A seat freed by another connection (this process is not told): the next registration takes it.
    writeFromAnotherConnection(w.file, `DELETE FROM registrations WHERE id = '${regs[1].registrationId}'`);
    const burst = await Promise.all(Array.from({ length: 10 }, () => post(fast, { code: s.code })));
    expect(burst.map((r) => r.reason).sort()).toEqual(['ok', ...Array(9).fill('session_full')]);
    expect(await count(w, s.sessionId)).toBe(3);
  });
});

describe('participants.register: the fast path takes the same rate limit', async () => {
  const w = await makeWorld({ FRESK_RATE_LIMIT_PER_MINUTE: '20' }); // a burst of 10
  const fast = await serveApp(w, true, '203.0.113.3');
  const trpc = await serveApp(w, false, '203.0.113.4');

  it('the 11th refused registration of a burst gets the same 429, with or without the fast path, and each refusal counts', async () => {
    const s = await plan(w, 1);
    await fill(w, s.code, 1, 'limit');
    const burst = async (base: string) => {
      const answers = [];
      for (let i = 0; i < 11; i++) answers.push(await post(base, { code: s.code }));
      return answers;
    };
    const viaTrpc = await burst(trpc);
    const answered = registerFastPathStats.answered;
    const viaFast = await burst(fast);
    expect(viaTrpc.map((a) => a.reason)).toEqual([...Array(10).fill('session_full'), 'rate_limited']);
    expect(viaFast.map((a) => a.seen)).toEqual(viaTrpc.map((a) => a.seen));
    expect(registerFastPathStats.answered - answered, 'the 10 refusals by the fast path, the 429 by tRPC').toBe(10);
  });
});

describe('participants.register: a storm over HTTP with seats freed meanwhile', async () => {
  const w = await makeWorld();
  const fast = await serveApp(w, true, '192.0.2.1');
  // An INSERT past the capacity, even in a transaction that would roll back, fails loudly.
  await w.database.client.execute(`CREATE TRIGGER never_above_capacity_fast AFTER INSERT ON registrations
    WHEN (SELECT count(*) FROM registrations WHERE session_id = NEW.session_id) > (SELECT capacity FROM sessions WHERE id = NEW.session_id)
    BEGIN SELECT RAISE(ABORT, 'above capacity'); END`);

  it('250 concurrent registrations for a full session of 20 while another connection frees 8 seats → exactly 20, each freed seat taken', async () => {
    const s = await plan(w, 20);
    const early = await fill(w, s.code, 20, 'storm-early');
    expect((await post(fast, { code: s.code })).reason).toBe('session_full'); // known full
    const answered = registerFastPathStats.answered;
    const storm = Array.from({ length: 250 }, () => post(fast, { code: s.code }));
    // Seats freed by another connection (another client on the same file, this process's board not told) while
    // the storm is in flight.
    const other = await openNodeDatabase(`file:${w.file}`);
    const freed = (async () => {
      for (const reg of early.slice(0, 8)) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        // The other client's own lane retries SQLITE_BUSY 3 times; on a loaded machine this one's groups can hold
        // the write lock longer, so it keeps trying (a removal that never lands would fail the count below).
        for (let attempt = 0; ; attempt++) {
          try {
            await other.write((tx) => tx.delete(registrations).where(eq(registrations.id, reg.registrationId)));
            break;
          } catch (error) {
            if (attempt >= 50 || !isBusy(error)) throw error;
          }
        }
      }
    })().finally(() => other.close());
    const answers = await Promise.all(storm);
    await freed;
    // Afterwards: a seat the storm did not take goes to the next ones (never left free behind a session_full).
    const after = await Promise.all(Array.from({ length: 10 }, () => post(fast, { code: s.code })));
    const reasons = [...answers, ...after].map((a) => a.reason);
    expect(new Set(reasons)).toEqual(new Set(['ok', 'session_full']));
    expect(reasons.filter((r) => r === 'ok')).toHaveLength(8);
    expect(await count(w, s.sessionId)).toBe(20);
    expect(registerFastPathStats.answered - answered, 'most refusals answered in front of tRPC').toBeGreaterThan(100);
  });
});

describe('the write lane answers waiting writes without their turn (Database.write `queued`)', async () => {
  const w = await makeWorld();

  it('a withdrawn write never runs and rejects with the given error; one already running cannot be withdrawn', async () => {
    const ran: number[] = [];
    const withdraws: Array<(e: unknown) => boolean> = [];
    const writes = [1, 2, 3].map((i) => w.database.write(async () => void ran.push(i), (withdraw) => void withdraws.push(withdraw)));
    const { withdrawn } = w.database.laneStats;
    expect(withdraws[1](new Error('refused while waiting'))).toBe(true);
    expect(withdraws[1](new Error('twice'))).toBe(false);
    const settled = await Promise.allSettled(writes);
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({ message: 'refused while waiting' });
    expect(ran).toEqual([1, 3]);
    expect(withdraws[0](new Error('too late'))).toBe(false);
    expect(w.database.laneStats.withdrawn - withdrawn).toBe(1);
  });

  it('300 concurrent registrations (no HTTP) for 30 seats: exactly 30; those still waiting when it filled are answered by a sweep', async () => {
    const s = await plan(w, 30);
    const { withdrawn } = w.database.laneStats;
    const results = await Promise.allSettled(
      Array.from({ length: 300 }, (_, i) => w.anonymous(`10.7.${i >> 8}.${i & 255}`).participants.register({ code: s.code, name: `Crowd ${i}`, email: `crowd${i}@fast.test`, consent: true })),
    );
    const reasons = results.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as { cause?: { reason?: string } }).cause?.reason));
    expect(reasons.filter((r) => r === 'ok')).toHaveLength(30);
    expect(new Set(reasons)).toEqual(new Set(['ok', 'session_full']));
    expect(await count(w, s.sessionId)).toBe(30);
    expect(w.database.laneStats.withdrawn - withdrawn).toBeGreaterThan(100);
  });
});
