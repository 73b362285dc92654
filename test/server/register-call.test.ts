/**
 * The `participants.register` fast path's in-process call (server/register-fast-path.ts `call`): a registration
 * it lets go on is run through a tRPC caller instead of the HTTP adapter, and answered with the adapter's exact
 * status, headers (all but `date`) and body bytes, over real HTTP on a real libSQL file, against the same app
 * without the fast paths. Registration ids are random: a fresh registration's answer is compared with the answer
 * to the same person's repeat registration through the other app (the same bytes: the same id, status and
 * calendar URL), in both directions.
 */
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { outbox } from '../../schema/index.ts';
import { Database } from '../../server/db.ts';
import { registerFastPathStats } from '../../server/register-fast-path.ts';
import { createSqliteClient } from '../../server/sqlite-client.ts';
import { listen, seen } from './http-compare.ts';
import { makeWorld, missionFor, people, secretOf, sessionInput, type World } from './helpers.ts';

const PATH = '/trpc/participants.register';
const post = (base: string, input: Record<string, unknown>, headers: Record<string, string> = {}) =>
  seen(base, PATH, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ consent: true, ...input }) });
const body = (s: { body: string }) => JSON.parse(Buffer.from(s.body, 'base64').toString('utf8'));

async function plan(w: World, capacity: number, extra: Record<string, unknown> = {}) {
  const created = await w.as(people.camille).sessions.create(sessionInput(await missionFor(w), 10, { capacity, ...extra }));
  return { ...created, code: secretOf(created.participantSignupUrl) };
}

/** `fn`'s effect on the fast path's counters: registrations called in process, refusals answered without tRPC. */
async function counted<T>(fn: () => Promise<T>) {
  const [called, answered] = [registerFastPathStats.called, registerFastPathStats.answered];
  const result = await fn();
  return { result, called: registerFastPathStats.called - called, answered: registerFastPathStats.answered - answered };
}

afterEach(() => vi.restoreAllMocks());

describe('participants.register called in process: the adapter\'s bytes', async () => {
  const w = await makeWorld();
  const fast = await listen(w, { clientIp: () => '198.51.100.20' });
  const trpc = await listen(w, { clientIp: () => '198.51.100.20', signupFastPath: false });
  const emailsTo = async (to: string) => Number((await w.db.select({ n: sql<number>`count(*)` }).from(outbox).where(eq(outbox.to, to)))[0].n);

  it('registered, then the repeat through the other app: the same bytes; one confirmation; its calendar URL', async () => {
    const s = await plan(w, 5);
    for (const [first, then, who] of [
      [fast, trpc, 'ada'],
      [trpc, fast, 'grace'],
    ] as const) {
      const input = { code: s.code, name: who, email: `${who}@call.test` };
      const a = await counted(() => post(first, input));
      const b = await counted(() => post(then, input));
      expect(a.result.status, who).toBe(200);
      expect(body(a.result).result.data).toMatchObject({ status: 'registered', icsUrl: `http://fresk.test/calendar/${s.sessionId}.ics` });
      expect(b.result, who).toEqual(a.result);
      expect(a.called + b.called, `${who}: one of the two called in process`).toBe(1);
      expect(a.answered + b.answered).toBe(0);
      // With an allowed origin too (CORS headers around it).
      const withOrigin = { origin: 'https://allowed.example' };
      expect(await post(fast, input, withOrigin), `${who} with origin`).toEqual(await post(trpc, input, withOrigin));
      expect(await emailsTo(`${who}@call.test`), `${who}: one confirmation enqueued`).toBe(1);
    }
    const ics = await fetch(body(await post(fast, { code: s.code, name: 'ada', email: 'ada@call.test' })).result.data.icsUrl.replace('http://fresk.test', fast));
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
  });

  it('waitlisted with its position, then the repeat through the other app: the same bytes', async () => {
    const s = await plan(w, 1);
    expect((await post(trpc, { code: s.code, name: 'Seat', email: 'seat@call.test' })).status).toBe(200);
    for (const [first, then, who] of [
      [fast, trpc, 'wait1'],
      [trpc, fast, 'wait2'],
    ] as const) {
      const input = { code: s.code, name: who, email: `${who}@call.test`, waitlist: true };
      const a = await counted(() => post(first, input));
      const b = await counted(() => post(then, input));
      expect(body(a.result).result.data, who).toMatchObject({ status: 'waitlisted', position: who === 'wait1' ? 1 : 2 });
      expect(b.result, who).toEqual(a.result);
      expect(a.called + b.called, who).toBe(1);
    }
  });

  it('each refusal reason answered by the procedure, first through the fast path and then through tRPC: the same bytes', async () => {
    const full = await plan(w, 1);
    await post(trpc, { code: full.code, name: 'Only', email: 'only@call.test' });
    const cancelled = await plan(w, 5);
    await w.as(people.camille).sessions.cancel({ sessionId: cancelled.sessionId });
    const cases = [
      ['session_full', { code: full.code }],
      ['session_cancelled', { code: cancelled.code }],
      ['invalid_token', { code: 'A'.repeat(43) }],
      ['invalid_token', { token: full.code }], // a signup code is not a personal invitation
    ] as const;
    for (const [reason, target] of cases) {
      const input = { ...target, name: 'Refused', email: `refused-${reason}@call.test` };
      const a = await counted(() => post(fast, input)); // a secret not noted yet: through the procedure
      const want = await post(trpc, input);
      expect(body(want).error.data.reason, reason).toBe(reason);
      expect(a.result, reason).toEqual(want);
      expect([a.called, a.answered], `${reason}: called in process`).toEqual([1, 0]);
    }
    // The session ended (the clock moved).
    const ended = await plan(w, 5);
    const realNow = w.clock.now();
    try {
      w.clock.set(realNow + 30 * 24 * 3600_000);
      const input = { code: ended.code, name: 'Late', email: 'late@call.test' };
      const a = await counted(() => post(fast, input));
      const want = await post(trpc, input);
      expect(body(want).error.data.reason).toBe('session_ended');
      expect(a.result).toEqual(want);
      expect(a.called).toBe(1);
    } finally {
      w.clock.set(realNow);
    }
  });

  it('an input the procedure\'s parser refuses: tRPC\'s own invalid_input, not called here', async () => {
    const s = await plan(w, 5);
    for (const input of [{ code: s.code, name: 'x', email: 'nope' }, { code: s.code, token: s.code, name: 'x', email: 'x@call.test' }, { name: 'x', email: 'x@call.test' }]) {
      const a = await counted(() => post(fast, input));
      const want = await post(trpc, input);
      expect(body(want).error.data.reason).toBe('invalid_input');
      expect(a.result).toEqual(want);
      expect(a.called).toBe(0);
    }
  });

  it('an unexpected failure: tRPC\'s INTERNAL_SERVER_ERROR shape, 500, and the adapter\'s log line', async () => {
    const s = await plan(w, 5);
    await w.database.client.execute(`CREATE TRIGGER boom_on_register BEFORE INSERT ON registrations WHEN NEW.name = 'Boom'
      BEGIN SELECT RAISE(ABORT, 'boom: a driver message that must not leak'); END`);
    try {
      const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const input = { code: s.code, name: 'Boom', email: 'boom@call.test' };
      const a = await counted(() => post(fast, input));
      // The lines logged, the random ids of the attempted insert aside.
      const logged = () => log.mock.calls.filter(([first]) => String(first).startsWith('[trpc]')).map((args) => args.map((a) => String(a).replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>')));
      const fastLog = logged();
      log.mockClear();
      const want = await post(trpc, input);
      const trpcLog = logged();
      expect(want.status).toBe(500);
      expect(body(want).error).toMatchObject({ message: 'Internal error', data: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(a.result).toEqual(want);
      expect(a.called).toBe(1);
      expect(trpcLog).toHaveLength(1);
      expect(fastLog).toEqual(trpcLog);
      expect(String(trpcLog[0][1])).toMatch(/boom/);
    } finally {
      await w.database.client.execute('DROP TRIGGER boom_on_register');
    }
  });
});

describe('participants.register called in process: the rate limit', async () => {
  const w = await makeWorld({ FRESK_RATE_LIMIT_PER_MINUTE: '20' }); // a burst of 10
  const fast = await listen(w, { clientIp: () => '203.0.113.20' });
  const trpc = await listen(w, { clientIp: () => '203.0.113.21', signupFastPath: false });

  it('the 11th registration of a burst: the same 429 with or without the fast path', async () => {
    const s = await plan(w, 50);
    const burst = async (base: string, tag: string) => {
      const answers = [];
      for (let i = 0; i < 11; i++) answers.push(await post(base, { code: s.code, name: `${tag} ${i}`, email: `${tag}${i}@limit.test` }));
      return answers;
    };
    const viaTrpc = await burst(trpc, 'same');
    const before = registerFastPathStats.called;
    const viaFast = await burst(fast, 'same'); // the same people: repeats, the same bytes until the limit
    expect(viaTrpc.map((a) => a.status)).toEqual([...Array(10).fill(200), 429]);
    expect(body(viaTrpc[10]).error.data.reason).toBe('rate_limited');
    expect(viaFast).toEqual(viaTrpc);
    expect(registerFastPathStats.called - before).toBe(11);
  });

  it('a proven refusal the limiter refuses: the procedure asks it again and answers the same 429', async () => {
    const fastFull = await listen(w, { clientIp: () => '203.0.113.22' });
    const trpcFull = await listen(w, { clientIp: () => '203.0.113.23', signupFastPath: false });
    const s = await plan(w, 1);
    await w.anonymous('203.0.113.99').participants.register({ code: s.code, name: 'Seat', email: 'seat@limit.test', consent: true });
    const burst = async (base: string) => {
      const answers = [];
      for (let i = 0; i < 11; i++) answers.push(await post(base, { code: s.code, name: `Full ${i}`, email: `full${i}@limit.test` }));
      return answers;
    };
    const viaTrpc = await burst(trpcFull);
    const counts = await counted(() => burst(fastFull));
    expect(viaTrpc.map((a) => body(a).error.data.reason)).toEqual([...Array(10).fill('session_full'), 'rate_limited']);
    expect(counts.result).toEqual(viaTrpc);
    expect([counts.answered, counts.called], 'the 10 refusals answered here, the 429 by the procedure called here').toEqual([10, 1]);
  });
});

describe('participants.register called in process: the database gone', async () => {
  const w = await makeWorld();
  let down = false;
  const database = new Database(
    () => {
      if (down) throw new Error('ConnectionFailed("Unable to open connection to local database")');
      return createSqliteClient(`file:${w.file}`);
    },
    async () => undefined, // the world's file is migrated
  );
  await database.ready();
  const deps = { ...w.deps, database };
  const fast = await listen({ ...w, deps }, { clientIp: () => '192.0.2.20' });
  const trpc = await listen({ ...w, deps }, { clientIp: () => '192.0.2.20', signupFastPath: false });

  it('database_unavailable, 503: the same bytes', async () => {
    const s = await plan(w, 5);
    expect((await post(fast, { code: s.code, name: 'Before', email: 'before@down.test' })).status).toBe(200);
    down = true;
    database.client.close();
    try {
      const input = { code: s.code, name: 'Down', email: 'down@down.test' };
      const a = await counted(() => post(fast, input));
      const want = await post(trpc, input);
      expect(want.status).toBe(503);
      expect(body(want).error.data.reason).toBe('database_unavailable');
      expect(a.result).toEqual(want);
      expect(a.called).toBe(1);
    } finally {
      down = false;
      database.close();
    }
  });
});
