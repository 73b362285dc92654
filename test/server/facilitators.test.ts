import { afterEach, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { facilitators, outbox, sessionFacilitators, tokens } from '../../schema/index.ts';
import { renderRow } from '../../server/outbox-drainer.ts';
import { APP_URL, NOW, failure, http, makeWorld, missionFor, people, secretOf, sessionInput, type World } from './helpers.ts';

const w = await makeWorld();
afterEach(() => w.clock.set(NOW));

type Person = { sub: string; email: string; name: string; role: 'facilitator' | 'admin'; of?: boolean };

let counter = 0;
/** A fresh facilitator (distinct sub and email) — OF-compliant by default through the JWT claim; `null`: no `of` claim. */
function newFacilitator(of: boolean | null = true): Person {
  counter++;
  const p: Person = { sub: `p-fac-${counter}`, email: `fac${counter}@fresk.test`, name: `Fac ${counter}`, role: 'facilitator' };
  if (of !== null) p.of = of;
  return p;
}

/** A mission (Camille's by default) with one session 10 days ahead; returns ids and the shareable link secret. */
async function plan(opts: { coordinator?: Person; sector?: 'entreprise' | 'enseignement'; session?: Record<string, unknown>; dayOffset?: number } = {}) {
  const coordinator = opts.coordinator ?? people.camille;
  const missionId = await missionFor(w, coordinator, opts.sector ?? 'entreprise');
  const created = await w.as(coordinator).sessions.create(sessionInput(missionId, opts.dayOffset ?? 10, opts.session ?? {}));
  return { missionId, coordinator, ...created, link: secretOf(created.facilitatorInviteUrl) };
}

/** The newest facilitator_invitation outbox row for `to`, rendered as the drainer would send it. */
async function invitationMail(to: string) {
  const rows = await w.db.query.outbox.findMany({ where: and(eq(outbox.template, 'facilitator_invitation'), eq(outbox.to, to)) });
  expect(rows.length).toBeGreaterThan(0);
  const row = rows.sort((a, b) => a.createdAt - b.createdAt || 0).at(-1)!;
  const rendered = await renderRow(w.deps, row);
  const m = /http:\/\/fresk\.test\/join\/([A-Za-z0-9_-]{32})/.exec(rendered.text);
  expect(m, 'the email carries an accept link').not.toBeNull();
  return { row, rendered, secret: m![1], rows };
}

/** Ends every session of the mission, requests the retributions and closes it; the clock goes back to NOW. */
async function closeMission(missionId: string, coordinator: Person = people.camille) {
  w.clock.set('2027-06-15T10:00:00+02:00');
  const m = await w.as(coordinator).missions.get({ missionId });
  if (m.retributions.canRequest) await w.as(coordinator).retributions.request({ missionId });
  await w.as(coordinator).missions.close({ missionId });
  w.clock.set(NOW);
  expect((await w.as(coordinator).missions.get({ missionId })).status).toBe('closed');
}

const facilitatorCount = async (sessionId: string) =>
  Number((await w.db.select({ n: sql<number>`count(*)` }).from(sessionFacilitators).where(eq(sessionFacilitators.sessionId, sessionId)))[0].n);

const atelier = async (missionId: string, who: Person = people.camille) => (await w.as(who).missions.get({ missionId })).order.find((o) => o.kind === 'atelier')!;

describe('facilitators.invite', () => {
  it('answers per address: invited, invalid_email, not_of_compliant, already_registered; duplicates once; the rest still invited', async () => {
    const s = await plan();
    await w.as(people.admin).admin.setFacilitator({ email: 'not.of@fresk.test', name: 'Pas OF', ofCompliant: false });
    const onSession = newFacilitator();
    await w.as(onSession).facilitators.join({ token: s.link });

    const res = await w.as(people.camille).facilitators.invite({
      sessionId: s.sessionId,
      emails: ['louis@fresk.test', 'not an email', 'NOT.OF@fresk.test', onSession.email, ' Ines@Fresk.test ', 'ines@fresk.test', 'new.person@elsewhere.org', people.camille.email, 'a@b'],
    });
    expect(res.invited).toEqual(['louis@fresk.test', 'ines@fresk.test', 'new.person@elsewhere.org']);
    expect(res.refused).toEqual([
      { email: 'not an email', reason: 'invalid_email' },
      { email: 'not.of@fresk.test', reason: 'not_of_compliant' },
      { email: onSession.email, reason: 'already_registered' },
      { email: people.camille.email, reason: 'already_registered' },
      { email: 'a@b', reason: 'invalid_email' },
    ]);

    // one token and one outbox row per invited address, none for the refused ones, one only for the duplicate
    const personal = await w.db.query.tokens.findMany({ where: and(eq(tokens.sessionId, s.sessionId), eq(tokens.purpose, 'facilitator_invite')) });
    expect(personal.map((t) => t.email).sort()).toEqual(['ines@fresk.test', 'louis@fresk.test', 'new.person@elsewhere.org']);
    const ids = new Set(personal.map((t) => t.id));
    const mails = (await w.db.query.outbox.findMany({ where: eq(outbox.template, 'facilitator_invitation') })).filter((r) => ids.has(JSON.parse(r.data).tokenId));
    expect(mails.map((r) => r.to).sort()).toEqual(['ines@fresk.test', 'louis@fresk.test', 'new.person@elsewhere.org']);
    for (const r of mails) expect(r.to).toBe(personal.find((t) => t.id === JSON.parse(r.data).tokenId)!.email);
    for (const t of personal) {
      expect(t.expiresAt).not.toBeNull();
      expect(t.hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('the invitation email (template facilitator_invitation) carries a working single-use link', async () => {
    const s = await plan();
    const invitee = newFacilitator();
    await w.as(people.camille).facilitators.invite({ sessionId: s.sessionId, emails: [invitee.email] });
    const { row, rendered, secret } = await invitationMail(invitee.email);
    expect(row.template).toBe('facilitator_invitation');
    expect(row.data).not.toContain(secret);
    expect(rendered.html).toContain(`${APP_URL}/join/${secret}`);
    expect(rendered.text).toContain('Acme');
    expect(rendered.text).toContain('1 rue de Rivoli, Paris');
    expect(rendered.text).toContain('Camille');

    const info = await w.anonymous().facilitators.invitation({ token: secret });
    expect(info).toMatchObject({ organization: { name: 'Acme' }, slotsLeft: 2, session: { kind: 'atelier', startsAt: '2027-03-11T09:00:00+01:00' } });
    expect(await w.as(invitee).facilitators.join({ token: secret })).toEqual({ sessionId: s.sessionId });
    // single use
    expect(await failure(w.as(newFacilitator()).facilitators.join({ token: secret }))).toMatchObject({ code: 'NOT_FOUND', reason: 'invalid_token' });
    expect(await failure(w.anonymous().facilitators.invitation({ token: secret }))).toMatchObject({ code: 'NOT_FOUND', reason: 'invalid_token' });
  });

  it("writes the email in the session's language (fr by default, en when the session is in English)", async () => {
    const fr = await plan();
    const en = await plan({ session: { language: 'en' } });
    const a = newFacilitator();
    const b = newFacilitator();
    await w.as(people.camille).facilitators.invite({ sessionId: fr.sessionId, emails: [a.email] });
    await w.as(people.camille).facilitators.invite({ sessionId: en.sessionId, emails: [b.email] });
    const mailFr = await invitationMail(a.email);
    const mailEn = await invitationMail(b.email);
    expect(mailFr.row.lang).toBe('fr');
    expect(mailFr.rendered.subject).toBe('Invitation à animer une session pour Acme');
    expect(mailFr.rendered.html).toContain('lang="fr"');
    expect(mailFr.rendered.text).toContain('jeudi 11 mars 2027');
    expect(mailEn.row.lang).toBe('en');
    expect(mailEn.rendered.subject).toBe('Invitation to facilitate a session for Acme');
    expect(mailEn.rendered.html).toContain('lang="en"');
    expect(mailEn.rendered.text).toContain('Thursday, 11 March 2027');
  });

  it('keeps names and places as text in the invitation email (XSS)', async () => {
    const evil = { sub: 'p-evil', email: 'evil.coord@fresk.test', name: '<img src=x onerror=alert(1)>', role: 'facilitator' as const, of: true };
    const s = await plan({ coordinator: evil, session: { title: '<script>alert(1)</script>', location: { mode: 'onsite', address: '<b onmouseover=alert(1)>x</b>' } } });
    const invitee = newFacilitator();
    await w.as(evil).facilitators.invite({ sessionId: s.sessionId, emails: [invitee.email] });
    const { rendered } = await invitationMail(invitee.email);
    expect(rendered.html).not.toMatch(/<img|<script|<b /);
    expect(rendered.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('refuses with session_ended, session_cancelled and mission_closed (and writes nothing)', async () => {
    const ended = await plan();
    w.clock.set('2027-03-11T12:00:00+01:00'); // the very end
    expect(await failure(w.as(people.camille).facilitators.invite({ sessionId: ended.sessionId, emails: ['louis@fresk.test'] }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
      reason: 'session_ended',
    });
    w.clock.set(NOW);

    const cancelled = await plan();
    await w.as(people.camille).sessions.cancel({ sessionId: cancelled.sessionId });
    expect(await failure(w.as(people.camille).facilitators.invite({ sessionId: cancelled.sessionId, emails: ['louis@fresk.test'] }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
      reason: 'session_cancelled',
    });

    const closed = await plan();
    await closeMission(closed.missionId);
    expect(await failure(w.as(people.camille).facilitators.invite({ sessionId: closed.sessionId, emails: ['louis@fresk.test'] }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
      reason: 'mission_closed',
    });
    for (const s of [ended, cancelled, closed]) {
      expect(await w.db.query.tokens.findMany({ where: and(eq(tokens.sessionId, s.sessionId), eq(tokens.purpose, 'facilitator_invite')) })).toEqual([]);
    }
  });

  it('is for the coordinator: another coordinator gets NOT_FOUND, no token UNAUTHORIZED, a participant token UNAUTHORIZED', async () => {
    const s = await plan();
    const other = await failure(w.as(people.louis).facilitators.invite({ sessionId: s.sessionId, emails: ['x@y.test'] }));
    const missing = await failure(w.as(people.louis).facilitators.invite({ sessionId: 'no-such-session', emails: ['x@y.test'] }));
    expect(other).toMatchObject({ code: 'NOT_FOUND' });
    expect(other).toEqual(missing);
    expect((await failure(w.anonymous().facilitators.invite({ sessionId: s.sessionId, emails: ['x@y.test'] }))).code).toBe('UNAUTHORIZED');
    // staff may act on any mission
    expect((await w.as(people.admin).facilitators.invite({ sessionId: s.sessionId, emails: ['x@y.test'] })).invited).toEqual(['x@y.test']);

    // over HTTP: no token, a participant's signup code or a garbage bearer are all 401
    const signupCode = secretOf(s.participantSignupUrl);
    for (const token of [undefined, signupCode, s.link, 'not.a.jwt']) {
      const res = await http(w, 'facilitators.invite', { input: { sessionId: s.sessionId, emails: ['x@y.test'] }, token });
      expect(res.status).toBe(401);
      expect(res.body.error.data.code).toBe('UNAUTHORIZED');
    }
    const res = await http(w, 'facilitators.invite', { input: { sessionId: s.sessionId, emails: ['z@y.test'] }, token: await w.token(people.louis) });
    expect(res.status).toBe(404);
    expect(res.body.error.data).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('bounds the list (1–100 addresses) with fieldErrors over HTTP', async () => {
    const s = await plan();
    const token = await w.token(people.camille);
    const many = Array.from({ length: 101 }, (_, i) => `x${i}@y.test`);
    for (const emails of [[], many]) {
      const res = await http(w, 'facilitators.invite', { input: { sessionId: s.sessionId, emails }, token });
      expect(res.status).toBe(400);
      expect(res.body.error.data).toMatchObject({ code: 'BAD_REQUEST', reason: 'invalid_input' });
      expect(res.body.error.data.fieldErrors.emails).toBeTruthy();
    }
    const ok = await http(w, 'facilitators.invite', { input: { sessionId: s.sessionId, emails: many.slice(0, 100) }, token });
    expect(ok.status).toBe(200);
    expect(ok.body.result.data.invited).toHaveLength(100);
  });
});

describe('facilitators.invitation (public)', () => {
  it('shows the session, organisation and slots left for the shareable link', async () => {
    const s = await plan({ session: { title: 'Fresque du climat', extraFacilitators: 3 } });
    const info = await w.anonymous().facilitators.invitation({ token: s.link });
    expect(info).toMatchObject({
      session: {
        kind: 'atelier',
        startsAt: '2027-03-11T09:00:00+01:00',
        endsAt: '2027-03-11T12:00:00+01:00',
        location: { mode: 'onsite', address: '1 rue de Rivoli, Paris' },
      },
      organization: { name: 'Acme' },
      slotsLeft: 3,
      open: true,
    });
    await w.as(newFacilitator()).facilitators.join({ token: s.link });
    expect((await w.anonymous().facilitators.invitation({ token: s.link })).slotsLeft).toBe(2);
    // nothing secret or personal leaks to the public
    const text = JSON.stringify(info);
    expect(text).not.toContain(people.camille.email);
    expect(text).not.toContain(s.sessionId);
  });

  it('answers invalid_token for an unknown token, an expired, a used and a revoked one', async () => {
    expect(await failure(w.anonymous().facilitators.invitation({ token: 'A'.repeat(32) }))).toMatchObject({ code: 'NOT_FOUND', reason: 'invalid_token' });
    expect(await failure(w.anonymous().facilitators.invitation({ token: 'x' }))).toMatchObject({ code: 'NOT_FOUND', reason: 'invalid_token' });

    // expired: a personal invitation lasts 30 days; the session is 60 days away
    const far = await plan({ dayOffset: 60 });
    const a = newFacilitator();
    await w.as(people.camille).facilitators.invite({ sessionId: far.sessionId, emails: [a.email] });
    const { secret: expiring } = await invitationMail(a.email);
    w.clock.set('2027-03-30T10:00:00+02:00');
    expect((await w.anonymous().facilitators.invitation({ token: expiring })).open).toBe(true);
    w.clock.set('2027-04-01T10:00:00+02:00');
    expect(await failure(w.anonymous().facilitators.invitation({ token: expiring }))).toMatchObject({ reason: 'invalid_token' });
    expect(await failure(w.as(a).facilitators.join({ token: expiring }))).toMatchObject({ code: 'NOT_FOUND', reason: 'invalid_token' });
    w.clock.set(NOW);

    // used
    const s = await plan();
    const b = newFacilitator();
    await w.as(people.camille).facilitators.invite({ sessionId: s.sessionId, emails: [b.email] });
    const { secret: personal } = await invitationMail(b.email);
    await w.as(b).facilitators.join({ token: personal });
    expect(await failure(w.anonymous().facilitators.invitation({ token: personal }))).toMatchObject({ reason: 'invalid_token' });

    // revoked: regenerating the shareable link revokes the old one at once
    const regenerated = await w.as(people.camille).sessions.regenerateLink({ sessionId: s.sessionId, link: 'facilitator' });
    const fresh = secretOf(regenerated.facilitatorInviteUrl);
    expect(fresh).not.toBe(s.link);
    expect(await failure(w.anonymous().facilitators.invitation({ token: s.link }))).toMatchObject({ code: 'NOT_FOUND', reason: 'invalid_token' });
    expect(await failure(w.as(newFacilitator()).facilitators.join({ token: s.link }))).toMatchObject({ reason: 'invalid_token' });
    expect((await w.anonymous().facilitators.invitation({ token: fresh })).slotsLeft).toBe(1);
    // regenerating the participant link does not touch the facilitator link
    await w.as(people.camille).sessions.regenerateLink({ sessionId: s.sessionId, link: 'participant' });
    expect((await w.anonymous().facilitators.invitation({ token: fresh })).open).toBe(true);
    // a participant signup code is not a facilitator invitation
    expect(await failure(w.anonymous().facilitators.invitation({ token: secretOf(s.participantSignupUrl) }))).toMatchObject({ reason: 'invalid_token' });
  });

  it('works over HTTP as a GET with no token, and says why a session is not open', async () => {
    const s = await plan();
    const res = await http(w, 'facilitators.invitation', { method: 'GET', input: { token: s.link } });
    expect(res.status).toBe(200);
    expect(res.body.result.data).toMatchObject({ organization: { name: 'Acme' }, slotsLeft: 2 });
    await w.as(people.camille).sessions.cancel({ sessionId: s.sessionId });
    expect(await w.anonymous().facilitators.invitation({ token: s.link })).toMatchObject({ open: false, reason: 'session_cancelled' });
  });
});

describe('facilitators.join', () => {
  it('joins through the shareable link; each registration moves planned and openSlots', async () => {
    const s = await plan({ session: { extraFacilitators: 2 } });
    expect(await atelier(s.missionId)).toMatchObject({ planned: 1, openSlots: 2 });
    const a = newFacilitator();
    const b = newFacilitator();
    w.clock.advance(1000);
    expect(await w.as(a).facilitators.join({ token: s.link })).toEqual({ sessionId: s.sessionId });
    expect(await atelier(s.missionId)).toMatchObject({ planned: 2, openSlots: 1 });
    w.clock.advance(1000);
    await w.as(b).facilitators.join({ token: s.link });
    const m = await w.as(people.camille).missions.get({ missionId: s.missionId });
    expect(m.order.find((o) => o.kind === 'atelier')).toMatchObject({ planned: 3, openSlots: 0 });
    expect(m.sessions[0]).toMatchObject({ facilitatorsCount: 3, expectedFacilitators: 3 });
    expect((await w.as(people.camille).missions.list({})).find((x) => x.id === s.missionId)!.order[0]).toMatchObject({ planned: 3 });
    const sess = await w.as(people.camille).sessions.get({ sessionId: s.sessionId });
    expect(sess.facilitators.map((f) => f.email)).toEqual([people.camille.email, a.email, b.email]);
    expect(sess.facilitators[1]).toMatchObject({ name: a.name, status: 'remunere', retribution: 'not_requested' });
    // the link still works for the session but every slot is taken
    expect(await failure(w.as(newFacilitator()).facilitators.join({ token: s.link }))).toMatchObject({ code: 'CONFLICT', reason: 'no_slot_left' });
    expect(await w.anonymous().facilitators.invitation({ token: s.link })).toMatchObject({ slotsLeft: 0, open: false, reason: 'no_slot_left' });
  });

  it('joins through a personal invitation, single use', async () => {
    const s = await plan();
    await w.as(people.camille).facilitators.invite({ sessionId: s.sessionId, emails: [people.louis.email] });
    const { secret } = await invitationMail(people.louis.email);
    expect(await w.as(people.louis).facilitators.join({ token: secret })).toEqual({ sessionId: s.sessionId });
    expect(await failure(w.as(people.louis).facilitators.join({ token: secret }))).toMatchObject({ code: 'NOT_FOUND', reason: 'invalid_token' });
    expect(await failure(w.as(people.ines).facilitators.join({ token: secret }))).toMatchObject({ code: 'NOT_FOUND', reason: 'invalid_token' });
    expect(await atelier(s.missionId)).toMatchObject({ planned: 2, openSlots: 1 });
    const used = await w.db.query.tokens.findFirst({ where: and(eq(tokens.sessionId, s.sessionId), eq(tokens.purpose, 'facilitator_invite')) });
    expect(used?.usedAt).toBe(w.clock.now());
  });

  it('a refused join does not consume a personal invitation', async () => {
    const s = await plan({ session: { extraFacilitators: 1 } });
    await w.as(people.camille).facilitators.invite({ sessionId: s.sessionId, emails: [people.ines.email] });
    const { secret } = await invitationMail(people.ines.email);
    await w.as(newFacilitator()).facilitators.join({ token: s.link }); // the last slot goes
    expect(await failure(w.as(people.ines).facilitators.join({ token: secret }))).toMatchObject({ reason: 'no_slot_left' });
    await w.as(people.camille).sessions.update({ sessionId: s.sessionId, extraFacilitators: 2 });
    expect(await w.as(people.ines).facilitators.join({ token: secret })).toEqual({ sessionId: s.sessionId });
  });

  it('refuses not_of_compliant from the record (staff said no, the JWT says nothing)', async () => {
    const s = await plan();
    const p = newFacilitator(null);
    await w.as(people.admin).admin.setFacilitator({ email: p.email, ofCompliant: false });
    expect(await failure(w.as(p).facilitators.join({ token: s.link }))).toMatchObject({ code: 'FORBIDDEN', reason: 'not_of_compliant' });
    // a person unknown to staff with no `of` claim is not compliant either
    expect(await failure(w.as(newFacilitator(null)).facilitators.join({ token: s.link }))).toMatchObject({ reason: 'not_of_compliant' });
    // once staff clear them, they can join
    await w.as(people.admin).admin.setFacilitator({ email: p.email, ofCompliant: true });
    expect(await w.as(p).facilitators.join({ token: s.link })).toEqual({ sessionId: s.sessionId });
    expect(await facilitatorCount(s.sessionId)).toBe(2);
  });

  it('refuses not_of_compliant from the JWT `of:false` claim, and the claim updates the record', async () => {
    const s = await plan();
    const p = newFacilitator(null);
    // the portal says compliant (staff never spoke: the portal's word is taken)…
    await w.as({ ...p, of: true }).facilitators.mySessions({});
    const facilitatorId = (await w.db.query.facilitators.findFirst({ where: eq(facilitators.email, p.email) }))!.id;
    // invited while compliant…
    await w.as(people.camille).facilitators.invite({ sessionId: s.sessionId, emails: [p.email] });
    const { secret } = await invitationMail(p.email);
    // …but the portal now says not compliant: checked again at join
    expect(await failure(w.as({ ...p, of: false }).facilitators.join({ token: secret }))).toMatchObject({ code: 'FORBIDDEN', reason: 'not_of_compliant' });
    const row = await w.db.query.facilitators.findFirst({ where: eq(facilitators.id, facilitatorId) });
    expect(row?.ofCompliant).toBe(false);
    // the record now refuses invitations too
    expect((await w.as(people.camille).facilitators.invite({ sessionId: s.sessionId, emails: [p.email] })).refused).toEqual([{ email: p.email, reason: 'not_of_compliant' }]);
    expect(await facilitatorCount(s.sessionId)).toBe(1);
    // over HTTP, with a real signed JWT carrying of:false
    const res = await http(w, 'facilitators.join', { input: { token: s.link }, token: await w.token(people.paul) });
    expect(res.status).toBe(403);
    expect(res.body.error.data).toMatchObject({ code: 'FORBIDDEN', reason: 'not_of_compliant' });
  });

  it('refuses already_registered (the coordinator too)', async () => {
    const s = await plan();
    const a = newFacilitator();
    await w.as(a).facilitators.join({ token: s.link });
    expect(await failure(w.as(a).facilitators.join({ token: s.link }))).toMatchObject({ code: 'CONFLICT', reason: 'already_registered' });
    expect(await failure(w.as(people.camille).facilitators.join({ token: s.link }))).toMatchObject({ code: 'CONFLICT', reason: 'already_registered' });
    expect(await facilitatorCount(s.sessionId)).toBe(2);
  });

  it('refuses session_ended, session_cancelled and mission_closed', async () => {
    const ended = await plan();
    w.clock.set('2027-03-11T12:00:01+01:00');
    expect(await failure(w.as(newFacilitator()).facilitators.join({ token: ended.link }))).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'session_ended' });
    expect(await w.anonymous().facilitators.invitation({ token: ended.link })).toMatchObject({ open: false, reason: 'session_ended' });
    w.clock.set(NOW);

    // a personal invitation used after the session's end says so too
    const endedPersonal = await plan();
    const late = newFacilitator();
    await w.as(people.camille).facilitators.invite({ sessionId: endedPersonal.sessionId, emails: [late.email] });
    const { secret } = await invitationMail(late.email);
    w.clock.set('2027-03-12T10:00:00+01:00');
    expect(await failure(w.as(late).facilitators.join({ token: secret }))).toMatchObject({ reason: 'session_ended' });
    w.clock.set(NOW);

    const cancelled = await plan();
    await w.as(people.camille).sessions.cancel({ sessionId: cancelled.sessionId });
    expect(await failure(w.as(newFacilitator()).facilitators.join({ token: cancelled.link }))).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'session_cancelled' });

    const closed = await plan();
    await closeMission(closed.missionId);
    expect(await failure(w.as(newFacilitator()).facilitators.join({ token: closed.link }))).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'mission_closed' });
    expect(await w.anonymous().facilitators.invitation({ token: closed.link })).toMatchObject({ open: false, reason: 'mission_closed' });
    for (const s of [ended, cancelled, closed]) expect(await facilitatorCount(s.sessionId)).toBe(1);
  });

  it('a personal invitation follows the session when it is moved later', async () => {
    const s = await plan();
    const a = newFacilitator();
    await w.as(people.camille).facilitators.invite({ sessionId: s.sessionId, emails: [a.email] });
    const { secret } = await invitationMail(a.email);
    await w.as(people.camille).sessions.update({ sessionId: s.sessionId, startsAt: '2027-03-25T09:00:00+01:00', endsAt: '2027-03-25T12:00:00+01:00' });
    w.clock.set('2027-03-15T10:00:00+01:00'); // after the old end, before the new one
    expect(await w.as(a).facilitators.join({ token: secret })).toEqual({ sessionId: s.sessionId });
  });

  it('refuses other kinds of links as a facilitator token (invalid_token)', async () => {
    const s = await plan();
    const signupCode = secretOf(s.participantSignupUrl);
    await w.as(people.camille).participants.invite({ sessionId: s.sessionId, emails: ['guest@example.org'] });
    const { registrationId } = await w.anonymous().participants.register({ code: signupCode, name: 'G', email: 'g@example.org', consent: true });
    const mails = await w.db.query.outbox.findMany({ where: eq(outbox.to, 'guest@example.org') });
    const personal = /\/invitation\/([A-Za-z0-9_-]{32})/.exec((await renderRow(w.deps, mails[0])).text)![1];
    const confirmation = (await w.db.query.outbox.findMany({ where: eq(outbox.template, 'registration_confirmation') })).find(
      (r) => JSON.parse(r.data).registrationId === registrationId,
    )!;
    const cancel = /\/cancel\/([A-Za-z0-9_-]{32})/.exec((await renderRow(w.deps, confirmation)).text)![1];
    for (const token of [signupCode, personal, cancel, s.link.slice(0, 31), `${s.link}x`, s.link.toUpperCase()]) {
      expect(await failure(w.as(newFacilitator()).facilitators.join({ token }))).toMatchObject({ code: 'NOT_FOUND', reason: 'invalid_token' });
      expect(await failure(w.anonymous().facilitators.invitation({ token }))).toMatchObject({ reason: 'invalid_token' });
    }
    expect(await facilitatorCount(s.sessionId)).toBe(1);
  });

  it('needs a signed-in facilitator', async () => {
    const s = await plan();
    expect((await failure(w.anonymous().facilitators.join({ token: s.link }))).code).toBe('UNAUTHORIZED');
    const res = await http(w, 'facilitators.join', { input: { token: s.link } });
    expect(res.status).toBe(401);
    const expired = await w.token(people.louis, { exp: Math.floor(w.clock.now() / 1000) - 10 });
    expect((await http(w, 'facilitators.join', { input: { token: s.link }, token: expired })).status).toBe(401);
    expect(await facilitatorCount(s.sessionId)).toBe(1);
  });

  it('CONCURRENCY: 30 simultaneous joins for 3 open slots → exactly 3 in, 27 no_slot_left', async () => {
    const s = await plan({ session: { extraFacilitators: 3 } });
    const crowd = Array.from({ length: 30 }, () => newFacilitator());
    const results = await Promise.allSettled(crowd.map((p) => w.as(p).facilitators.join({ token: s.link })));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const reasons = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as { cause?: { reason?: string } }).cause?.reason);
    expect(ok).toHaveLength(3);
    expect(reasons).toHaveLength(27);
    expect(new Set(reasons)).toEqual(new Set(['no_slot_left']));
    expect(await facilitatorCount(s.sessionId)).toBe(4);
    expect(await atelier(s.missionId)).toMatchObject({ planned: 4, openSlots: 0 });
  });

  it('CONCURRENCY over HTTP: 12 simultaneous joins for the last 2 slots', async () => {
    const s = await plan({ session: { extraFacilitators: 3 } });
    await w.as(newFacilitator()).facilitators.join({ token: s.link });
    const crowd = Array.from({ length: 12 }, () => newFacilitator());
    const tokens = await Promise.all(crowd.map((p) => w.token(p)));
    const res = await Promise.all(tokens.map((token) => http(w, 'facilitators.join', { input: { token: s.link }, token })));
    expect(res.filter((r) => r.status === 200)).toHaveLength(2);
    const refused = res.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(10);
    for (const r of refused) expect(r.body.error.data).toMatchObject({ code: 'CONFLICT', httpStatus: 409, reason: 'no_slot_left' });
    expect(await facilitatorCount(s.sessionId)).toBe(4);
  });

  it('CONCURRENCY: one personal invitation used by several people at once → exactly one joins', async () => {
    const s = await plan({ session: { extraFacilitators: 5 } });
    const invitee = newFacilitator();
    await w.as(people.camille).facilitators.invite({ sessionId: s.sessionId, emails: [invitee.email] });
    const { secret } = await invitationMail(invitee.email);
    const results = await Promise.allSettled([invitee, newFacilitator(), newFacilitator(), newFacilitator()].map((p) => w.as(p).facilitators.join({ token: secret })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await facilitatorCount(s.sessionId)).toBe(2);
  });
});

describe('facilitators.setStatus', () => {
  it('sets remunere / interne, shows it in sessions.get with the retribution state', async () => {
    const s = await plan();
    const a = newFacilitator();
    await w.as(a).facilitators.join({ token: s.link });
    const facilitatorId = (await w.as(people.camille).sessions.get({ sessionId: s.sessionId })).facilitators.find((f) => f.email === a.email)!.facilitatorId;
    expect(await w.as(people.camille).facilitators.setStatus({ sessionId: s.sessionId, facilitatorId, status: 'interne' })).toEqual({ status: 'interne' });
    let f = (await w.as(people.camille).sessions.get({ sessionId: s.sessionId })).facilitators.find((x) => x.facilitatorId === facilitatorId)!;
    expect(f).toMatchObject({ status: 'interne', retribution: 'not_applicable' });
    await w.as(people.camille).facilitators.setStatus({ sessionId: s.sessionId, facilitatorId, status: 'remunere' });
    f = (await w.as(people.camille).sessions.get({ sessionId: s.sessionId })).facilitators.find((x) => x.facilitatorId === facilitatorId)!;
    expect(f).toMatchObject({ status: 'remunere', retribution: 'not_requested' });
    // the status does not change the counters
    expect(await atelier(s.missionId)).toMatchObject({ planned: 2 });
  });

  it('refuses benevole on a non-enseignement mission; allows it on enseignement', async () => {
    const s = await plan();
    const me = (await w.as(people.camille).sessions.get({ sessionId: s.sessionId })).facilitators[0].facilitatorId;
    const err = await failure(w.as(people.camille).facilitators.setStatus({ sessionId: s.sessionId, facilitatorId: me, status: 'benevole' }));
    expect(err).toMatchObject({ code: 'BAD_REQUEST', reason: 'benevole_requires_enseignement' });
    expect((await w.as(people.camille).sessions.get({ sessionId: s.sessionId })).facilitators[0].status).toBe('remunere');

    const school = await plan({ sector: 'enseignement' });
    const a = newFacilitator();
    await w.as(a).facilitators.join({ token: school.link });
    const id = (await w.as(people.camille).sessions.get({ sessionId: school.sessionId })).facilitators.find((f) => f.email === a.email)!.facilitatorId;
    expect(await w.as(people.camille).facilitators.setStatus({ sessionId: school.sessionId, facilitatorId: id, status: 'benevole' })).toEqual({ status: 'benevole' });
    expect((await w.as(people.camille).sessions.get({ sessionId: school.sessionId })).facilitators.find((f) => f.facilitatorId === id)).toMatchObject({
      status: 'benevole',
      retribution: 'not_applicable',
    });
    // a volunteer is owed nothing: once ended, nothing to request for them
    w.clock.set('2027-03-20T10:00:00+01:00');
    const request = await w.as(people.camille).retributions.request({ missionId: school.missionId });
    expect(request.lines.map((l) => l.facilitatorId)).not.toContain(id);
  });

  it('refuses mission_closed; NOT_FOUND for another coordinator or a facilitator not on the session', async () => {
    const s = await plan();
    const me = (await w.as(people.camille).sessions.get({ sessionId: s.sessionId })).facilitators[0].facilitatorId;
    const other = await failure(w.as(people.louis).facilitators.setStatus({ sessionId: s.sessionId, facilitatorId: me, status: 'interne' }));
    expect(other.code).toBe('NOT_FOUND');
    expect(other).toEqual(await failure(w.as(people.louis).facilitators.setStatus({ sessionId: 'nope', facilitatorId: me, status: 'interne' })));
    const stranger = (await w.as(people.admin).admin.setFacilitator({ email: 'stranger@fresk.test', ofCompliant: true })).facilitatorId;
    expect((await failure(w.as(people.camille).facilitators.setStatus({ sessionId: s.sessionId, facilitatorId: stranger, status: 'interne' }))).code).toBe('NOT_FOUND');
    expect((await failure(w.anonymous().facilitators.setStatus({ sessionId: s.sessionId, facilitatorId: me, status: 'interne' }))).code).toBe('UNAUTHORIZED');

    await closeMission(s.missionId);
    expect(await failure(w.as(people.camille).facilitators.setStatus({ sessionId: s.sessionId, facilitatorId: me, status: 'interne' }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
      reason: 'mission_closed',
    });
  });

  it('refuses an unknown status with fieldErrors over HTTP', async () => {
    const s = await plan();
    const res = await http(w, 'facilitators.setStatus', {
      input: { sessionId: s.sessionId, facilitatorId: 'x', status: 'gratuit' },
      token: await w.token(people.camille),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.data.fieldErrors.status).toBeTruthy();
  });
});

describe('facilitators.remove', () => {
  it('removes a facilitator and frees the slot', async () => {
    const s = await plan({ session: { extraFacilitators: 1 } });
    const a = newFacilitator();
    await w.as(a).facilitators.join({ token: s.link });
    expect(await atelier(s.missionId)).toMatchObject({ planned: 2, openSlots: 0 });
    const id = (await w.as(people.camille).sessions.get({ sessionId: s.sessionId })).facilitators.find((f) => f.email === a.email)!.facilitatorId;
    expect(await w.as(people.camille).facilitators.remove({ sessionId: s.sessionId, facilitatorId: id })).toEqual({ removed: true });
    expect(await atelier(s.missionId)).toMatchObject({ planned: 1, openSlots: 1 });
    expect((await w.as(people.camille).sessions.get({ sessionId: s.sessionId })).facilitators.map((f) => f.email)).toEqual([people.camille.email]);
    expect(await w.as(a).facilitators.mySessions()).toEqual([]);
    // the freed slot can be taken again
    const b = newFacilitator();
    await w.as(b).facilitators.join({ token: s.link });
    expect(await atelier(s.missionId)).toMatchObject({ planned: 2, openSlots: 0 });
  });

  it('NOT_FOUND for another coordinator, an unknown session, a facilitator not on it; twice is NOT_FOUND', async () => {
    const s = await plan();
    const a = newFacilitator();
    await w.as(a).facilitators.join({ token: s.link });
    const id = (await w.as(people.camille).sessions.get({ sessionId: s.sessionId })).facilitators.find((f) => f.email === a.email)!.facilitatorId;
    const other = await failure(w.as(people.louis).facilitators.remove({ sessionId: s.sessionId, facilitatorId: id }));
    expect(other.code).toBe('NOT_FOUND');
    expect(other).toEqual(await failure(w.as(people.louis).facilitators.remove({ sessionId: 'missing', facilitatorId: id })));
    // only the coordinator removes: a facilitator cannot remove themselves
    expect((await failure(w.as(a).facilitators.remove({ sessionId: s.sessionId, facilitatorId: id }))).code).toBe('NOT_FOUND');
    expect(await facilitatorCount(s.sessionId)).toBe(2);
    await w.as(people.camille).facilitators.remove({ sessionId: s.sessionId, facilitatorId: id });
    expect((await failure(w.as(people.camille).facilitators.remove({ sessionId: s.sessionId, facilitatorId: id }))).code).toBe('NOT_FOUND');
  });

  it('the coordinator removing themselves stops facilitating: planned drops, open slots stay', async () => {
    const s = await plan();
    const me = (await w.as(people.camille).sessions.get({ sessionId: s.sessionId })).facilitators[0].facilitatorId;
    await w.as(people.camille).facilitators.remove({ sessionId: s.sessionId, facilitatorId: me });
    const sess = await w.as(people.camille).sessions.get({ sessionId: s.sessionId });
    expect(sess).toMatchObject({ facilitators: [], coordinatorFacilitates: false, slotsLeft: 2 });
    expect(await atelier(s.missionId)).toMatchObject({ planned: 0, openSlots: 2 });
    // and can come back through the link like anyone
    await w.as(people.camille).facilitators.join({ token: s.link });
    expect(await atelier(s.missionId)).toMatchObject({ planned: 1, openSlots: 1 });
  });

  it('once a retribution is requested, neither the status nor the registration can change', async () => {
    const s = await plan();
    const a = newFacilitator();
    await w.as(a).facilitators.join({ token: s.link });
    const id = (await w.as(people.camille).sessions.get({ sessionId: s.sessionId })).facilitators.find((f) => f.email === a.email)!.facilitatorId;
    w.clock.set('2027-03-20T10:00:00+01:00');
    await w.as(people.camille).retributions.request({ missionId: s.missionId });
    expect(await failure(w.as(people.camille).facilitators.setStatus({ sessionId: s.sessionId, facilitatorId: id, status: 'interne' }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
      reason: 'retribution_requested',
    });
    expect(await failure(w.as(people.camille).facilitators.remove({ sessionId: s.sessionId, facilitatorId: id }))).toMatchObject({ reason: 'retribution_requested' });
    expect((await w.as(people.camille).sessions.get({ sessionId: s.sessionId })).facilitators.find((f) => f.facilitatorId === id)).toMatchObject({
      status: 'remunere',
      retribution: 'requested',
    });
  });

  it('refuses mission_closed', async () => {
    const s = await plan();
    const me = (await w.as(people.camille).sessions.get({ sessionId: s.sessionId })).facilitators[0].facilitatorId;
    await closeMission(s.missionId);
    expect(await failure(w.as(people.camille).facilitators.remove({ sessionId: s.sessionId, facilitatorId: me }))).toMatchObject({ reason: 'mission_closed' });
    expect(await facilitatorCount(s.sessionId)).toBe(1);
  });
});

describe('facilitators.mySessions', () => {
  it('lists the sessions of a facilitator who coordinates nothing, soonest first', async () => {
    const later = await plan({ dayOffset: 20 });
    const sooner = await plan({ dayOffset: 12, session: { kind: 'formation', location: { mode: 'online', url: 'https://visio.example.org/a' } } });
    const other = await plan(); // not joined
    const a = newFacilitator();
    expect(await w.as(a).facilitators.mySessions()).toEqual([]);
    await w.as(a).facilitators.join({ token: later.link });
    await w.as(a).facilitators.join({ token: sooner.link });
    expect(await w.as(a).missions.list({})).toEqual([]);
    const mine = await w.as(a).facilitators.mySessions();
    expect(mine.map((m) => m.sessionId)).toEqual([sooner.sessionId, later.sessionId]);
    expect(mine.map((m) => m.sessionId)).not.toContain(other.sessionId);
    const title = (await w.as(people.camille).missions.get({ missionId: sooner.missionId })).title;
    expect(mine[0]).toMatchObject({
      sessionId: sooner.sessionId,
      missionTitle: title,
      kind: 'formation',
      startsAt: '2027-03-13T09:00:00+01:00',
      endsAt: '2027-03-13T12:00:00+01:00',
      location: { mode: 'online', url: 'https://visio.example.org/a' },
      status: 'planned',
    });
    await w.as(people.camille).sessions.cancel({ sessionId: later.sessionId });
    expect((await w.as(a).facilitators.mySessions()).find((m) => m.sessionId === later.sessionId)?.status).toBe('cancelled');
    expect((await failure(w.anonymous().facilitators.mySessions())).code).toBe('UNAUTHORIZED');
  });
});

describe('OF compliance that nobody stated', () => {
  // KNOWN BUG outside this file's reach (server/services/missions.ts createMission + schema/facilitators.ts):
  // a coordinator record created by admin.createMission gets of_compliant=false although nobody said so,
  // so inviting that person by email is refused as not_of_compliant before the portal could vouch for
  // them. Flip to it() once "unknown" is distinguishable from "known not compliant".
  it('inviting a coordinator that staff never marked is not refused as not_of_compliant', async () => {
    const s = await plan();
    const coordinator = { sub: 'p-never-signed-in', email: 'new.coordinator@fresk.test', name: 'Nouvelle', role: 'facilitator' as const };
    await missionFor(w, coordinator);
    const res = await w.as(people.camille).facilitators.invite({ sessionId: s.sessionId, emails: [coordinator.email] });
    expect(res.invited).toEqual([coordinator.email]);
  });
});

describe('no link secret at rest', () => {
  it('no facilitator link or invitation secret is stored in any text column', async () => {
    const s = await plan();
    const a = newFacilitator();
    await w.as(people.camille).facilitators.invite({ sessionId: s.sessionId, emails: [a.email, 'other@fresk.test'] });
    const { secret } = await invitationMail(a.email);
    await w.as(a).facilitators.join({ token: secret });
    await w.as(people.camille).sessions.regenerateLink({ sessionId: s.sessionId, link: 'facilitator' });
    const { secretFor } = await import('../../server/services/tokens.ts');
    const { SECRET } = await import('./helpers.ts');
    const secrets = new Set([secret, s.link]);
    for (const t of await w.db.select({ id: tokens.id }).from(tokens)) secrets.add(await secretFor(SECRET, t.id));
    const tables = (await w.database.client.execute("SELECT name FROM sqlite_master WHERE type = 'table'")).rows.map((r) => String(r.name));
    for (const table of tables) {
      for (const row of (await w.database.client.execute(`SELECT * FROM "${table}"`)).rows) {
        for (const value of Object.values(row)) {
          if (typeof value !== 'string') continue;
          for (const x of secrets) if (value.includes(x)) throw new Error(`secret stored in ${table}`);
        }
      }
    }
  });
});

export type { World };
