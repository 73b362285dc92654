import { and, eq } from 'drizzle-orm';
import { missions, organizations, sessionFacilitators, sessions } from '../../schema/index.ts';
import { expectedFacilitators } from '../../domain/rules.ts';
import type { Db, Tx } from '../db.ts';
import { notFound } from '../errors.ts';
import type { Caller } from './identity.ts';

export type MissionRow = typeof missions.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type OrganizationRow = typeof organizations.$inferSelect;

/** A mission and its organisation, by id, whoever asks. */
export async function loadMission(db: Db | Tx, missionId: string) {
  const [row] = await db
    .select({ mission: missions, organization: organizations })
    .from(missions)
    .innerJoin(organizations, eq(organizations.id, missions.organizationId))
    .where(eq(missions.id, missionId));
  return row ?? null;
}

/** A session with its mission and organisation: what a session's write and its access checks work on. */
export type SessionAccess = NonNullable<Awaited<ReturnType<typeof loadSession>>>;

/** A session with its mission and organisation, by id, whoever asks. */
export async function loadSession(db: Db | Tx, sessionId: string) {
  const [row] = await db
    .select({ session: sessions, mission: missions, organization: organizations })
    .from(sessions)
    .innerJoin(missions, eq(missions.id, sessions.missionId))
    .innerJoin(organizations, eq(organizations.id, missions.organizationId))
    .where(eq(sessions.id, sessionId));
  return row ?? null;
}

/** `me` may read and change the mission: staff, or its coordinator. */
export const mayCoordinate = (me: Caller, mission: Pick<MissionRow, 'coordinatorId'>) => me.role === 'admin' || mission.coordinatorId === me.facilitatorId;

/** A mission and its organisation, as `missionFor` gives them. */
export type MissionAccess = NonNullable<Awaited<ReturnType<typeof loadMission>>>;

/** The mission if `me` coordinates it (or is staff); otherwise NOT_FOUND, exactly as if it did not exist. */
export async function missionFor(db: Db | Tx, me: Caller, missionId: string) {
  const row = await loadMission(db, missionId);
  if (!row || !mayCoordinate(me, row.mission)) throw notFound();
  return row;
}

/** The session if `me` coordinates its mission (or is staff); otherwise NOT_FOUND. */
export async function sessionFor(db: Db | Tx, me: Caller, sessionId: string) {
  const row = await loadSession(db, sessionId);
  if (!row || !mayCoordinate(me, row.mission)) throw notFound();
  return row;
}

/** A facilitator registered on the session (on the sheet `sf`), by session and person. */
const onSession = (db: Db | Tx, sessionId: string, facilitatorId: string) =>
  db.query.sessionFacilitators.findFirst({ where: and(eq(sessionFacilitators.sessionId, sessionId), eq(sessionFacilitators.facilitatorId, facilitatorId)) });

/**
 * S: the session if `me` is staff, its mission's coordinator, or a facilitator registered on it;
 * NOT_FOUND otherwise, exactly as if it did not exist.
 */
export async function sessionForStaff(db: Db | Tx, me: Caller, sessionId: string) {
  const row = await loadSession(db, sessionId);
  if (!row) throw notFound();
  if (mayCoordinate(me, row.mission)) return row;
  if (!(await onSession(db, sessionId, me.facilitatorId))) throw notFound();
  return row;
}

/** The session if `me` is registered on it as a facilitator (coordinator included); NOT_FOUND otherwise. */
export async function sessionForRegistered(db: Db | Tx, me: Caller, sessionId: string) {
  const row = await loadSession(db, sessionId);
  if (!row || !(await onSession(db, sessionId, me.facilitatorId))) throw notFound();
  return row;
}

/** The session's location as the API shows it. */
export function locationOf(s: SessionRow) {
  return s.locationMode === 'online' ? { mode: 'online' as const, url: s.url ?? '' } : { mode: 'onsite' as const, address: s.address ?? '' };
}

/** Display values of a session for emails (no secrets). */
export function sessionInfo(s: SessionRow) {
  return { kind: s.kind, title: s.title, startsAt: s.startsAtIso, endsAt: s.endsAtIso, timezone: s.timezone, location: locationOf(s) };
}

/** What every answer says of a session: its display values, language and status. */
export function sessionView(s: SessionRow) {
  return { ...sessionInfo(s), language: s.language, status: s.status };
}

export { expectedFacilitators };
