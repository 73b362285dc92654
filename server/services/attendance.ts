import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { registrations, sessions } from '../../schema/index.ts';
import { attendanceWindow, checkInWindow, dayRefusal, followUpRefusal, inWindow, sessionEnded, type Window } from '../../domain/rules.ts';
import type { Deps } from '../context.ts';
import { toCsv } from '../../domain/csv.ts';
import type { Db, Tx } from '../db.ts';
import { DomainError, notFound } from '../errors.ts';
import { loadSession, sessionForStaff, sessionView, type SessionAccess, type SessionRow } from './access.ts';
import type { Caller } from './identity.ts';
import { findUsableToken, issueToken, secretFor } from './tokens.ts';
import type { Attendance, CheckedInBy } from '../../domain/enums/index.ts';
import { writeByToken, writeSession } from './write.ts';

const iso = (t: number) => new Date(t).toISOString();
/** A window of the day (domain/rules.ts) as the API shows it. */
const windowView = (w: Window, now: number) => ({ opensAt: iso(w.opensAt), closesAt: iso(w.closesAt), open: inWindow(w, now) });

/** The session's check-in link token id, issued on first use for sessions planned before check-in existed. */
export async function checkInLinkId(deps: Deps, s: SessionRow): Promise<string> {
  if (s.checkInLinkId) return s.checkInLinkId;
  return deps.database.write(async (tx) => {
    const fresh = await tx.query.sessions.findFirst({ where: eq(sessions.id, s.id) });
    if (fresh?.checkInLinkId) return fresh.checkInLinkId;
    const token = await issueToken(tx, deps.config.authSecret, deps.clock.now(), { purpose: 'checkin_link', sessionId: s.id });
    await tx.update(sessions).set({ checkInLinkId: token.id }).where(and(eq(sessions.id, s.id), isNull(sessions.checkInLinkId)));
    return token.id;
  });
}

export async function checkInUrl(deps: Deps, s: SessionRow): Promise<string> {
  return `${deps.config.appUrl}/checkin/${await secretFor(deps.config.authSecret, await checkInLinkId(deps, s))}`;
}

/** The attendance sheet: window, check-in link, counts and every participant with their state. */
export async function getAttendance(deps: Deps, me: Caller, sessionId: string) {
  const { db } = deps.database;
  const now = deps.clock.now();
  const { session: s } = await sessionForStaff(db, me, sessionId);
  const rows = await db
    .select({ reg: registrations, answered: sql<number>`EXISTS (SELECT 1 FROM survey_answers a WHERE a.registration_id = ${registrations.id})` })
    .from(registrations)
    .where(eq(registrations.sessionId, s.id))
    .orderBy(asc(registrations.name), asc(registrations.id));
  const count = (a: string) => rows.filter((r) => r.reg.attendance === a).length;
  return {
    sessionId: s.id,
    session: { ...sessionView(s), ended: sessionEnded(s, now) },
    window: windowView(attendanceWindow(s), now),
    checkIn: { url: await checkInUrl(deps, s), ...windowView(checkInWindow(s), now) },
    counts: { participants: rows.length, present: count('present'), absent: count('absent'), unknown: count('unknown') },
    followUp: { canSend: !followUpRefusal(s, now) && rows.some((r) => r.reg.attendance === 'present' && r.reg.followUpSentAt === null) },
    participants: rows.map(({ reg: r, answered }) => ({
      participantId: r.id,
      name: r.name,
      email: r.email,
      source: r.source,
      attendance: r.attendance,
      checkedInAt: r.checkedInAt === null ? null : iso(r.checkedInAt),
      checkedInBy: r.checkedInBy,
      followUpSentAt: r.followUpSentAt === null ? null : iso(r.followUpSentAt),
      surveyAnswered: !!Number(answered),
    })),
  };
}

/** Attendance marks and walk-ins: by the session's team, session planned, mission open, inside the attendance window. */
const attendanceOptions = { access: 'team', lock: (row: SessionAccess, now: number) => dayRefusal('attendance', row.mission, row.session, now) } as const;

/** What marking someone present or not writes: `checkedInAt` and `checkedInBy` follow `attendance`. */
const markSet = (attendance: Attendance, by: CheckedInBy, now: number) =>
  attendance === 'present'
    ? {
        attendance,
        // Someone already present keeps the time and the way they first checked in.
        checkedInAt: sql`CASE WHEN ${registrations.attendance} = 'present' THEN ${registrations.checkedInAt} ELSE ${now} END`,
        checkedInBy: sql`CASE WHEN ${registrations.attendance} = 'present' THEN ${registrations.checkedInBy} ELSE ${by} END`,
      }
    : { attendance, checkedInAt: null, checkedInBy: null };

/** Marks participants present, absent or unknown. One id not on the session: NOT_FOUND and nothing changes. */
export async function markAttendance(deps: Deps, me: Caller, input: { sessionId: string; participantIds: string[]; attendance: Attendance }) {
  const ids = [...new Set(input.participantIds)];
  return writeSession(deps, me, input.sessionId, async (tx, _row, { now }) => {
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)` })
      .from(registrations)
      .where(and(eq(registrations.sessionId, input.sessionId), inArray(registrations.id, ids)));
    if (Number(n) !== ids.length) throw notFound();
    const res = await tx
      .update(registrations)
      .set(markSet(input.attendance, 'facilitator', now))
      .where(and(eq(registrations.sessionId, input.sessionId), inArray(registrations.id, ids)));
    return { updated: res.rowsAffected };
  }, attendanceOptions);
}

/**
 * Someone in the room: an address already on the session is marked present; otherwise a walk-in is
 * created, present. Not bounded by capacity (they are there) and sent no confirmation.
 */
async function presentOrWalkIn(tx: Tx, s: SessionRow, input: { name: string; email: string }, by: CheckedInBy, now: number) {
  const find = () => tx.query.registrations.findFirst({ where: and(eq(registrations.sessionId, s.id), eq(registrations.email, input.email)) });
  const mark = async (id: string) => {
    await tx.update(registrations).set(markSet('present', by, now)).where(eq(registrations.id, id));
    return (await tx.query.registrations.findFirst({ where: eq(registrations.id, id) }))!;
  };
  const existing = await find();
  if (existing) return { reg: await mark(existing.id), created: false };
  const id = crypto.randomUUID();
  const inserted = await tx
    .insert(registrations)
    .values({
      id,
      sessionId: s.id,
      name: input.name,
      email: input.email,
      consentAt: now,
      registeredAt: now,
      // A walk-in gets no email, so no cancellation link: this id names no token.
      cancelTokenId: crypto.randomUUID(),
      source: 'walk_in',
      attendance: 'present',
      checkedInAt: now,
      checkedInBy: by,
    })
    .onConflictDoNothing();
  if (inserted.rowsAffected !== 1) return { reg: await mark((await find())!.id), created: false };
  return { reg: (await find())!, created: true };
}

export async function addWalkIn(deps: Deps, me: Caller, input: { sessionId: string; name: string; email: string }) {
  return writeSession(deps, me, input.sessionId, async (tx, row, { now }) => {
    const { reg, created } = await presentOrWalkIn(tx, row.session, input, 'facilitator', now);
    return { participantId: reg.id, attendance: 'present' as const, created };
  }, attendanceOptions);
}

/** The session behind a check-in code (the current link only). */
async function checkInTarget(db: Db | Tx, code: string, now: number) {
  const token = await findUsableToken(db, code, ['checkin_link'], now);
  const row = token?.sessionId ? await loadSession(db, token.sessionId) : null;
  if (!token || !row || row.session.checkInLinkId !== token.id) throw new DomainError('invalid_token');
  return row;
}

/** Why self check-in is refused now, if it is (domain/rules.ts `dayRefusal`). */
const checkInRefusal = (row: SessionAccess, now: number) => dayRefusal('checkin', row.mission, row.session, now);

/** What the check-in page shows before the form. Public. */
export async function checkInInfo(deps: Deps, code: string) {
  const now = deps.clock.now();
  const row = await checkInTarget(deps.database.db, code, now);
  const w = checkInWindow(row.session);
  const refusal = checkInRefusal(row, now);
  return {
    session: { ...sessionView(row.session), title: row.session.title },
    organization: { name: row.organization.name },
    open: !refusal,
    reason: refusal?.reason ?? null,
    opensAt: iso(w.opensAt),
    closesAt: iso(w.closesAt),
  };
}

/** A person checks themselves in with their email; an unknown address needs a name and consent. */
export async function selfCheckIn(deps: Deps, input: { code: string; email: string; name?: string; consent?: boolean }) {
  return writeByToken(deps, null, (tx, now) => checkInTarget(tx, input.code, now), async (tx, row, { now }) => {
    const known = await tx.query.registrations.findFirst({ where: and(eq(registrations.sessionId, row.session.id), eq(registrations.email, input.email)) });
    if (!known) {
      if (!input.name) throw new DomainError('name_required', { fieldErrors: { name: ['Required for a person not registered'] } });
      if (input.consent !== true) throw new DomainError('consent_required', { fieldErrors: { consent: ['Consent is required'] } });
    }
    const { reg } = await presentOrWalkIn(tx, row.session, { name: known?.name ?? input.name!, email: input.email }, 'self', now);
    return { participantId: reg.id, attendance: 'present' as const, name: reg.name };
  }, { lock: checkInRefusal });
}

/** The attendance sheet as CSV (S), with the follow-up state. */
export function attendanceCsv(a: Awaited<ReturnType<typeof getAttendance>>): string {
  return toCsv([
    ['name', 'email', 'source', 'attendance', 'checkedInAt', 'checkedInBy', 'followUpSentAt', 'surveyAnswered'],
    ...a.participants.map((p) => [p.name, p.email, p.source, p.attendance, p.checkedInAt ?? '', p.checkedInBy ?? '', p.followUpSentAt ?? '', p.surveyAnswered ? 'yes' : 'no']),
  ]);
}
