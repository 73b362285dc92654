/**
 * The `missions.get` fast path (server/missions-fast-path.ts) is invisible to clients: over real HTTP, every request
 * gets from the app with it exactly what the same app without it (tRPC alone) sends — status, body bytes and every
 * header but `date` — for the two shapes it answers (the documented GET and the widgets' one-call POST batch), the
 * shapes it must leave to tRPC, callers without access, refused, revoked and not-yet-current identities, the rate
 * limit and writes that invalidate the cache. Both apps share one set of dependencies (database, cache, clock).
 */
import { describe, expect, it, vi } from 'vitest';
import { MAX_BODY_BYTES } from '../../server/app.ts';
import { signJwt, type Claims } from '../../server/auth.ts';
import { LOCAL_SUB_PREFIX } from '../../server/services/identity.ts';
import { createFreskClient } from '../../widget/shared/client.ts';
import { facilitatorIdOf, makeWorld, missionFor, people, sessionInput, type Person } from './helpers.ts';
import { listen, seen } from './http-compare.ts';

const json = (s: { body: string }) => JSON.parse(Buffer.from(s.body, 'base64').toString());

const PATH = '/trpc/missions.get';
const get = (input: unknown) => `${PATH}?input=${encodeURIComponent(JSON.stringify(input))}`;
const BATCH = `${PATH}?batch=1`;
const bearer = (token: string, headers: Record<string, string> = {}) => ({ headers: { authorization: `Bearer ${token}`, ...headers } });
/** The widgets' request: one call of `httpBatchLink` with `methodOverride: 'POST'`. */
const batched = (token: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const origin = { origin: 'https://allowed.example' };

async function setup(env: Record<string, string> = {}) {
  const w = await makeWorld(env);
  const fast = await listen(w, { clientIp: () => '198.51.100.7' });
  const trpc = await listen(w, { clientIp: () => '198.51.100.7', missionsFastPath: false });
  const ready = vi.spyOn(w.database, 'ready'); // every tRPC procedure call runs it (mapErrors); the fast path does not
  const viaTrpc = () => ready.mock.calls.length;
  /** Same request to both (tRPC alone first); returns whether the fast app answered without tRPC. */
  async function same(path: string, init: RequestInit = {}, what = `${init.method ?? 'GET'} ${path}`) {
    const want = await seen(trpc, path, init);
    const before = viaTrpc();
    const got = await seen(fast, path, init);
    expect(got, what).toEqual(want);
    return viaTrpc() === before;
  }
  const token = (p: Person, extra: Partial<Claims> = {}) => w.token(p, extra);
  return { w, fast, trpc, viaTrpc, same, token };
}

describe('missions.get: the fast path answers what tRPC answers', async () => {
  const { w, fast, trpc, viaTrpc, same, token } = await setup();
  const { camille, louis, admin } = people;
  const missionId = await missionFor(w, camille);
  await w.as(camille).sessions.create(sessionInput(missionId, 10));
  await w.as(camille).sessions.create(sessionInput(missionId, 20));

  it('a cache hit, by GET and by the widgets’ one-call batch, for the coordinator, staff and a magic-link token', async () => {
    const local = { sub: `${LOCAL_SUB_PREFIX}${await facilitatorIdOf(w, camille)}`, email: camille.email, name: camille.name, role: 'facilitator' } as Person;
    for (const [who, t] of [
      ['coordinator', await token(camille)],
      ['staff', await token(admin)],
      ['magic link', await token(local)],
    ] as const) {
      const hits: Array<[string, RequestInit]> = [
        [get({ missionId }), bearer(t)],
        [get({ missionId }), bearer(t, origin)],
        [get({ missionId }), bearer(t, { origin: 'https://elsewhere.example' })],
        [get({ missionId }), bearer(t, { 'content-type': 'application/json; charset=utf-8' })],
        [get({ missionId }), { headers: { authorization: `bearer  ${t}` } }],
        [BATCH, batched(t, { 0: { missionId } })],
        [BATCH, batched(t, { 0: { missionId } }, origin)],
        [BATCH, batched(t, ` { "0" : { "missionId" : "${missionId}" } } `)],
      ];
      await same(hits[0][0], hits[0][1], `${who}: primes the cache`);
      for (const [path, init] of hits) expect(await same(path, init, `${who}: ${init.method ?? 'GET'} ${path} ${JSON.stringify(init.headers)}`), `${who}: a hit skips tRPC`).toBe(true);
    }
    const body = json(await seen(fast, BATCH, batched(await token(camille), { 0: { missionId } })));
    expect(body).toMatchObject([{ result: { data: { id: missionId, sessions: [{}, {}] } } }]);
  });

  it('the widgets’ own client gets its answer from the fast path', async () => {
    const t = await token(camille);
    const client = createFreskClient(fast, () => t);
    const want = await w.as(camille).missions.get({ missionId });
    await client.missions.get.query({ missionId });
    const before = viaTrpc();
    expect(await client.missions.get.query({ missionId })).toEqual(want);
    expect(viaTrpc(), 'answered without tRPC').toBe(before);
  });

  it('a write invalidates the cached answer: the next call goes to tRPC and sees it, the one after is a hit', async () => {
    const t = await token(camille);
    expect(await same(get({ missionId }), bearer(t))).toBe(true);
    const before = json(await seen(fast, get({ missionId }), bearer(t)));
    await w.as(camille).sessions.create(sessionInput(missionId, 30));
    const n = viaTrpc();
    const after = await seen(fast, BATCH, batched(t, { 0: { missionId } }));
    expect(viaTrpc(), 'the miss goes to tRPC').toBe(n + 1);
    expect(json(after)[0].result.data.sessions).toHaveLength(before.result.data.sessions.length + 1);
    expect(await same(BATCH, batched(t, { 0: { missionId } }))).toBe(true);
    expect(await same(get({ missionId }), bearer(t))).toBe(true);
  });

  it('a caller without access gets NOT_FOUND right after another’s hit, as from tRPC, and so does an unknown mission', async () => {
    const t = await token(camille);
    const other = await token(louis); // Louis coordinates nothing here
    await w.as(louis).missions.list(); // his record exists and is current: only the access check refuses him
    expect(await same(get({ missionId }), bearer(t))).toBe(true);
    const refused = await seen(fast, get({ missionId }), bearer(other));
    expect(refused.status).toBe(404);
    expect(json(refused)).toMatchObject({ error: { data: { code: 'NOT_FOUND' } } });
    expect(await same(get({ missionId }), bearer(other)), 'the refusal is tRPC’s').toBe(false);
    expect(await same(BATCH, batched(other, { 0: { missionId } }))).toBe(false);
    expect(await same(get({ missionId: 'no-such-mission' }), bearer(t))).toBe(false);
    expect(await same(get({ missionId }), bearer(t)), 'the coordinator’s next call is still a hit').toBe(true);
  });

  it('a refused token goes to tRPC (which logs a refused claim once, as without the fast path)', async () => {
    const t = await token(camille);
    expect(await same(get({ missionId }), bearer(t))).toBe(true);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const now = Math.floor(w.clock.now() / 1000);
    const refused: Array<[string, string]> = [
      ['expired', await token(camille, { exp: now - 1 })],
      ['expiring now', await token(camille, { exp: now })],
      ['signed with another secret', await signJwt({ ...camille, exp: now + 3600 } as Claims, 'another-secret-0123456789-abcdefghijklmnop')],
      ['garbage', 'not.a.jwt'],
      ['a claim out of bounds (logged)', await token(camille, { exp: now + 48 * 3600 })],
      ['a role it does not know (logged)', await token({ ...camille, role: 'owner' } as unknown as Person)],
    ];
    for (const [what, bad] of refused) {
      const before = warn.mock.calls.length;
      expect(await same(get({ missionId }), bearer(bad), what)).toBe(false);
      expect(await same(BATCH, batched(bad, { 0: { missionId } }), `${what}, batched`)).toBe(false);
      const logged = warn.mock.calls.length - before;
      expect(logged % 2, `${what}: each app logs it alike`).toBe(0);
    }
    expect(warn.mock.calls.length, 'the two claims out of bounds, by GET and batched: logged once by each app').toBe(8);
    warn.mockRestore();
    const unauthorized = await seen(fast, get({ missionId }), bearer(refused[0][1]));
    expect([unauthorized.status, json(unauthorized).error.data.reason]).toEqual([401, 'unauthorized']);
  });

  it('a revoked token, an identity tRPC would write (first call, changed claims) or refuse as a conflict go to tRPC', async () => {
    const missionOfLouis = await missionFor(w, louis);
    const old = await token(louis); // no `iat`: issued, as far as we can tell, a day before its `exp`
    await w.as(admin).admin.revokeTokens({ email: louis.email });
    const fresh = await token(louis, { iat: Math.floor(w.clock.now() / 1000) });
    await same(get({ missionId: missionOfLouis }), bearer(fresh)); // cached again after the revocation's write
    expect(await same(get({ missionId: missionOfLouis }), bearer(fresh))).toBe(true);
    expect(await same(get({ missionId: missionOfLouis }), bearer(old), 'revoked')).toBe(false);
    expect(json(await seen(fast, get({ missionId: missionOfLouis }), bearer(old))).error.data.reason).toBe('unauthorized');

    // Staff first seen: tRPC creates the record (a write) — through the fast app, before any other request.
    const newStaff = { sub: 'p-new-staff', email: 'new-staff@asso.test', name: 'New staff', role: 'admin' } as Person;
    const t = await token(camille);
    await same(get({ missionId }), bearer(t));
    let n = viaTrpc();
    const first = await seen(fast, get({ missionId }), bearer(await token(newStaff)));
    expect([first.status, viaTrpc()], 'a first call is tRPC’s: it creates the record').toEqual([200, n + 1]);
    expect(await w.db.query.facilitators.findFirst({ where: (f, { eq }) => eq(f.portalId, newStaff.sub) })).toBeTruthy();
    await same(get({ missionId }), bearer(t)); // the creation was a write: cache again
    expect(await same(get({ missionId }), bearer(await token(newStaff))), 'then current: a hit').toBe(true);

    // Changed claims (a new name from the portal): tRPC updates the record.
    n = viaTrpc();
    const renamed = await seen(fast, get({ missionId }), bearer(await token({ ...camille, name: 'Camille Renamed' })));
    expect([renamed.status, viaTrpc()]).toEqual([200, n + 1]);
    expect((await w.db.query.facilitators.findFirst({ where: (f, { eq }) => eq(f.portalId, camille.sub) }))!.name).toBe('Camille Renamed');
    await w.as(camille).missions.list(); // and back (a write again)

    // A portal token whose email is bound to another `sub`: identity_conflict, logged by tRPC.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await same(get({ missionId }), bearer(t));
    const thief = await token({ ...camille, sub: 'p-someone-else' });
    expect(await same(get({ missionId }), bearer(thief), 'identity conflict')).toBe(false);
    expect(warn.mock.calls.filter(([m]) => String(m).includes('identity_conflict'))).toHaveLength(2);
    warn.mockRestore();
    expect(json(await seen(fast, get({ missionId }), bearer(thief))).error.data.reason).toBe('identity_conflict');
  });

  it('any other shape goes to tRPC and answers as before', async () => {
    const t = await token(camille);
    expect(await same(get({ missionId }), bearer(t))).toBe(true); // cached
    const post = (path: string, body: unknown, headers: Record<string, string> = {}): [string, RequestInit] => [path, batched(t, body, headers)];
    // [path, init, refused by tRPC before the procedure's middlewares run]
    const cases: Array<[string, RequestInit, boolean?]> = [
      [get({ missionId, extra: 1 }), bearer(t)],
      [get({ id: missionId }), bearer(t)],
      [get({ missionId: 42 }), bearer(t)],
      [get({ missionId: '' }), bearer(t)],
      [get({ missionId: 'x'.repeat(101) }), bearer(t)],
      [get([missionId]), bearer(t)],
      [`${PATH}?input=%7B%22missionId%22%3A`, bearer(t)],
      [PATH, bearer(t)],
      [`${get({ missionId })}&input=${encodeURIComponent(JSON.stringify({ missionId }))}`, bearer(t)],
      [`${PATH}?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { missionId } }))}`, bearer(t)],
      [`${get({ missionId })}&batch=1`, bearer(t)],
      [`${get({ missionId })}&connectionParams=1`, bearer(t), true],
      [get({ missionId }), bearer(t, { 'trpc-accept': 'application/jsonl' }), true],
      [get({ missionId }), bearer(t, { 'content-type': 'text/plain' })],
      [get({ missionId }), {}],
      [get({ missionId }), { headers: { authorization: `Basic ${t}` } }],
      [get({ missionId }), { headers: { authorization: t } }],
      [get({ missionId }), { method: 'HEAD', ...bearer(t) }, true],
      post(PATH, { missionId }), // method override, unbatched
      post(BATCH, { 0: { missionId }, 1: { missionId } }),
      post(BATCH, { 0: { missionId, extra: 1 } }),
      post(BATCH, { 1: { missionId } }),
      post(BATCH, [{ missionId }]),
      post(BATCH, { 0: { missionId }, padding: 'x'.repeat(600) }),
      post(BATCH, '{"0":{"missionId":'),
      post(`${BATCH}&input=1`, { 0: { missionId } }),
      post(`${PATH}?batch=true`, { 0: { missionId } }),
      post(`${PATH},missions.list?batch=1`, { 0: { missionId }, 1: {} }),
      [...post(BATCH, { 0: { missionId } }, { 'content-type': 'text/plain' }), true],
      post(BATCH, { 0: { missionId } }, { 'trpc-accept': 'application/jsonl' }),
      [BATCH, { ...batched(t, { 0: { missionId } }), headers: { 'content-type': 'application/json' } }],
      [...post(BATCH, { 0: { missionId }, padding: 'x'.repeat(MAX_BODY_BYTES) }), true], // 413 from the body limit
    ];
    for (const [path, init, early] of cases) {
      const { authorization, ...headers } = (init.headers ?? {}) as Record<string, string>;
      const what = `${init.method ?? 'GET'} ${path.slice(0, 160)} ${authorization?.slice(0, 12) ?? 'no authorization'} ${JSON.stringify(headers)} ${String(init.body ?? '').slice(0, 60)}`;
      expect(await same(path, init, what), `${what}: answered without tRPC's middlewares`).toBe(!!early);
    }
    expect((await seen(fast, ...post(BATCH, { 0: { missionId }, padding: 'x'.repeat(MAX_BODY_BYTES) }))).status, 'the body limit still answers').toBe(413);
    // A streamed body (no Content-Length) is not read by the fast path.
    const streamed = () => ({ ...batched(t, ''), body: new Blob([JSON.stringify({ 0: { missionId } })]).stream(), duplex: 'half' }) as RequestInit;
    const want = await seen(trpc, BATCH, streamed());
    const n = viaTrpc();
    expect(await seen(fast, BATCH, streamed()), 'streamed body').toEqual(want);
    expect(viaTrpc(), 'streamed body: tRPC answered').toBe(n + 1);
  });

  it('an OPTIONS preflight is unaffected', async () => {
    await same(get({ missionId }), { method: 'OPTIONS', headers: { ...origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    await same(BATCH, { method: 'OPTIONS', headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' } });
  });
});

describe('missions.get: no rate limit, with or without the fast path', async () => {
  const { w, same, token } = await setup({ FRESK_RATE_LIMIT_PER_MINUTE: '2' }); // publicProcedure: a burst of 1

  it('a burst far past the public limit is answered alike, hits included, and takes nothing from the limiter', async () => {
    const missionId = await missionFor(w);
    const t = await token(people.camille);
    const keys = (w.deps.rateLimiter as unknown as { size: number }).size;
    let hits = 0;
    for (let i = 0; i < 20; i++) if (await same(i % 2 ? get({ missionId }) : BATCH, i % 2 ? bearer(t) : batched(t, { 0: { missionId } }))) hits++;
    expect(hits, 'tRPC alone first fills the cache: every call of the fast app is a hit').toBe(20);
    expect((w.deps.rateLimiter as unknown as { size: number }).size, 'no limiter key taken').toBe(keys);
  });
});
