/**
 * Magic-link sign-in (auth.requestLink → email → auth.exchange): no enumeration, rate limits per address
 * and per client, single use, 15 minutes, stored hashed, and a JWT of the portal's kind that maps to the
 * same facilitator record.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { facilitators, outbox, tokens } from '../../schema/index.ts';
import { verifyJwt } from '../../server/auth.ts';
import { renderRow } from '../../server/outbox-drainer.ts';
import { sha256 } from '../../server/services/tokens.ts';
import { failure, http, makeWorld, missionFor, people, SECRET, type World } from './helpers.ts';

const w = await makeWorld();
/** A world whose public procedures allow 3 calls per minute per client. */
const tight = await makeWorld({ FRESK_RATE_LIMIT_PER_MINUTE: '6' }) // a burst of 3;

/** Requests a link for `email` and returns the secret of the link it emailed (or null when no email went out). */
async function requestAndRead(world: World, email: string, opts: { next?: string; lang?: 'fr' | 'en'; clientIp?: string } = {}) {
  const before = new Set((await world.db.query.outbox.findMany({ where: eq(outbox.template, 'magic_link') })).map((r) => r.id));
  const res = await world.anonymous(opts.clientIp).auth.requestLink({ email, next: opts.next, lang: opts.lang });
  expect(res).toEqual({ sent: true });
  const rows = (await world.db.query.outbox.findMany({ where: eq(outbox.template, 'magic_link') })).filter((r) => !before.has(r.id));
  if (!rows.length) return null;
  expect(rows).toHaveLength(1);
  const m = await renderRow(world.deps, rows[0]);
  const link = m.text.match(/https?:\/\/\S+/)![0];
  return { row: rows[0], link, secret: new URL(link).pathname.split('/').pop()!, message: m };
}

describe('auth.requestLink', () => {
  it('answers exactly the same for a known and an unknown address; only a known one gets an email', async () => {
    await missionFor(w, people.camille); // Camille's record exists (coordinator)
    const known = await http(w, 'auth.requestLink', { input: { email: people.camille.email } });
    const unknown = await http(w, 'auth.requestLink', { input: { email: 'nobody@nowhere.test' } });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    expect(known.body).toEqual({ result: { data: { sent: true } } });
    const mails = await w.db.query.outbox.findMany({ where: eq(outbox.template, 'magic_link') });
    expect(mails.map((m) => m.to)).toEqual([people.camille.email]);
    // No record is created for the unknown address.
    expect(await w.db.query.facilitators.findFirst({ where: eq(facilitators.email, 'nobody@nowhere.test') })).toBeUndefined();
  });

  it('matches the address whatever its case and spacing', async () => {
    const link = await requestAndRead(w, '  Camille@FRESK.test ');
    expect(link?.row.to).toBe(people.camille.email);
  });

  it('emails a link to FRESK_APP_URL/auth/<secret>, in the asked language, keeping a local `next`', async () => {
    const l = (await requestAndRead(w, people.camille.email, { next: '/missions/abc', lang: 'en' }))!;
    expect(l.link).toMatch(/^http:\/\/fresk\.test\/auth\/[A-Za-z0-9_-]{32}\?next=%2Fmissions%2Fabc$/);
    expect(l.row.lang).toBe('en');
    expect(l.message.subject).toBe('Your Fresk missions sign-in link');
    const evil = (await requestAndRead(w, people.camille.email, { next: '/\\evil.example' }))!;
    expect(evil.link).not.toContain('next=');
  });

  it('is rate-limited per address: the 6th request within 15 minutes is refused, known or unknown', async () => {
    w.clock.advance(3600_000); // earlier tests' requests are long refilled
    for (const email of ['louis@fresk.test', 'ghost@nowhere.test']) {
      if (email === 'louis@fresk.test') await w.as(people.louis).missions.list({}); // Louis's record exists
      for (let i = 0; i < 5; i++) expect(await w.anonymous(`10.0.0.${i}`).auth.requestLink({ email })).toEqual({ sent: true });
      // From yet another client, and written differently: still the same address.
      const err = await failure(w.anonymous('10.9.9.9').auth.requestLink({ email: email.toUpperCase() }));
      expect(err).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'rate_limited' });
    }
    // Over HTTP the refusal carries the stable reason, the same for both addresses.
    const a = await http(w, 'auth.requestLink', { input: { email: 'louis@fresk.test' } });
    const b = await http(w, 'auth.requestLink', { input: { email: 'ghost@nowhere.test' } });
    expect(a.status).toBe(429);
    expect(a.body.error.data.reason).toBe('rate_limited');
    expect(b.body).toEqual(a.body);
    // Only 5 emails went to Louis.
    w.clock.advance(15 * 60_000);
    expect(await w.anonymous().auth.requestLink({ email: 'louis@fresk.test' })).toEqual({ sent: true });
    const toLouis = await w.db.query.outbox.findMany({ where: and(eq(outbox.template, 'magic_link'), eq(outbox.to, 'louis@fresk.test')) });
    expect(toLouis).toHaveLength(6);
  });

  it('is rate-limited per client by the public procedure limiter', async () => {
    for (let i = 0; i < 3; i++) expect(await tight.anonymous('203.0.113.7').auth.requestLink({ email: `p${i}@nowhere.test` })).toEqual({ sent: true });
    expect(await failure(tight.anonymous('203.0.113.7').auth.requestLink({ email: 'p9@nowhere.test' }))).toMatchObject({ reason: 'rate_limited' });
    // Another client is not affected.
    expect(await tight.anonymous('198.51.100.1').auth.requestLink({ email: 'p9@nowhere.test' })).toEqual({ sent: true });
  });

  it('refuses an invalid address with fieldErrors, not a 500', async () => {
    const res = await http(w, 'auth.requestLink', { input: { email: 'not-an-email' } });
    expect(res.status).toBe(400);
    expect(res.body.error.data.fieldErrors.email).toBeDefined();
  });
});

describe('auth.exchange', () => {
  it('trades the link once for a JWT of the portal kind, accepted over HTTP, on the same record (portal id)', async () => {
    w.clock.advance(3600_000);
    const missionId = await missionFor(w, people.ines);
    await w.as(people.ines).missions.list({}); // Inès came through the portal once: her record has portal id p-ines
    const before = await w.db.$count(facilitators);
    const l = (await requestAndRead(w, people.ines.email))!;
    const res = await w.anonymous().auth.exchange({ token: l.secret });
    expect(res).toEqual({ token: expect.any(String), expiresAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/) });
    expect(Date.parse(res.expiresAt)).toBeGreaterThan(w.clock.now());

    // The same kind of JWT as the portal's: HS256 with the shared secret, sub/email/name/role/exp.
    const [head] = res.token.split('.');
    expect(JSON.parse(Buffer.from(head, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = await verifyJwt(res.token, SECRET, w.clock.now());
    expect(claims).toMatchObject({ sub: 'p-ines', email: people.ines.email, name: people.ines.name, role: 'facilitator' });
    expect(claims!.exp * 1000).toBe(Date.parse(res.expiresAt));

    const list = await http(w, 'missions.list', { method: 'GET', token: res.token });
    expect(list.status).toBe(200);
    expect(list.body.result.data.map((m: { id: string }) => m.id)).toEqual([missionId]);
    expect(await w.db.$count(facilitators)).toBe(before);

    // Single use.
    expect(await failure(w.anonymous().auth.exchange({ token: l.secret }))).toMatchObject({ code: 'NOT_FOUND', reason: 'invalid_token' });
    const again = await http(w, 'auth.exchange', { input: { token: l.secret } });
    expect(again.status).toBe(404);
    expect(again.body.error.data.reason).toBe('invalid_token');
  });

  it('signs in a facilitator known only by email (no portal id) as fresk:<id>, on the same record, keeping OF compliance', async () => {
    const { facilitatorId } = await w.as(people.admin).admin.setFacilitator({ email: 'solo@asso.test', name: 'Solo', ofCompliant: true });
    const missionId = await missionFor(w, { sub: 'unused', email: 'solo@asso.test', name: 'Solo', role: 'facilitator' });
    const before = await w.db.$count(facilitators);
    const l = (await requestAndRead(w, 'solo@asso.test'))!;
    const { token } = await w.anonymous().auth.exchange({ token: l.secret });
    const claims = (await verifyJwt(token, SECRET, w.clock.now()))!;
    expect(claims.sub).toBe(`fresk:${facilitatorId}`);
    expect(claims.of).toBeUndefined();
    const list = await http(w, 'missions.list', { method: 'GET', token });
    expect(list.body.result.data.map((m: { id: string }) => m.id)).toEqual([missionId]);
    expect(await w.db.$count(facilitators)).toBe(before);
    const row = await w.db.query.facilitators.findFirst({ where: eq(facilitators.id, facilitatorId) });
    expect(row).toMatchObject({ email: 'solo@asso.test', ofCompliant: true, portalId: null });
  });

  it('expires 15 minutes after it was requested', async () => {
    const early = (await requestAndRead(w, people.camille.email))!;
    const late = (await requestAndRead(w, people.camille.email))!;
    w.clock.advance(15 * 60_000 - 1);
    expect(await w.anonymous().auth.exchange({ token: early.secret })).toMatchObject({ token: expect.any(String) });
    w.clock.advance(1);
    expect(await failure(w.anonymous().auth.exchange({ token: late.secret }))).toMatchObject({ reason: 'invalid_token' });
  });

  it('is stored hashed: neither the tokens table nor the outbox holds the secret', async () => {
    const l = (await requestAndRead(w, people.camille.email))!;
    const tokenId = JSON.parse(l.row.data).tokenId as string;
    const row = (await w.db.query.tokens.findFirst({ where: eq(tokens.id, tokenId) }))!;
    expect(row).toMatchObject({ purpose: 'magic_link', hash: await sha256(l.secret), usedAt: null, expiresAt: w.clock.now() + 15 * 60_000 });
    const allTokens = JSON.stringify(await w.db.select().from(tokens));
    const allOutbox = JSON.stringify(await w.db.select().from(outbox));
    expect(allTokens).not.toContain(l.secret);
    expect(allOutbox).not.toContain(l.secret);
    // The raw database file does not either.
    const raw = await w.database.client.execute({ sql: "select count(*) as n from tokens where hash = ? or id = ? or coalesce(email,'') = ?", args: [l.secret, l.secret, l.secret] });
    expect(Number(raw.rows[0].n)).toBe(0);
  });

  it('refuses unknown, malformed and other kinds of tokens alike', async () => {
    const missionId = await missionFor(w);
    const s = await w.as(people.camille).sessions.create({
      missionId,
      kind: 'atelier',
      startsAt: '2027-04-01T09:00:00+02:00',
      endsAt: '2027-04-01T12:00:00+02:00',
      location: { mode: 'onsite', address: 'x' },
      capacity: 5,
      extraFacilitators: 1,
    });
    const signupCode = s.participantSignupUrl.split('/').pop()!;
    for (const token of ['x', 'A'.repeat(32), signupCode, '../../etc/passwd']) {
      expect(await failure(w.anonymous().auth.exchange({ token })), token).toMatchObject({ code: 'NOT_FOUND', reason: 'invalid_token' });
    }
  });

  it('two concurrent exchanges of one link: exactly one succeeds', async () => {
    const l = (await requestAndRead(w, people.camille.email))!;
    const results = await Promise.allSettled([w.anonymous().auth.exchange({ token: l.secret }), w.anonymous().auth.exchange({ token: l.secret })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });
});

describe('auth.requestLink per client', () => {
  it('lets one client address trigger at most 20 sign-in emails per 15 minutes, whatever the addresses', async () => {
    const own = await makeWorld();
    for (let i = 0; i < 20; i++) expect(await own.anonymous('192.0.2.55').auth.requestLink({ email: `someone${i}@nowhere.test` })).toEqual({ sent: true });
    expect(await failure(own.anonymous('192.0.2.55').auth.requestLink({ email: 'one-more@nowhere.test' }))).toMatchObject({ reason: 'rate_limited' });
    expect(await own.anonymous('192.0.2.56').auth.requestLink({ email: 'one-more@nowhere.test' })).toEqual({ sent: true });
    own.clock.advance(15 * 60_000);
    expect(await own.anonymous('192.0.2.55').auth.requestLink({ email: 'later@nowhere.test' })).toEqual({ sent: true });
  });
});
