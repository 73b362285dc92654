import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { facilitators } from '../../schema/index.ts';
import { loadConfig } from '../../server/config.ts';
import { secretFor } from '../../server/services/tokens.ts';
import { hmac } from '../../server/auth.ts';
import { http, makeWorld, missionFor, people, SECRET } from './helpers.ts';

const w = await makeWorld();
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** Signs any claims, even ones our own signJwt would not type (integer sub, string of, …). */
const sign = (claims: Record<string, unknown>) => {
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const body = b64(claims);
  return `${head}.${body}.${createHmac('sha256', SECRET).update(`${head}.${body}`).digest('base64url')}`;
};
const nowS = () => Math.floor(w.clock.now() / 1000);
const list = (token: string) => http(w, 'missions.list', { method: 'GET', token });

describe('JWT claims (API.md, Trust)', () => {
  it('refuses an exp more than 24 hours ahead with invalid_claims naming exp', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const res = await list(sign({ ...people.louis, exp: nowS() + 24 * 3600 + 60 }));
    expect(res.status).toBe(401);
    expect(res.body.error.data).toMatchObject({ code: 'UNAUTHORIZED', reason: 'invalid_claims', claim: 'exp' });
    expect(warn.mock.calls.flat().join(' ')).toMatch(/claim "exp"/);
    warn.mockRestore();
    expect((await list(sign({ ...people.louis, exp: nowS() + 24 * 3600 - 60 }))).status).toBe(200);
  });

  it('takes an integer sub as its decimal string', async () => {
    const res = await list(sign({ sub: 4242, email: 'php@portal.test', name: 'Php User', role: 'facilitator', of: true, exp: nowS() + 600 }));
    expect(res.status).toBe(200);
    const row = await w.db.query.facilitators.findFirst({ where: eq(facilitators.email, 'php@portal.test') });
    expect(row?.portalId).toBe('4242');
  });

  it.each([
    ['of', { of: '1' }],
    ['role', { role: 'root' }],
    ['email', { email: 'not-an-email' }],
    ['sub', { sub: { id: 1 } }],
  ])('names the faulty claim %s', async (claim, extra) => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const res = await list(sign({ ...people.ines, exp: nowS() + 600, ...extra }));
    expect(res.status).toBe(401);
    expect(res.body.error.data).toMatchObject({ reason: 'invalid_claims', claim });
    vi.restoreAllMocks();
  });

  it('accepts of absent, true or false', async () => {
    for (const of of [undefined, true, false]) expect((await list(sign({ ...people.ines, of, exp: nowS() + 600 }))).status).toBe(200);
  });
});

describe('one identity per person', () => {
  it('never hands a record bound to a portal sub to a token with another sub and the same email', async () => {
    const missionId = await missionFor(w, people.camille);
    expect((await list(await w.token(people.camille))).body.result.data.map((m: { id: string }) => m.id)).toContain(missionId);
    const before = await w.db.query.facilitators.findFirst({ where: eq(facilitators.email, people.camille.email) });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const res = await list(await w.token({ ...people.camille, sub: 'portal-99' }));
    vi.restoreAllMocks();
    expect(res.status).toBe(401);
    expect(res.body.error.data).toMatchObject({ code: 'UNAUTHORIZED', reason: 'identity_conflict' });
    expect(await w.db.query.facilitators.findFirst({ where: eq(facilitators.email, people.camille.email) })).toEqual(before);
    // The rightful owner is unaffected.
    expect((await list(await w.token(people.camille))).status).toBe(200);
  });

  it('refuses a portal user whose new email belongs to another record, instead of splitting the identity', async () => {
    await list(await w.token(people.louis));
    await list(await w.token(people.ines));
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const res = await list(await w.token({ ...people.louis, email: people.ines.email }));
    vi.restoreAllMocks();
    expect(res.body.error.data.reason).toBe('identity_conflict');
    expect((await w.db.query.facilitators.findFirst({ where: eq(facilitators.portalId, people.louis.sub) }))?.email).toBe(people.louis.email);
  });

  it('binds a record created by an invitation to the first portal sub that signs in with its email', async () => {
    await w.as(people.admin).admin.setFacilitator({ email: 'newcomer@fresk.test', ofCompliant: true });
    const res = await list(await w.token({ sub: 'p-new', email: 'newcomer@fresk.test', name: 'New', role: 'facilitator' }));
    expect(res.status).toBe(200);
    expect((await w.db.query.facilitators.findFirst({ where: eq(facilitators.email, 'newcomer@fresk.test') }))?.portalId).toBe('p-new');
  });

  it('writes nothing on a plain read once the record matches the claims', async () => {
    const token = await w.token(people.camille);
    await list(token);
    const write = vi.spyOn(w.database, 'write');
    await list(token);
    await list(await w.token({ ...people.camille, of: false })); // staff have not spoken: the portal's word is taken (one write)…
    await list(await w.token({ ...people.camille, of: false })); // …and not again
    expect(write).toHaveBeenCalledTimes(1);
    write.mockRestore();
    await list(await w.token(people.camille));
  });
});

describe("staff's word on compliance wins over the portal's of claim", () => {
  it('keeps ofCompliant as staff set it whatever the token says afterwards', async () => {
    const paul = { ...people.paul, of: true };
    await list(await w.token(paul));
    expect((await w.db.query.facilitators.findFirst({ where: eq(facilitators.email, paul.email) }))?.ofCompliant).toBe(true);
    await w.as(people.admin).admin.setFacilitator({ email: paul.email, ofCompliant: false });
    await list(await w.token(paul));
    expect((await w.db.query.facilitators.findFirst({ where: eq(facilitators.email, paul.email) }))?.ofCompliant).toBe(false);
    await w.as(people.admin).admin.setFacilitator({ email: paul.email, ofCompliant: true });
    await list(await w.token({ ...paul, of: false }));
    expect((await w.db.query.facilitators.findFirst({ where: eq(facilitators.email, paul.email) }))?.ofCompliant).toBe(true);
  });
});

describe('secrets', () => {
  it('refuses to start outside demo mode with a secret under 32 bytes, tolerates it in demo mode', () => {
    expect(() => loadConfig({ FRESK_AUTH_SECRET: 'x'.repeat(31) })).toThrow(/32 bytes/);
    expect(() => loadConfig({ FRESK_AUTH_SECRET: 'x'.repeat(32) })).not.toThrow();
    expect(() => loadConfig({ FRESK_AUTH_SECRET: 'short', FRESK_DEMO: '1' }, () => {})).not.toThrow();
  });

  it('derives link secrets with a key of their own, not the JWT signing key', async () => {
    const id = crypto.randomUUID();
    expect(await secretFor(SECRET, id)).not.toBe((await hmac(SECRET, `fresk-link:${id}`)).slice(0, 32));
  });

});
