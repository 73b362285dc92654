/**
 * The `signupInfo` fast path (server/signup-fast-path.ts) is invisible to clients: over real HTTP, every request
 * gets from the app with it exactly what the same app without it (tRPC alone) sends — status, body bytes and every
 * header but `date` — across the states of a session, the rate limit, inputs that must go to tRPC, and preflights.
 * Both apps share one set of dependencies (database, cache, limiter, clock).
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { registrations } from '../../schema/index.ts';
import { secretFor } from '../../server/services/tokens.ts';
import { SECRET, makeWorld, missionFor, people, secretOf, sessionInput, type World } from './helpers.ts';
import { listen as listenWith, seen } from './http-compare.ts';

const listen = (w: World, fastPath: boolean, ip: string) => listenWith(w, { clientIp: () => ip, signupFastPath: fastPath });

const q = (input: unknown) => `/trpc/participants.signupInfo?input=${encodeURIComponent(JSON.stringify(input))}`;
const origin = { origin: 'https://allowed.example' };

describe('participants.signupInfo: the fast path answers what tRPC answers', async () => {
  const w = await makeWorld();
  const fast = await listen(w, true, '198.51.100.7');
  const trpc = await listen(w, false, '198.51.100.7');
  const ready = vi.spyOn(w.database, 'ready'); // every tRPC call runs it (mapErrors); the fast path does not
  const viaTrpc = () => ready.mock.calls.length;

  /** Same request to both; returns whether the fast app answered without tRPC. */
  async function same(path: string, init: RequestInit = {}, what = path) {
    const want = await seen(trpc, path, init);
    const before = viaTrpc();
    const got = await seen(fast, path, init);
    expect(got, what).toEqual(want);
    return viaTrpc() === before;
  }

  let n = 0;
  const register = (code: string, extra: { waitlist?: boolean } = {}) =>
    w.anonymous().participants.register({ code, name: `Person ${++n}`, email: `person${n}@example.org`, consent: true, ...extra });

  it('an open session, full with a waiting list, after registrations and a cancellation (with and without an allowed Origin)', async () => {
    const missionId = await missionFor(w);
    const created = await w.as(people.camille).sessions.create(sessionInput(missionId, 10, { capacity: 2 }));
    const code = secretOf(created.participantSignupUrl);
    const check = async (what: string) => {
      expect(await same(q({ code }), {}, what), `${what}: a cache hit skips tRPC`).toBe(true);
      expect(await same(q({ code }), { headers: origin }, `${what}, with Origin`)).toBe(true);
      expect(await same(q({ code }), { headers: { 'content-type': 'application/json' } }, `${what}, JSON content type`)).toBe(true);
    };
    await check('open');
    await register(code);
    await check('after a registration');
    await register(code);
    await register(code, { waitlist: true });
    await check('full, one waiting');
    const reg = (await w.db.query.registrations.findFirst({ where: eq(registrations.sessionId, created.sessionId) }))!;
    await w.anonymous().participants.cancel({ cancelToken: await secretFor(SECRET, reg.cancelTokenId!) });
    // First after the change: the fast app misses, tRPC computes (and fills the cache).
    expect(await same(q({ code }), {}, 'after a cancellation, trpc first')).toBe(true);
    await register(code, { waitlist: true });
    const before = viaTrpc();
    const missed = await seen(fast, q({ code }));
    expect(viaTrpc(), 'a miss goes to tRPC').toBe(before + 1);
    expect(missed).toEqual(await seen(trpc, q({ code })));
    expect(await same(q({ code }), {}, 'then a hit')).toBe(true);
    expect(JSON.parse(Buffer.from(missed.body, 'base64').toString())).toMatchObject({ result: { data: { seatsLeft: 0 } } });
  });

  it('anything but exactly {code} by GET, unbatched, goes to tRPC and answers as before', async () => {
    const missionId = await missionFor(w);
    const code = secretOf((await w.as(people.camille).sessions.create(sessionInput(missionId))).participantSignupUrl);
    expect(await same(q({ code }))).toBe(true); // cached
    // [path, init, refused by tRPC before the procedure's middlewares run]
    const cases: Array<[string, RequestInit?, boolean?]> = [
      [q({ code, extra: 1 })],
      [q({ token: code })],
      [q({ code: 42 })],
      [q([code])],
      [q({})],
      [q({ code: 'not-a-code' })],
      ['/trpc/participants.signupInfo?input=%7B%22code%22%3A'],
      ['/trpc/participants.signupInfo'],
      [`/trpc/participants.signupInfo?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { code } }))}`],
      [`${q({ code })}&batch=1`],
      [`${q({ code })}&connectionParams=1`, undefined, true],
      [q({ code }), { headers: { authorization: 'Bearer nonsense' } }],
      [q({ code }), { headers: { 'trpc-accept': 'application/jsonl' } }, true],
      [q({ code }), { headers: { 'content-type': 'text/plain' } }],
      [q({ code }), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) }],
      [q({ code }), { method: 'HEAD' }, true],
    ];
    for (const [path, init, early] of cases) {
      const what = `${init?.method ?? 'GET'} ${path} ${JSON.stringify(init?.headers ?? {})}`;
      expect(await same(path, init, what), `${what}: answered without tRPC's middlewares`).toBe(!!early);
    }
  });

  it('an OPTIONS preflight is unaffected', async () => {
    const init = { method: 'OPTIONS', headers: { ...origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'content-type' } };
    await same(q({ code: 'x' }), init);
    await same('/trpc/participants.signupInfo', { method: 'OPTIONS', headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET' } });
  });
});

describe('participants.signupInfo: the fast path takes the same rate limit', async () => {
  const w = await makeWorld({ FRESK_RATE_LIMIT_PER_MINUTE: '60' }); // a burst of 30
  const fast = await listen(w, true, '203.0.113.1');
  const trpc = await listen(w, false, '203.0.113.2');
  const ready = vi.spyOn(w.database, 'ready');

  it('the 31st call of a burst gets the same 429, with or without the fast path, and each hit counts', async () => {
    const missionId = await missionFor(w);
    const code = secretOf((await w.as(people.camille).sessions.create(sessionInput(missionId))).participantSignupUrl);
    const burst = async (base: string) => {
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await seen(base, q({ code }))).status);
      expect(statuses).toEqual(Array(30).fill(200));
      return seen(base, q({ code }), { headers: origin });
    };
    const before = ready.mock.calls.length;
    const fastRefusal = await burst(fast);
    expect(ready.mock.calls.length - before, 'the first call computes, the 29 hits skip tRPC, the refusal is tRPC’s').toBe(2);
    const trpcRefusal = await burst(trpc);
    expect(fastRefusal.status).toBe(429);
    expect(fastRefusal).toEqual(trpcRefusal);
    expect(JSON.parse(Buffer.from(fastRefusal.body, 'base64').toString())).toMatchObject({ error: { data: { reason: 'rate_limited' } } });
  });
});
