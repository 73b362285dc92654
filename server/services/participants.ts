import { and, eq, inArray, sql } from 'drizzle-orm';
import { missions, organizations, registrations, sessions, tokens, waitlistEntries } from '../../schema/index.ts';
import type { Deps } from '../context.ts';
import type { Tx } from '../db.ts';
import { DomainError } from '../errors.ts';
import { missionLock, sessionEnded, takesNoOne } from '../../domain/rules.ts';
import { loadSession, sessionInfo, sessionView, type SessionAccess } from './access.ts';
import { sessionTakesPeople, writeByToken, writeSession } from './write.ts';
import type { Caller } from './identity.ts';
import { inviteList, sendInvitations } from './invite-list.ts';
import { prepared, preparedSql } from './prepared.ts';
import { cachedSignupInfo } from './signup-info-cache.ts';
import { enqueueEmail } from './outbox.ts';
import { findUsableToken, isSecretShaped, issueToken, isUsable, revokeToken, sha256, type TokenRow } from './tokens.ts';
import { notingRefusals, refuseEarly, refuseIfFull } from './refusal-board.ts';
import { findWaiting, joinWaitlist, positionOf, promoteFromWaitlist } from './waitlist.ts';
import { waitlistOpen } from '../../domain/rules.ts';

/**
 * The token with its session, mission and organisation, built and prepared once per client and run on `db`
 * (`signupInfo`) or on the registration's write transaction (issue 19: building it was ≈ 18 % of a registration).
 */
const targetQuery = prepared((db) =>
  db
    .select({ token: tokens, session: sessions, mission: missions, organization: organizations })
    .from(tokens)
    .innerJoin(sessions, eq(sessions.id, tokens.sessionId))
    .innerJoin(missions, eq(missions.id, sessions.missionId))
    .innerJoin(organizations, eq(organizations.id, missions.organizationId))
    .where(eq(tokens.hash, sql.placeholder('hash')))
    .prepare(),
);

/**
 * Resolves a public signup code, a personal invitation token or (for the cancel view) a cancellation token
 * to its session; `invalid_token` otherwise.
 */
async function signupTarget(db: Deps['database']['db'] | Tx, input: { code?: string; token?: string; cancelToken?: string }, now: number) {
  const secret = input.code ?? input.token ?? input.cancelToken ?? '';
  const purposes = input.code ? (['signup_link'] as const) : input.token ? (['participant_invite'] as const) : (['cancel'] as const);
  if (!isSecretShaped(secret)) throw new DomainError('invalid_token');
  // One statement for the token and its session, mission and organisation (it was two: the token, then the
  // session): every public signup call and every registration starts here (issue 19's profile).
  const hash = await sha256(secret);
  const [row] = await targetQuery(db).all({ hash });
  if (!row || !isUsable(row.token, purposes, now)) throw new DomainError('invalid_token');
  if (row.token.purpose === 'signup_link' && row.session.signupLinkId !== row.token.id) throw new DomainError('invalid_token');
  return row;
}

/** The registration a cancel link belongs to (its owner holds the link), for the cancel view. */
async function registrationFor(db: Deps['database']['db'], registrationId: string | null) {
  const reg = registrationId ? await db.query.registrations.findFirst({ where: eq(registrations.id, registrationId) }) : undefined;
  if (reg) return { name: reg.name, email: reg.email, registeredAt: new Date(reg.registeredAt).toISOString(), status: 'registered' as const };
  const waiting = registrationId ? await db.query.waitlistEntries.findFirst({ where: eq(waitlistEntries.id, registrationId) }) : undefined;
  if (!waiting) throw new DomainError('invalid_token');
  return { name: waiting.name, email: waiting.email, registeredAt: new Date(waiting.joinedAt).toISOString(), status: 'waitlisted' as const, position: await positionOf(db, waiting) };
}

/** A session's registrations and waiting-list entries, counted in one statement. */
async function seatCounts(db: Deps['database']['db'] | Tx, sessionId: string) {
  const [row] = await db.all<{ registered: number; waiting: number }>(sql`
    SELECT (SELECT count(*) FROM registrations WHERE session_id = ${sessionId}) AS registered,
      (SELECT count(*) FROM waitlist_entries WHERE session_id = ${sessionId}) AS waiting`);
  return { registered: Number(row.registered), waiting: Number(row.waiting) };
}

/** What the signup widget shows before the form. Public. A signup code's answer is cached while exact (signup-info-cache.ts). */
export function signupInfo(deps: Deps, input: { code?: string; token?: string; cancelToken?: string }) {
  return cachedSignupInfo(deps.database, input.code, deps.clock.now(), (now, changesAt) => answerSignupInfo(deps, input, now, changesAt));
}

/** `signupInfo`'s answer at `now`; `changesAt` receives the instants where it changes with the clock alone. */
async function answerSignupInfo(deps: Deps, input: { code?: string; token?: string; cancelToken?: string }, now: number, changesAt: number[]) {
  const { db } = deps.database;
  const { token, session: s, mission, organization } = await signupTarget(db, input, now);
  changesAt.push(s.startsAt, s.endsAt, token.expiresAt ?? Infinity);
  const counts = await seatCounts(db, s.id);
  const seatsLeft = Math.max(0, s.capacity - counts.registered);
  const reason = takesNoOne(mission, s, now, seatsLeft === 0 ? 'session_full' : null);
  return {
    session: sessionView(s),
    organization: { name: organization.name },
    seatsLeft,
    open: reason === null,
    reason,
    waitlist: { open: !missionLock(mission) && !sessionEnded(s, now) && waitlistOpen(s, now, seatsLeft === 0), count: counts.waiting },
    ...(token.purpose === 'participant_invite' && token.email ? { email: token.email } : {}),
    ...(token.purpose === 'cancel' ? { registration: await registrationFor(db, token.subjectId) } : {}),
  };
}

/**
 * New registrations one session takes per rolling hour. A company's signup wave (an all-staff email to a
 * site of 1,000, the largest capacity) brings a few dozen to a hundred or so in its first hour; 200 is above
 * that, and bounds how many confirmation emails a stranger holding a signup code can make the association
 * send to addresses of their choosing (repeats of one address send nothing more).
 */
export const REGISTRATIONS_PER_SESSION_HOUR = 200;

/**
 * The statements of an accepted registration are built once per client and run on its transaction (issue 19).
 * This address's registration, read again when the conditional insert lost a race to it:
 */
const registered = prepared((db) =>
  db
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.sessionId, sql.placeholder('sessionId')), eq(registrations.email, sql.placeholder('email'))))
    .limit(1)
    .prepare(),
);
/**
 * What an accepted registration checks before its insert, in one statement (three before): this address's
 * registration, its place on the waiting list, and the session's registrations of the last hour (the pace). The
 * pace's count reads each registration's row (no index has `registered_at`), so it runs only when the session has
 * at least `pace` registrations at all (counted on the (session, email) index): below that it cannot be reached.
 */
const beforeInsert = preparedSql(
  'all',
  sql`SELECT (SELECT id FROM registrations WHERE session_id = ${sql.placeholder('sessionId')} AND email = ${sql.placeholder('email')}) AS registered,
      EXISTS (SELECT 1 FROM waitlist_entries WHERE session_id = ${sql.placeholder('sessionId')} AND email = ${sql.placeholder('email')}) AS waiting,
      CASE WHEN (SELECT count(*) FROM registrations WHERE session_id = ${sql.placeholder('sessionId')}) >= ${sql.placeholder('pace')}
        THEN (SELECT count(*) FROM registrations WHERE session_id = ${sql.placeholder('sessionId')} AND registered_at > ${sql.placeholder('since')})
        ELSE 0 END AS recent`,
);
/** Never more registrations than `capacity`: the count and the insert are one statement; a repeat (unique index) inserts nothing. */
const insertIfSeat = preparedSql(
  'run',
  sql`INSERT INTO registrations (id, session_id, name, email, consent_at, registered_at, cancel_token_id)
      SELECT ${sql.placeholder('id')}, ${sql.placeholder('sessionId')}, ${sql.placeholder('name')}, ${sql.placeholder('email')}, ${sql.placeholder('now')}, ${sql.placeholder('now')}, ${sql.placeholder('cancelId')}
      WHERE (SELECT count(*) FROM registrations WHERE session_id = ${sql.placeholder('sessionId')}) < ${sql.placeholder('capacity')}
      ON CONFLICT DO NOTHING`,
);

/**
 * Registers a participant. Never more registrations than `capacity`: one conditional INSERT … SELECT …
 * WHERE count < capacity, plus the (session, email) unique index. A repeat with the same email returns
 * the same registration (no second seat, no error).
 */
export async function register(deps: Deps, input: { code?: string; token?: string; name: string; email: string; waitlist?: boolean }) {
  type Registered = { registrationId: string; sessionId: string; created: boolean; position?: number };
  // A registration known to be refused (a full, cancelled or ended session) is answered without the lane.
  const board = { target: signupTarget, pace: REGISTRATIONS_PER_SESSION_HOUR };
  await refuseEarly(deps, input, deps.clock.now(), board);
  const result = await notingRefusals(deps, input, board, (queued) => writeByToken(deps, null, (tx, now) => signupTarget(tx, input, now), async (tx, { token, session: s, organization }, { now }): Promise<Registered> => {
    // A personal invitation registers the invited address only, whatever the form says.
    const email = token.purpose === 'participant_invite' && token.email ? token.email : input.email;
    input = { ...input, email };
    await refuseIfFull(deps, tx, input, s.id, now, REGISTRATIONS_PER_SESSION_HOUR);
    const [known] = await beforeInsert(tx).all<{ registered: string | null; waiting: number; recent: number }>({
      sessionId: s.id,
      email: input.email,
      pace: REGISTRATIONS_PER_SESSION_HOUR,
      since: now - 3600_000,
    });
    if (known.registered) return { registrationId: known.registered, sessionId: s.id, created: false };
    const waiting = known.waiting ? await findWaiting(tx, s.id, input.email) : undefined;
    if (waiting) return { registrationId: waiting.id, sessionId: s.id, created: false, position: await positionOf(tx, waiting) };
    if (Number(known.recent) >= REGISTRATIONS_PER_SESSION_HOUR) throw new DomainError('rate_limited');
    const id = crypto.randomUUID();
    const cancelId = crypto.randomUUID();
    const inserted = await insertIfSeat(tx).run({ id, sessionId: s.id, name: input.name, email: input.email, now, cancelId, capacity: s.capacity });
    if (inserted.rowsAffected !== 1) {
      // Lost a race to the same email (another process): that registration is the answer, and no
      // cancel token is left behind for a registration that does not exist.
      const [raced] = await registered(tx).all({ sessionId: s.id, email: input.email });
      if (raced) return { registrationId: raced.id, sessionId: s.id, created: false };
      if (input.waitlist && waitlistOpen(s, now, true)) {
        const joined = await joinWaitlist(tx, deps, now, s, organization, { name: input.name, email: input.email });
        return { registrationId: joined.entry.id, sessionId: s.id, created: joined.created, position: joined.position };
      }
      throw new DomainError('session_full');
    }
    const cancel = await issueToken(tx, deps.config.authSecret, now, { id: cancelId, purpose: 'cancel', sessionId: s.id, email: input.email, subjectId: id });
    await enqueueEmail(tx, now, {
      template: 'registration_confirmation',
      to: input.email,
      lang: s.language,
      data: {
        registrationId: id,
        sessionId: s.id,
        cancelTokenId: cancel.id,
        participantName: input.name,
        session: sessionInfo(s),
        organizationName: organization.name,
        createdAt: now,
        sequence: s.sequence,
      },
    });
    return { registrationId: id, sessionId: s.id, created: true };
  }, { lock: sessionTakesPeople, kick: (r) => r.created, queued }));
  if (result.position !== undefined) return { registrationId: result.registrationId, status: 'waitlisted' as const, position: result.position };
  return {
    registrationId: result.registrationId,
    status: 'registered' as const,
    // The registration's session is known from the transaction: no statement to read it back.
    icsUrl: `${deps.config.appUrl}/calendar/${result.sessionId}.ics`,
  };
}

/** Deletes a registration (freeing its seat), revokes its cancel link and tells the participant. */
async function dropRegistration(tx: Tx, row: SessionAccess, reg: typeof registrations.$inferSelect, byCoordinator: boolean, now: number) {
  await tx.delete(registrations).where(eq(registrations.id, reg.id));
  await revokeToken(tx, reg.cancelTokenId, now);
  await enqueueEmail(tx, now, {
    template: 'registration_cancelled',
    to: reg.email,
    lang: row.session.language,
    data: { participantName: reg.name, session: sessionInfo(row.session), organizationName: row.organization.name, byCoordinator },
  });
  // The freed seat goes to the first person waiting, in this same transaction.
  await promoteFromWaitlist(tx, now, row.session, row.organization);
}

/** What a cancel link names: a registration, or a place on the waiting list; `invalid_token` otherwise. */
async function cancelTarget(tx: Tx, cancelToken: string, now: number) {
  const token: TokenRow | null = await findUsableToken(tx, cancelToken, ['cancel'], now);
  const reg = token?.subjectId ? await tx.query.registrations.findFirst({ where: eq(registrations.id, token.subjectId) }) : undefined;
  const waiting = token?.subjectId && !reg ? await tx.query.waitlistEntries.findFirst({ where: eq(waitlistEntries.id, token.subjectId) }) : undefined;
  const sessionId = reg?.sessionId ?? waiting?.sessionId;
  const row = token && sessionId ? await loadSession(tx, sessionId) : null;
  if (!token || !row) throw new DomainError('invalid_token');
  return { ...row, token, reg, waiting };
}

/** A participant cancels with the link from their confirmation email; the seat is freed and their data erased. */
export async function cancelRegistration(deps: Deps, cancelToken: string) {
  await writeByToken(
    deps,
    null,
    (tx, now) => cancelTarget(tx, cancelToken, now),
    async (tx, row, { now }) => {
      if (row.waiting) {
        // Leaving the waiting list: the entry goes, with its link; nobody else moves but in position.
        await tx.delete(waitlistEntries).where(eq(waitlistEntries.id, row.waiting.id));
        await revokeToken(tx, row.token.id, now);
        return;
      }
      // After the session the registration is the attendance record certificates are sent from; erasure
      // then goes through the association (admin.erasePerson).
      if (sessionEnded(row.session, now)) throw new DomainError('session_ended');
      await dropRegistration(tx, row, row.reg!, false, now);
    },
    // Leaving a waiting list stays possible on a closed mission (nothing of the mission changes).
    { lock: (row) => (row.waiting ? null : missionLock(row.mission)), kick: true },
  );
  return { cancelled: true as const };
}

/** The coordinator removes a participant from a session. */
export async function removeParticipant(deps: Deps, me: Caller, input: { sessionId: string; participantId: string }) {
  await writeSession(
    deps,
    me,
    input.sessionId,
    async (tx, row, { now }) => {
      const reg = await tx.query.registrations.findFirst({ where: and(eq(registrations.id, input.participantId), eq(registrations.sessionId, input.sessionId)) });
      if (!reg) throw new DomainError('not_found');
      await dropRegistration(tx, row, reg, true, now);
    },
    { kick: true },
  );
  return { removed: true as const };
}

/**
 * Personal participant invitations expire after a year. Not tied to the session's end: the session may be
 * moved later, and a registration after the end must say `session_ended` (checked at use), not `invalid_token`.
 */
const PARTICIPANT_INVITATION_TTL = 365 * 24 * 3600_000;

/** Invites participants by email, each with a personal signup link (email pre-filled, usable until the session ends). */
export async function inviteParticipants(deps: Deps, me: Caller, input: { sessionId: string; emails: string[] }) {
  return writeSession(deps, me, input.sessionId, async (tx, { session, organization }, { now }) => {
    // Set-based, so a list of 100 stays a handful of statements (Turso's transaction time limit).
    const entries = inviteList(input.emails);
    const emails = entries.filter((e) => !e.invalid).map((e) => e.email);
    const already = new Set(
      emails.length
        ? (await tx.select({ email: registrations.email }).from(registrations).where(and(eq(registrations.sessionId, session.id), inArray(registrations.email, emails)))).map((r) => r.email)
        : [],
    );
    const invited: string[] = [];
    const refused: { email: string; reason: 'invalid_email' | 'already_registered' }[] = [];
    for (const { email, invalid } of entries) {
      if (invalid) refused.push({ email, reason: 'invalid_email' });
      else if (already.has(email)) refused.push({ email, reason: 'already_registered' });
      else invited.push(email);
    }
    await sendInvitations(tx, deps, now, {
      purpose: 'participant_invite',
      session,
      ttl: PARTICIPANT_INVITATION_TTL,
      emails: invited,
      data: (tokenId) => ({ tokenId, session: sessionInfo(session), organizationName: organization.name }),
    });
    return { invited, refused };
  }, { lock: sessionTakesPeople, kick: true });
}
