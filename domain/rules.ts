/**
 * The rules of API.md that decide, once (issue 14: one home per rule). Pure functions over plain values:
 * no I/O, no framework. Each answers data (a `Reason` or null, a boolean, a window); the server turns a
 * reason into its `DomainError`, the widgets show it. Where a rule must also be said in SQL for speed, its
 * twin lives in `server/services/rules-sql.ts` next to a comment naming the predicate here, and
 * `test/server/rules-sql.test.ts` checks that both agree on the same cases.
 */
import type { Reason } from './reasons.ts';
import type { FollowUpTag, RetributionTag } from './enums/sessions.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

interface MissionLike {
  status: string;
}
interface SessionLike {
  status: string;
  startsAt: number;
  endsAt: number;
}

// ---------------------------------------------------------------------------------------------------------
// Openness

/** A closed mission can no longer change: `mission_closed`, else null. The lock of every write. */
export const missionLock = (m: MissionLike): 'mission_closed' | null => (m.status === 'closed' ? 'mission_closed' : null);

/** Only a closed mission is invoiced: `mission_not_closed` while it is open. */
export const invoiceRefusal = (m: MissionLike): 'mission_not_closed' | null => (m.status === 'closed' ? null : 'mission_not_closed');

/** A session takes no one once cancelled (`session_cancelled`) or ended (`session_ended`, its end instant included). */
export function sessionClosed(s: Pick<SessionLike, 'status' | 'endsAt'>, now: number): 'session_cancelled' | 'session_ended' | null {
  if (s.status === 'cancelled') return 'session_cancelled';
  if (s.endsAt <= now) return 'session_ended';
  return null;
}

/** A session has ended at its end instant. */
export const sessionEnded = (s: Pick<SessionLike, 'endsAt'>, now: number) => s.endsAt <= now;

/**
 * Why a session's public page (signup, facilitator invitation) is closed to newcomers, in the order the
 * pages say it: mission closed, session cancelled or ended, then `full` (no seat or slot left).
 */
export function takesNoOne(m: MissionLike, s: Pick<SessionLike, 'status' | 'endsAt'>, now: number, full: Reason | null): Reason | null {
  return missionLock(m) ?? sessionClosed(s, now) ?? full;
}

// ---------------------------------------------------------------------------------------------------------
// Facilitators

/** How many facilitators a session expects: the coordinator (when they facilitate) and the extra ones. */
export const expectedFacilitators = (s: { extraFacilitators: number; coordinatorFacilitates: boolean }) => s.extraFacilitators + (s.coordinatorFacilitates ? 1 : 0);

/** Slots still open on a session, never negative. */
export const slotsLeft = (s: { extraFacilitators: number; coordinatorFacilitates: boolean }, registered: number) => Math.max(0, expectedFacilitators(s) - registered);

/** The facilitator statuses a mission's sector allows: `benevole` only on `enseignement` missions. */
export const statusesAllowed = (sector: string) => (sector === 'enseignement' ? (['remunere', 'interne', 'benevole'] as const) : (['remunere', 'interne'] as const));

/** `benevole_requires_enseignement` when the sector does not allow the status, else null. */
export const statusRefusal = (sector: string, status: string): 'benevole_requires_enseignement' | null =>
  (statusesAllowed(sector) as readonly string[]).includes(status) ? null : 'benevole_requires_enseignement';

// ---------------------------------------------------------------------------------------------------------
// Retributions

/** A session's retributions can be requested once it has ended, if it was not cancelled. */
export const sessionPayable = (s: Pick<SessionLike, 'status' | 'endsAt'>, now: number) => s.status === 'planned' && s.endsAt <= now;

/** A facilitator's pay awaits a request: paid by the association (`remunere`) and not requested yet. */
export const awaitsRequest = (f: { status: string }, requested: boolean) => f.status === 'remunere' && !requested;

/** A retribution is still owed: the session is payable and the facilitator's pay awaits a request. */
export const retributionOwed = (s: Pick<SessionLike, 'status' | 'endsAt'>, f: { status: string }, requested: boolean, now: number) =>
  sessionPayable(s, now) && awaitsRequest(f, requested);

/** One facilitator's retribution as the API shows it. */
export const retributionState = (f: { status: string }, requested: boolean): 'requested' | 'not_requested' | 'not_applicable' =>
  requested ? 'requested' : f.status === 'remunere' ? 'not_requested' : 'not_applicable';

/** A session's retribution tag: `none` (nothing to pay, cancelled or not ended), `to_request` or `requested`. */
export function retributionTag(s: Pick<SessionLike, 'status' | 'endsAt'>, now: number, awaiting: number, requested: number): RetributionTag {
  if (!sessionPayable(s, now)) return 'none';
  if (awaiting > 0) return 'to_request';
  return requested > 0 ? 'requested' : 'none';
}

// ---------------------------------------------------------------------------------------------------------
// Windows of the day and after (API.md). Both ends are inside each window.

export interface Window {
  opensAt: number;
  closesAt: number;
}
export const inWindow = (w: Window, now: number) => w.opensAt <= now && now <= w.closesAt;

/** Attendance marks and walk-ins: from 2 h before the start to 30 days after the end. */
export const ATTENDANCE_AFTER_END = 30 * DAY;
export const attendanceWindow = (s: Pick<SessionLike, 'startsAt' | 'endsAt'>): Window => ({ opensAt: s.startsAt - 2 * HOUR, closesAt: s.endsAt + ATTENDANCE_AFTER_END });

/** Self check-in: from 1 h before the start to 2 h after the end. */
export const checkInWindow = (s: Pick<SessionLike, 'startsAt' | 'endsAt'>): Window => ({ opensAt: s.startsAt - HOUR, closesAt: s.endsAt + 2 * HOUR });

/** The survey is open until 60 days after the session's end (that instant included). */
export const SURVEY_AFTER_END = 60 * DAY;
export const surveyClosesAt = (s: Pick<SessionLike, 'endsAt'>) => s.endsAt + SURVEY_AFTER_END;

/** The coordinator is reminded of attendance 24 h after the end, while it can still be taken. */
export const ATTENDANCE_REMINDER_AFTER = DAY;
/** Participants who have not answered are reminded 3 days after their follow-up. */
export const SURVEY_REMINDER_AFTER = 3 * DAY;

/** The waiting list can be joined while the session is full and has not started (nobody is promoted after the start). */
export const waitlistOpen = (s: Pick<SessionLike, 'status' | 'startsAt'>, now: number, full: boolean) => full && s.status === 'planned' && s.startsAt > now;

/** Why the follow-up cannot be sent: a cancelled session (`session_cancelled`), one not ended (`session_not_ended`). */
export function followUpRefusal(s: Pick<SessionLike, 'status' | 'endsAt'>, now: number): 'session_cancelled' | 'session_not_ended' | null {
  if (s.status === 'cancelled') return 'session_cancelled';
  if (!sessionEnded(s, now)) return 'session_not_ended';
  return null;
}

/** A session's follow-up tag: `none` (not ended, cancelled, or nobody present yet), `to_send` (someone present not served) or `sent`. */
export function followUpTag(s: Pick<SessionLike, 'status' | 'endsAt'>, now: number, present: number, toSend: number): FollowUpTag {
  if (followUpRefusal(s, now) || present === 0) return 'none';
  return toSend > 0 ? 'to_send' : 'sent';
}

const DAY_WINDOWS = {
  attendance: { window: attendanceWindow, notOpen: 'attendance_not_open', closed: 'attendance_closed' },
  checkin: { window: checkInWindow, notOpen: 'checkin_not_open', closed: 'checkin_closed' },
} as const;

/**
 * Why attendance (marks, walk-ins) or self check-in is refused now, in API.md's order: cancelled session,
 * closed mission, before its window (with `opensAt`), after it. Null when open.
 */
export function dayRefusal(which: keyof typeof DAY_WINDOWS, m: MissionLike, s: SessionLike, now: number): { reason: Reason; opensAt?: number } | null {
  if (s.status === 'cancelled') return { reason: 'session_cancelled' };
  const locked = missionLock(m);
  if (locked) return { reason: locked };
  const { window, notOpen, closed } = DAY_WINDOWS[which];
  const w = window(s);
  if (now < w.opensAt) return { reason: notOpen, opensAt: w.opensAt };
  if (now > w.closesAt) return { reason: closed };
  return null;
}
