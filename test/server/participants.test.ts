import { afterEach, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { outbox, registrations, tokens } from '../../schema/index.ts';
import { renderRow } from '../../server/outbox-drainer.ts';
import { secretFor } from '../../server/services/tokens.ts';
import { APP_URL, NOW, SECRET, failure, http, makeWorld, missionFor, people, secretOf, sessionInput } from './helpers.ts';

const w = await makeWorld();
afterEach(() => w.clock.set(NOW));

/** Every link secret a test saw in a URL or an email: none of them may be stored anywhere. */
const seenSecrets = new Set<string>();
const seen = (secret: string) => (seenSecrets.add(secret), secret);

/** A mission of Camille's with one session 10 days ahead (capacity 12 unless told). */
async function plan(opts: { session?: Record<string, unknown>; dayOffset?: number } = {}) {
  const missionId = await missionFor(w);
  const created = await w.as(people.camille).sessions.create(sessionInput(missionId, opts.dayOffset ?? 10, opts.session ?? {}));
  return { missionId, ...created, code: seen(secretOf(created.participantSignupUrl)), link: seen(secretOf(created.facilitatorInviteUrl)) };
}

let counter = 0;
const person = (prefix = 'p') => {
  counter++;
  return { name: `Participant ${counter}`, email: `${prefix}${counter}@example.org` };
};

async function register(code: string, p = person()) {
  return w.anonymous().participants.register({ code, ...p, consent: true });
}

const registeredCount = async (sessionId: string) =>
  Number((await w.db.select({ n: sql<number>`count(*)` }).from(registrations).where(eq(registrations.sessionId, sessionId)))[0].n);

/** The confirmation email of a registration, rendered as sent, with its cancel secret. */
async function confirmation(registrationId: string) {
  const rows = (await w.db.query.outbox.findMany({ where: eq(outbox.template, 'registration_confirmation') })).filter(
    (r) => JSON.parse(r.data).registrationId === registrationId,
  );
  expect(rows).toHaveLength(1);
  const rendered = await renderRow(w.deps, rows[0]);
  const m = /http:\/\/fresk\.test\/cancel\/([A-Za-z0-9_-]{32})/.exec(rendered.text);
  expect(m, 'the confirmation carries a cancel link').not.toBeNull();
  return { row: rows[0], rendered, cancelSecret: seen(m![1]) };
}

/** The newest participant invitation to `to`, rendered, with its personal secret. */
async function invitation(to: string) {
  const rows = await w.db.query.outbox.findMany({ where: and(eq(outbox.template, 'participant_invitation'), eq(outbox.to, to)) });
  expect(rows.length).toBeGreaterThan(0);
  const rendered = await renderRow(w.deps, rows.at(-1)!);
  const m = /http:\/\/fresk\.test\/invitation\/([A-Za-z0-9_-]{32})/.exec(rendered.text);
  expect(m, 'the invitation carries a personal link').not.toBeNull();
  return { row: rows.at(-1)!, rendered, secret: seen(m![1]) };
}

/** The first known secret found in `text`: every 32-character window of every base64url run, looked up in the set. */
function findSecret(text: string, secrets: Set<string>): string | null {
  for (const m of text.matchAll(/[A-Za-z0-9_-]{32,}/g)) {
    for (let i = 0; i + 32 <= m[0].length; i++) if (secrets.has(m[0].slice(i, i + 32))) return m[0].slice(i, i + 32);
  }
  return null;
}

async function closeMission(missionId: string) {
  w.clock.set('2027-06-15T10:00:00+02:00');
  const m = await w.as(people.camille).missions.get({ missionId });
  if (m.retributions.canRequest) await w.as(people.camille).retributions.request({ missionId });
  await w.as(people.camille).missions.close({ missionId });
  w.clock.set(NOW);
}

describe('participants.signupInfo', () => {
  it('shows the session by its public code', async () => {
    const s = await plan({ session: { title: 'Fresque du climat', capacity: 3 } });
    const info = await w.anonymous().participants.signupInfo({ code: s.code });
    expect(info).toMatchObject({
      session: {
        kind: 'atelier',
        title: 'Fresque du climat',
        startsAt: '2027-03-11T09:00:00+01:00',
        endsAt: '2027-03-11T12:00:00+01:00',
        location: { mode: 'onsite', address: '1 rue de Rivoli, Paris' },
        language: 'fr',
      },
      organization: { name: 'Acme' },
      seatsLeft: 3,
      open: true,
    });
    expect(info).not.toHaveProperty('email');
    expect(JSON.stringify(info)).not.toContain(s.sessionId);
    expect(JSON.stringify(info)).not.toContain(people.camille.email);
    await register(s.code);
    expect((await w.anonymous().participants.signupInfo({ code: s.code })).seatsLeft).toBe(2);
    // and over HTTP, as a GET
    const res = await http(w, 'participants.signupInfo', { method: 'GET', input: { code: s.code } });
    expect(res.status).toBe(200);
    expect(res.body.result.data).toMatchObject({ seatsLeft: 2, open: true, organization: { name: 'Acme' } });
  });

  it('shows the session by a personal token, with the email pre-filled', async () => {
    const s = await plan({ session: { language: 'en' } });
    await w.as(people.camille).participants.invite({ sessionId: s.sessionId, emails: ['Guest.One@Example.org'] });
    const { secret } = await invitation('guest.one@example.org');
    const info = await w.anonymous().participants.signupInfo({ token: secret });
    expect(info).toMatchObject({ email: 'guest.one@example.org', open: true, seatsLeft: 12, session: { language: 'en' }, organization: { name: 'Acme' } });
    // a personal token is not a code and the reverse
    expect(await failure(w.anonymous().participants.signupInfo({ code: secret }))).toMatchObject({ reason: 'invalid_token' });
    expect(await failure(w.anonymous().participants.signupInfo({ token: s.code }))).toMatchObject({ reason: 'invalid_token' });
  });

  it('says open:false with the reason when full, cancelled, ended or closed', async () => {
    const full = await plan({ session: { capacity: 1 } });
    await register(full.code);
    expect(await w.anonymous().participants.signupInfo({ code: full.code })).toMatchObject({ open: false, reason: 'session_full', seatsLeft: 0 });

    const cancelled = await plan();
    await w.as(people.camille).sessions.cancel({ sessionId: cancelled.sessionId });
    expect(await w.anonymous().participants.signupInfo({ code: cancelled.code })).toMatchObject({ open: false, reason: 'session_cancelled' });

    const ended = await plan();
    w.clock.set('2027-03-11T12:00:00+01:00');
    expect(await w.anonymous().participants.signupInfo({ code: ended.code })).toMatchObject({ open: false, reason: 'session_ended' });
    w.clock.set(NOW);

    const closed = await plan();
    await closeMission(closed.missionId);
    expect(await w.anonymous().participants.signupInfo({ code: closed.code })).toMatchObject({ open: false, reason: 'mission_closed' });
  });

  it('needs exactly one of code or token', async () => {
    const s = await plan();
    for (const input of [{}, { code: s.code, token: s.code }]) {
      const res = await http(w, 'participants.signupInfo', { method: 'GET', input });
      expect(res.status).toBe(400);
      expect(res.body.error.data).toMatchObject({ code: 'BAD_REQUEST', reason: 'invalid_input' });
      expect(res.body.error.data.fieldErrors).toBeTruthy();
    }
  });
});

describe('participants.register', () => {
  it('registers: status registered, a confirmation in the outbox, an .ics URL, counters move', async () => {
    const s = await plan();
    const res = await w.anonymous().participants.register({ code: s.code, name: '  Ada Lovelace ', email: 'Ada@Example.org', consent: true });
    expect(res).toMatchObject({ status: 'registered', icsUrl: `${APP_URL}/calendar/${s.sessionId}.ics` });
    expect(res.registrationId).toEqual(expect.any(String));
    const { row, rendered } = await confirmation(res.registrationId);
    expect(row).toMatchObject({ to: 'ada@example.org', lang: 'fr', status: 'pending' });
    expect(rendered.subject).toBe('Votre inscription est confirmée');
    expect(rendered.text).toContain('Bonjour,');
    expect(rendered.text).not.toContain('Ada Lovelace'); // no text typed in the form (spam relay)
    expect(rendered.text).toContain(`${APP_URL}/calendar/${s.sessionId}.ics`);
    expect(rendered.attachments?.[0]).toMatchObject({ filename: 'session.ics' });
    expect(rendered.attachments?.[0].content).toContain('DTSTART:20270311T080000Z');

    const sess = await w.as(people.camille).sessions.get({ sessionId: s.sessionId });
    expect(sess.seatsLeft).toBe(11);
    expect(sess.participants).toEqual([{ participantId: res.registrationId, name: 'Ada Lovelace', email: 'ada@example.org', registeredAt: new Date(NOW).toISOString() }]);
    expect((await w.as(people.camille).missions.get({ missionId: s.missionId })).sessions[0]).toMatchObject({ participantsCount: 1, capacity: 12 });
  });

  it('writes the confirmation in English for an English session', async () => {
    const s = await plan({ session: { language: 'en' } });
    const { registrationId } = await register(s.code, { name: 'Grace', email: 'grace@example.org' });
    const { row, rendered } = await confirmation(registrationId);
    expect(row.lang).toBe('en');
    expect(rendered.subject).toBe('Your registration is confirmed');
    expect(rendered.text).toContain('Hello,');
  });

  it('a repeat with the same email (any case) returns the same registration and takes no seat', async () => {
    const s = await plan({ session: { capacity: 2 } });
    const first = await register(s.code, { name: 'Alan', email: 'alan@example.org' });
    const again = await register(s.code, { name: 'Alan T.', email: 'ALAN@Example.ORG' });
    expect(again.registrationId).toBe(first.registrationId);
    expect(again.status).toBe('registered');
    expect(await registeredCount(s.sessionId)).toBe(1);
    expect((await w.anonymous().participants.signupInfo({ code: s.code })).seatsLeft).toBe(1);
    // only one confirmation email
    await confirmation(first.registrationId);
    // on a full session, the repeat still answers the same registration
    await register(s.code);
    expect((await register(s.code, { name: 'Alan', email: 'alan@example.org' })).registrationId).toBe(first.registrationId);
    expect(await registeredCount(s.sessionId)).toBe(2);
  });

  it('refuses session_full (CONFLICT) once capacity is reached', async () => {
    const s = await plan({ session: { capacity: 2 } });
    await register(s.code);
    await register(s.code);
    expect(await failure(register(s.code))).toMatchObject({ code: 'CONFLICT', reason: 'session_full' });
    expect(await registeredCount(s.sessionId)).toBe(2);
    const res = await http(w, 'participants.register', { input: { code: s.code, ...person(), consent: true } });
    expect(res.status).toBe(409);
    expect(res.body.error.data).toMatchObject({ code: 'CONFLICT', httpStatus: 409, reason: 'session_full', path: 'participants.register' });
  });

  it('refuses session_cancelled, session_ended and mission_closed (PRECONDITION_FAILED)', async () => {
    const cancelled = await plan();
    await w.as(people.camille).sessions.cancel({ sessionId: cancelled.sessionId });
    expect(await failure(register(cancelled.code))).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'session_cancelled' });

    const ended = await plan();
    w.clock.set('2027-03-11T12:00:00+01:00');
    expect(await failure(register(ended.code))).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'session_ended' });
    w.clock.set(NOW);

    const closed = await plan();
    await closeMission(closed.missionId);
    expect(await failure(register(closed.code))).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'mission_closed' });
    for (const s of [cancelled, ended, closed]) expect(await registeredCount(s.sessionId)).toBe(0);
  });

  it('refuses invalid_token: unknown code, a regenerated signup link, a facilitator link', async () => {
    const s = await plan();
    expect(await failure(register('A'.repeat(32)))).toMatchObject({ code: 'NOT_FOUND', reason: 'invalid_token' });
    expect(await failure(register('short'))).toMatchObject({ code: 'NOT_FOUND', reason: 'invalid_token' });
    expect(await failure(register(s.link))).toMatchObject({ code: 'NOT_FOUND', reason: 'invalid_token' });
    const fresh = await w.as(people.camille).sessions.regenerateLink({ sessionId: s.sessionId, link: 'participant' });
    const code = seen(secretOf(fresh.participantSignupUrl));
    expect(code).not.toBe(s.code);
    expect(await failure(register(s.code))).toMatchObject({ code: 'NOT_FOUND', reason: 'invalid_token' });
    expect(await failure(w.anonymous().participants.signupInfo({ code: s.code }))).toMatchObject({ reason: 'invalid_token' });
    expect((await register(code)).status).toBe('registered');
    // regenerating the facilitator link leaves the signup link alone
    await w.as(people.camille).sessions.regenerateLink({ sessionId: s.sessionId, link: 'facilitator' });
    expect((await register(code)).status).toBe('registered');
    // HTTP shape: NOT_FOUND 404 with the reason
    const res = await http(w, 'participants.register', { input: { code: s.code, ...person(), consent: true } });
    expect(res.status).toBe(404);
    expect(res.body.error.data).toMatchObject({ code: 'NOT_FOUND', reason: 'invalid_token' });
  });

  it('needs consent: true (BAD_REQUEST with fieldErrors over HTTP)', async () => {
    const s = await plan();
    for (const consent of [false, undefined, 'yes']) {
      const res = await http(w, 'participants.register', { input: { code: s.code, ...person(), consent } });
      expect(res.status).toBe(400);
      expect(res.body.error.data).toMatchObject({ code: 'BAD_REQUEST', reason: 'invalid_input' });
      expect(res.body.error.data.fieldErrors.consent).toEqual([expect.any(String)]);
    }
    expect(await registeredCount(s.sessionId)).toBe(0);
  });

  it('bounds sizes over HTTP: name ≤ 120, email ≤ 254 and an email → 400 invalid_input with fieldErrors', async () => {
    const s = await plan();
    const long = `${'a'.repeat(64)}.${'b'.repeat(64)}@${'c'.repeat(63)}.${'d'.repeat(57)}.org`;
    expect(long.length).toBeGreaterThan(254);
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x'.repeat(121), email: 'ok@example.org' }, 'name'],
      [{ name: '', email: 'ok@example.org' }, 'name'],
      [{ name: 'Ok', email: long }, 'email'],
      [{ name: 'Ok', email: 'not-an-email' }, 'email'],
      [{ name: 'Ok', email: 'a@b.org, c@d.org' }, 'email'],
      [{ name: 'Ok' }, 'email'],
    ];
    for (const [input, field] of cases) {
      const res = await http(w, 'participants.register', { input: { code: s.code, consent: true, ...input } });
      expect(res.status, field).toBe(400);
      expect(res.body.error.data).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400, reason: 'invalid_input' });
      expect(res.body.error.data.fieldErrors[field], JSON.stringify(res.body.error.data.fieldErrors)).toBeTruthy();
      expect(JSON.stringify(res.body)).not.toMatch(/stack|SQLITE|at .*\.ts/);
    }
    const ok = await http(w, 'participants.register', { input: { code: s.code, consent: true, name: 'x'.repeat(120), email: 'fine@example.org' } });
    expect(ok.status).toBe(200);
    expect(await registeredCount(s.sessionId)).toBe(1);
  });

  it('CONCURRENCY: 200 simultaneous registrations for 20 seats → exactly 20 registered, 180 session_full', async () => {
    const s = await plan({ session: { capacity: 20 } });
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => w.anonymous(`10.0.${i >> 8}.${i & 255}`).participants.register({ code: s.code, name: `Crowd ${i}`, email: `crowd${i}@example.org`, consent: true })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const reasons = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as { cause?: { reason?: string } }).cause?.reason);
    expect(ok).toHaveLength(20);
    expect(reasons).toHaveLength(180);
    expect(new Set(reasons)).toEqual(new Set(['session_full']));
    expect(await registeredCount(s.sessionId)).toBe(20);
    const mails = (await w.db.query.outbox.findMany({ where: eq(outbox.template, 'registration_confirmation') })).filter((r) => JSON.parse(r.data).sessionId === s.sessionId);
    expect(mails).toHaveLength(20);
    // one cancel token per registration: the refused ones left none behind
    const cancels = await w.db.query.tokens.findMany({ where: and(eq(tokens.sessionId, s.sessionId), eq(tokens.purpose, 'cancel')) });
    expect(cancels).toHaveLength(20);
    const regs = await w.db.query.registrations.findMany({ where: eq(registrations.sessionId, s.sessionId) });
    expect(new Set(regs.map((r) => r.cancelTokenId))).toEqual(new Set(cancels.map((t) => t.id)));
    expect((await w.as(people.camille).sessions.get({ sessionId: s.sessionId })).seatsLeft).toBe(0);
  });

  it('CONCURRENCY over HTTP: 60 simultaneous POSTs for 7 seats, with repeats of the same email', async () => {
    const s = await plan({ session: { capacity: 7 } });
    const bodies = Array.from({ length: 60 }, (_, i) => ({ code: s.code, name: `Web ${i}`, email: `web${i % 50}@example.org`, consent: true }));
    const res = await Promise.all(
      bodies.map((input) => w.app.request('/trpc/participants.register', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) })),
    );
    const parsed = await Promise.all(res.map(async (r) => ({ status: r.status, body: await r.json() })));
    const ok = parsed.filter((r) => r.status === 200);
    const full = parsed.filter((r) => r.status === 409);
    expect(ok.length + full.length).toBe(60);
    for (const r of full) expect(r.body.error.data.reason).toBe('session_full');
    expect(new Set(ok.map((r) => r.body.result.data.registrationId)).size).toBe(7);
    expect(await registeredCount(s.sessionId)).toBe(7);
  });
});

describe('participants.cancel', () => {
  it('cancels with the link of the confirmation email: seat freed, row deleted, link dead afterwards', async () => {
    const s = await plan({ session: { capacity: 1 } });
    const { registrationId } = await register(s.code, { name: 'Barbara', email: 'barbara@example.org' });
    const { cancelSecret, rendered } = await confirmation(registrationId);
    expect(rendered.html).toContain(`${APP_URL}/cancel/${cancelSecret}`);
    expect(await failure(register(s.code))).toMatchObject({ reason: 'session_full' });

    expect(await w.anonymous().participants.cancel({ cancelToken: cancelSecret })).toEqual({ cancelled: true });
    expect(await w.db.query.registrations.findFirst({ where: eq(registrations.id, registrationId) })).toBeUndefined();
    expect(await registeredCount(s.sessionId)).toBe(0);
    expect((await w.anonymous().participants.signupInfo({ code: s.code })).seatsLeft).toBe(1);
    // the participant is told
    const bye = (await w.db.query.outbox.findMany({ where: and(eq(outbox.template, 'registration_cancelled'), eq(outbox.to, 'barbara@example.org')) }))!;
    expect(bye).toHaveLength(1);
    // reuse → invalid_token
    expect(await failure(w.anonymous().participants.cancel({ cancelToken: cancelSecret }))).toMatchObject({ code: 'NOT_FOUND', reason: 'invalid_token' });
    // the freed seat can be taken, and the same person may register again (a new registration)
    const again = await register(s.code, { name: 'Barbara', email: 'barbara@example.org' });
    expect(again.registrationId).not.toBe(registrationId);
    // the old cancel link does not cancel the new registration
    expect(await failure(w.anonymous().participants.cancel({ cancelToken: cancelSecret }))).toMatchObject({ reason: 'invalid_token' });
    expect(await registeredCount(s.sessionId)).toBe(1);
  });

  it('refuses unknown tokens and other kinds of links as cancel tokens', async () => {
    const s = await plan();
    await register(s.code);
    for (const t of ['A'.repeat(32), s.code, s.link]) {
      expect(await failure(w.anonymous().participants.cancel({ cancelToken: t }))).toMatchObject({ code: 'NOT_FOUND', reason: 'invalid_token' });
    }
    expect(await registeredCount(s.sessionId)).toBe(1);
  });

  it('refuses mission_closed once the mission is closed', async () => {
    const s = await plan();
    const { registrationId } = await register(s.code);
    const { cancelSecret } = await confirmation(registrationId);
    await closeMission(s.missionId);
    expect(await failure(w.anonymous().participants.cancel({ cancelToken: cancelSecret }))).toMatchObject({ reason: 'mission_closed' });
    expect(await registeredCount(s.sessionId)).toBe(1);
  });
});

describe('participants.remove (coordinator)', () => {
  it('removes a participant, frees the seat, revokes their cancel link and tells them', async () => {
    const s = await plan({ session: { capacity: 1 } });
    const { registrationId } = await register(s.code, { name: 'Edsger', email: 'edsger@example.org' });
    const { cancelSecret } = await confirmation(registrationId);
    expect(await w.as(people.camille).participants.remove({ sessionId: s.sessionId, participantId: registrationId })).toEqual({ removed: true });
    expect(await registeredCount(s.sessionId)).toBe(0);
    expect((await w.as(people.camille).sessions.get({ sessionId: s.sessionId })).participants).toEqual([]);
    expect(await failure(w.anonymous().participants.cancel({ cancelToken: cancelSecret }))).toMatchObject({ reason: 'invalid_token' });
    const told = await w.db.query.outbox.findMany({ where: and(eq(outbox.template, 'registration_cancelled'), eq(outbox.to, 'edsger@example.org')) });
    expect(told).toHaveLength(1);
    expect((await renderRow(w.deps, told[0])).text).toContain("L'organisateur·ice a retiré votre inscription");
    expect((await register(s.code)).status).toBe('registered');
  });

  it('NOT_FOUND for another coordinator, another session, twice; mission_closed once closed', async () => {
    const s = await plan();
    const t = await plan();
    const { registrationId } = await register(s.code);
    const other = await failure(w.as(people.louis).participants.remove({ sessionId: s.sessionId, participantId: registrationId }));
    expect(other.code).toBe('NOT_FOUND');
    expect(other).toEqual(await failure(w.as(people.louis).participants.remove({ sessionId: 'missing', participantId: registrationId })));
    expect((await failure(w.as(people.camille).participants.remove({ sessionId: t.sessionId, participantId: registrationId }))).code).toBe('NOT_FOUND');
    expect((await failure(w.anonymous().participants.remove({ sessionId: s.sessionId, participantId: registrationId }))).code).toBe('UNAUTHORIZED');
    expect(await registeredCount(s.sessionId)).toBe(1);
    await closeMission(s.missionId);
    expect(await failure(w.as(people.camille).participants.remove({ sessionId: s.sessionId, participantId: registrationId }))).toMatchObject({ reason: 'mission_closed' });
    expect(await registeredCount(s.sessionId)).toBe(1);
    await w.as(people.camille).participants.remove({ sessionId: t.sessionId, participantId: (await register(t.code)).registrationId });
    expect((await failure(w.as(people.camille).participants.remove({ sessionId: t.sessionId, participantId: registrationId }))).code).toBe('NOT_FOUND');
  });
});

describe('participants.invite', () => {
  it('answers per address and the personal token registers (email pre-filled)', async () => {
    const s = await plan();
    await register(s.code, { name: 'Already', email: 'already@example.org' });
    const res = await w.as(people.camille).participants.invite({
      sessionId: s.sessionId,
      emails: ['one@example.org', 'nope', 'ALREADY@example.org', ' Two@Example.org', 'two@example.org', '<script>@x.org'],
    });
    expect(res.invited).toEqual(['one@example.org', 'two@example.org']);
    expect(res.refused).toEqual([
      { email: 'nope', reason: 'invalid_email' },
      { email: 'already@example.org', reason: 'already_registered' },
      { email: '<script>@x.org', reason: 'invalid_email' },
    ]);
    const rows = await w.db.query.tokens.findMany({ where: and(eq(tokens.sessionId, s.sessionId), eq(tokens.purpose, 'participant_invite')) });
    expect(rows.map((r) => r.email).sort()).toEqual(['one@example.org', 'two@example.org']);

    const { secret, rendered } = await invitation('one@example.org');
    expect(rendered.subject).toBe('Invitation : Atelier — Acme');
    expect(rendered.html).toContain(`${APP_URL}/invitation/${secret}`);
    expect(await w.anonymous().participants.signupInfo({ token: secret })).toMatchObject({ email: 'one@example.org', open: true });
    const reg = await w.anonymous().participants.register({ token: secret, name: 'One', email: 'one@example.org', consent: true });
    expect(reg.status).toBe('registered');
    expect(await registeredCount(s.sessionId)).toBe(2);
    // a repeat through the same personal link is the same registration
    expect((await w.anonymous().participants.register({ token: secret, name: 'One', email: 'one@example.org', consent: true })).registrationId).toBe(reg.registrationId);
  });

  it('a personal invitation follows the session when it is moved later; after the end it says session_ended', async () => {
    const s = await plan();
    await w.as(people.camille).participants.invite({ sessionId: s.sessionId, emails: ['mover@example.org', 'late@example.org'] });
    const { secret } = await invitation('mover@example.org');
    const { secret: late } = await invitation('late@example.org');
    await w.as(people.camille).sessions.update({ sessionId: s.sessionId, startsAt: '2027-03-25T09:00:00+01:00', endsAt: '2027-03-25T12:00:00+01:00' });
    w.clock.set('2027-03-15T10:00:00+01:00'); // after the old end, before the new one
    expect((await w.anonymous().participants.register({ token: secret, name: 'Mover', email: 'mover@example.org', consent: true })).status).toBe('registered');
    w.clock.set('2027-03-26T10:00:00+01:00');
    expect(await failure(w.anonymous().participants.register({ token: late, name: 'Late', email: 'late@example.org', consent: true }))).toMatchObject({
      reason: 'session_ended',
    });
    expect(await w.anonymous().participants.signupInfo({ token: late })).toMatchObject({ open: false, reason: 'session_ended' });
  });

  it("writes the invitation in the session's language", async () => {
    const s = await plan({ session: { language: 'en', kind: 'formation' } });
    await w.as(people.camille).participants.invite({ sessionId: s.sessionId, emails: ['english@example.org'] });
    const { row, rendered } = await invitation('english@example.org');
    expect(row.lang).toBe('en');
    expect(rendered.subject).toBe('Invitation: Training — Acme');
  });

  it('refuses session_ended, session_cancelled, mission_closed; NOT_FOUND for another coordinator; UNAUTHORIZED without token', async () => {
    const s = await plan();
    expect((await failure(w.as(people.louis).participants.invite({ sessionId: s.sessionId, emails: ['a@example.org'] }))).code).toBe('NOT_FOUND');
    expect((await failure(w.anonymous().participants.invite({ sessionId: s.sessionId, emails: ['a@example.org'] }))).code).toBe('UNAUTHORIZED');
    w.clock.set('2027-03-12T10:00:00+01:00');
    expect(await failure(w.as(people.camille).participants.invite({ sessionId: s.sessionId, emails: ['a@example.org'] }))).toMatchObject({ reason: 'session_ended' });
    w.clock.set(NOW);
    const c = await plan();
    await w.as(people.camille).sessions.cancel({ sessionId: c.sessionId });
    expect(await failure(w.as(people.camille).participants.invite({ sessionId: c.sessionId, emails: ['a@example.org'] }))).toMatchObject({ reason: 'session_cancelled' });
    await closeMission(s.missionId);
    expect(await failure(w.as(people.camille).participants.invite({ sessionId: s.sessionId, emails: ['a@example.org'] }))).toMatchObject({ reason: 'mission_closed' });
    const res = await http(w, 'participants.invite', { input: { sessionId: c.sessionId, emails: Array.from({ length: 101 }, (_, i) => `x${i}@example.org`) }, token: await w.token(people.camille) });
    expect(res.status).toBe(400);
    expect(res.body.error.data.fieldErrors.emails).toBeTruthy();
  });
});

describe('calendar and CSV routes', () => {
  it('/calendar/<sessionId>.ics serves the session as iCalendar; unknown → 404; cancelled → METHOD:CANCEL', async () => {
    const s = await plan({ session: { title: 'Fresque; spéciale, "2"' } });
    const res = await w.app.request(`/calendar/${s.sessionId}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const body = await res.text();
    expect(body).toContain('BEGIN:VCALENDAR');
    expect(body).toContain('DTSTART:20270311T080000Z');
    expect(body).toContain('DTEND:20270311T110000Z');
    expect(body).toContain('Fresque\\; spéciale\\, "2"');
    expect(body).toContain('LOCATION:1 rue de Rivoli\\, Paris');
    expect((await w.app.request('/calendar/does-not-exist.ics')).status).toBe(404);
    await w.as(people.camille).sessions.cancel({ sessionId: s.sessionId });
    const cancelled = await w.app.request(`/calendar/${s.sessionId}.ics`);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.text()).toContain('METHOD:CANCEL');
  });

  it('/export/sessions/<id>/participants.csv: coordinator only, formula injection neutralised', async () => {
    const s = await plan();
    await register(s.code, { name: '=cmd|\' /C calc\'!A0', email: 'eve@example.org' });
    w.clock.advance(1000);
    await register(s.code, { name: 'Dupont; "Jean"', email: '+plus@example.org' });
    w.clock.advance(1000);
    await register(s.code, { name: 'Zoé', email: '@at@example.org'.slice(1) });
    const url = `/export/sessions/${s.sessionId}/participants.csv`;
    const res = await w.app.request(url, { headers: { authorization: `Bearer ${await w.token(people.camille)}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const body = await res.text();
    const lines = body.replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('name;email;registeredAt');
    expect(lines).toHaveLength(4);
    expect(lines[1].startsWith("'=cmd"), lines.join('\n')).toBe(true);
    expect(lines[1]).toContain(';eve@example.org;');
    expect(lines[2]).toBe(`"Dupont; ""Jean""";'+plus@example.org;${new Date(Date.parse(NOW) + 1000).toISOString()}`);
    expect(lines[3].startsWith('Zoé;')).toBe(true);
    // '@' cannot start a formula from a name any more: a name never holds one (API.md, names are names).
    await expect(register(s.code, { name: '@SUM(1+1)', email: 'sum@example.org' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    for (const line of lines.slice(1)) expect(line).not.toMatch(/^[=+\-@]|;[=+\-@]/);

    // another coordinator: 404, exactly as a missing session; no token: 401; staff: 200
    const other = await w.app.request(url, { headers: { authorization: `Bearer ${await w.token(people.louis)}` } });
    const missing = await w.app.request('/export/sessions/missing/participants.csv', { headers: { authorization: `Bearer ${await w.token(people.louis)}` } });
    expect(other.status).toBe(404);
    expect(await other.text()).toBe(await missing.text());
    expect((await w.app.request(url)).status).toBe(401);
    expect((await w.app.request(url, { headers: { authorization: `Bearer ${s.code}` } })).status).toBe(401);
    expect((await w.app.request(url, { headers: { authorization: `Bearer ${await w.token(people.admin)}` } })).status).toBe(200);
  });
});

describe('abuse', () => {
  it('an XSS payload as a name stays text in the emails', async () => {
    const payload = '<img src=x onerror=alert(1)>';
    const s = await plan();
    const { registrationId } = await register(s.code, { name: payload, email: 'xss@example.org' });
    const { rendered } = await confirmation(registrationId);
    expect(rendered.html).not.toContain('<img');
    expect(rendered.html).not.toContain('onerror'); // the confirmation carries no typed text at all
    // stored as given, returned as data to the coordinator
    expect((await w.as(people.camille).sessions.get({ sessionId: s.sessionId })).participants[0].name).toBe(payload);
    await w.as(people.camille).participants.remove({ sessionId: s.sessionId, participantId: registrationId });
    const [bye] = await w.db.query.outbox.findMany({ where: and(eq(outbox.template, 'registration_cancelled'), eq(outbox.to, 'xss@example.org')) });
    const html = (await renderRow(w.deps, bye)).html;
    expect(html).not.toContain('<img');
    expect(html).not.toContain('onerror'); // nor does the cancellation
  });

  it('an XSS payload in the session and organisation stays text in the emails', async () => {
    const { missionId } = await w.as(people.admin).admin.createMission({
      title: 'XSS',
      organization: { name: '<script>alert(1)</script>', sector: 'entreprise' },
      coordinator: { email: people.camille.email },
      order: [{ kind: 'atelier', quantity: 1 }],
    });
    const created = await w.as(people.camille).sessions.create(
      sessionInput(missionId, 10, { title: '"><svg onload=alert(1)>', location: { mode: 'onsite', address: '<b>1 rue</b>' } }),
    );
    const code = seen(secretOf(created.participantSignupUrl));
    const { registrationId } = await register(code);
    const { rendered } = await confirmation(registrationId);
    expect(rendered.html).not.toMatch(/<script|<svg|<b>/);
    await w.as(people.camille).participants.invite({ sessionId: created.sessionId, emails: ['xss-invite@example.org'] });
    expect((await invitation('xss-invite@example.org')).rendered.html).not.toMatch(/<script|<svg|<b>/);
  });

  it('no usable link secret is stored anywhere (tokens, outbox, every text column of every table)', async () => {
    // make sure every kind of token exists
    const s = await plan();
    await w.as(people.camille).participants.invite({ sessionId: s.sessionId, emails: ['scan@example.org'] });
    await invitation('scan@example.org');
    await w.as(people.camille).facilitators.invite({ sessionId: s.sessionId, emails: [people.louis.email] });
    const { registrationId } = await register(s.code);
    await confirmation(registrationId);
    await w.as(people.camille).sessions.regenerateLink({ sessionId: s.sessionId, link: 'participant' });

    // every secret there is, recomputed from the token ids (the server secret is not in the database)
    const all = await w.db.select({ id: tokens.id, hash: tokens.hash }).from(tokens);
    expect(all.length).toBeGreaterThan(10);
    const secrets = new Set(seenSecrets);
    for (const t of all) secrets.add(await secretFor(SECRET, t.id));
    expect(secrets.size).toBeGreaterThanOrEqual(all.length);

    const tables = (await w.database.client.execute("SELECT name FROM sqlite_master WHERE type = 'table'")).rows.map((r) => String(r.name));
    expect(tables).toEqual(expect.arrayContaining(['tokens', 'outbox', 'registrations', 'sessions']));
    let cells = 0;
    for (const table of tables) {
      const rows = (await w.database.client.execute(`SELECT * FROM "${table.replace(/"/g, '""')}"`)).rows;
      for (const row of rows) {
        for (const value of Object.values(row)) {
          if (typeof value !== 'string') continue;
          cells++;
          if (findSecret(value, secrets)) throw new Error(`a link secret is stored in ${table}: ${value.slice(0, 80)}`);
          expect(value).not.toContain(SECRET);
        }
      }
    }
    expect(cells).toBeGreaterThan(100);
    const sample = [...secrets][0];
    expect(findSecret(`{"x":"…/cancel/${sample}"}`, secrets)).toBe(sample);
    // and the database file itself holds none of them (WAL included)
    const { readFileSync, existsSync } = await import('node:fs');
    for (const file of [w.file, `${w.file}-wal`]) {
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file).toString('latin1');
      expect(findSecret(bytes, secrets), `${file} holds a secret`).toBeNull();
    }
  });
});

describe('rate limit of public procedures', async () => {
  const limited = await makeWorld({ FRESK_RATE_LIMIT_PER_MINUTE: '10' }) // a burst of 5;

  it('the 6th call from one address → TOO_MANY_REQUESTS rate_limited; another address still passes; it refills', async () => {
    const missionId = await missionFor(limited);
    const created = await limited.as(people.camille).sessions.create(sessionInput(missionId));
    const code = secretOf(created.participantSignupUrl);
    for (let i = 0; i < 5; i++) await limited.anonymous('203.0.113.7').participants.signupInfo({ code });
    expect(await failure(limited.anonymous('203.0.113.7').participants.signupInfo({ code }))).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'rate_limited' });
    // a failing call counts too (no free guessing of codes)
    for (let i = 0; i < 5; i++) await failure(limited.anonymous('203.0.113.8').participants.register({ code: 'A'.repeat(32), name: 'G', email: `g${i}@example.org`, consent: true }));
    expect(await failure(limited.anonymous('203.0.113.8').participants.register({ code, name: 'G', email: 'g@example.org', consent: true }))).toMatchObject({
      reason: 'rate_limited',
    });
    // another address is not affected
    expect((await limited.anonymous('198.51.100.1').participants.signupInfo({ code })).open).toBe(true);
    // a minute later the bucket is full again
    limited.clock.advance(60_000);
    expect((await limited.anonymous('203.0.113.7').participants.signupInfo({ code })).open).toBe(true);
  });

  it('over HTTP: 429 with reason rate_limited, per client address', async () => {
    const missionId = await missionFor(limited);
    const created = await limited.as(people.camille).sessions.create(sessionInput(missionId));
    const code = secretOf(created.participantSignupUrl);
    const call = (ip: string) =>
      limited.app.request(`/trpc/participants.signupInfo?input=${encodeURIComponent(JSON.stringify({ code }))}`, { headers: { 'cf-connecting-ip': ip } });
    for (let i = 0; i < 5; i++) expect((await call('192.0.2.50')).status).toBe(200);
    const res = await call('192.0.2.50');
    expect(res.status).toBe(429);
    expect((await res.json()).error.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'rate_limited' });
    expect((await call('192.0.2.51')).status).toBe(200);
    // the facilitator invitation page's query is limited too
    const link = secretOf(created.facilitatorInviteUrl);
    for (let i = 0; i < 5; i++) await limited.anonymous('192.0.2.60').facilitators.invitation({ token: link });
    expect(await failure(limited.anonymous('192.0.2.60').facilitators.invitation({ token: link }))).toMatchObject({ reason: 'rate_limited' });
  });
});
