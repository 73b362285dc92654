import { auditLog } from '../../schema/index.ts';
import type { Reason } from '../../domain/reasons.ts';
import { missionLock, sessionClosed } from '../../domain/rules.ts';
import type { Deps } from '../context.ts';
import type { Db, Tx, Withdraw } from '../db.ts';
import { DomainError } from '../errors.ts';
import { missionFor, sessionFor, sessionForRegistered, sessionForStaff, type MissionRow, type SessionAccess, type SessionRow } from './access.ts';
import type { Caller } from './identity.ts';

/**
 * The one way to open a write on a mission or a session (issue 14: guards by structure). Every write
 * service goes through `writeMission`, `writeSession` or `writeByToken`, which in this order:
 * 1. (by id) load the row and check access on a read, outside the write lane, so a stranger's NOT_FOUND
 *    never waits behind writes;
 * 2. inside the write transaction, load the row again and check access (NOT_FOUND, as if it did not exist);
 * 3. check the lock: by default the mission is not closed (`mission_closed`); a service may name a lock that
 *    includes it (`sessionTakesPeople`, the day windows of domain/rules.ts `dayRefusal`) or, where API.md
 *    keeps a write open after closing, `unlocked` or a lock of its own (follow-up, survey, invoicing);
 * 4. run the service's `fn(tx, row, w)`; `w.audit(action, detail)` writes the audit row of a money action;
 * 5. after the commit, kick the outbox when the service queued emails (`kick: true`).
 * Which procedure is exempt from the lock, and why, is listed in test/server/closing.test.ts.
 */

/** A refusal from a lock: the reason, and `opensAt` for a window not yet open. */
export type Refusal = { reason: Reason; opensAt?: number } | Reason | null;
type Lock<R> = (row: R, now: number) => Refusal;

export interface WriteOptions<R, T = unknown> {
  /** The lock checked after access; by default the closed-mission lock. */
  lock?: Lock<R>;
  /** Kick the outbox after the commit (the service queued emails), always or when its result says so. */
  kick?: boolean | ((result: T) => boolean);
  /** Receives, while the write waits in the lane, a way to answer it without its turn (`Database.write`), and the write's `now`. */
  queued?: (withdraw: Withdraw, now: number) => void;
}

/** What `fn` receives beside the transaction and the row. */
export interface WriteContext {
  now: number;
  /** Writes an append-only audit row for this mission, in the same transaction. */
  audit(action: string, detail: unknown): Promise<void>;
}

/** The closed-mission lock, the default of every write. */
export const missionLocked = <R extends { mission: MissionRow }>(row: R): Refusal => missionLock(row.mission);

/** The closed-mission lock, then the session's openness: a write that brings someone onto a session. */
export const sessionTakesPeople = (row: { mission: MissionRow; session: SessionRow }, now: number): Refusal => missionLock(row.mission) ?? sessionClosed(row.session, now);

/** No lock: for the writes API.md keeps open after closing (follow-up, survey, leaving a waiting list). */
export const unlocked = (): Refusal => null;

function refuse(refusal: Refusal) {
  if (!refusal) return;
  if (typeof refusal === 'string') throw new DomainError(refusal);
  throw new DomainError(refusal.reason, refusal.opensAt === undefined ? {} : { opensAt: new Date(refusal.opensAt).toISOString() });
}

/** An append-only audit row (money-related actions), in the caller's transaction. */
export async function audit(tx: Tx, now: number, actorId: string, action: string, missionId: string | null, detail: unknown) {
  await tx.insert(auditLog).values({ id: crypto.randomUUID(), at: now, actorId, action, missionId, detail: JSON.stringify(detail) });
}

async function guarded<R extends { mission: MissionRow }, T>(
  deps: Deps,
  me: Caller | null,
  load: (db: Db | Tx, now: number) => Promise<R>,
  fn: (tx: Tx, row: R, w: WriteContext) => Promise<T>,
  options: WriteOptions<R, T> & { precheck: boolean },
): Promise<T> {
  const now = deps.clock.now();
  if (options.precheck) await load(deps.database.db, now);
  const result = await deps.database.write(async (tx) => {
    const row = await load(tx, now);
    refuse((options.lock ?? missionLocked)(row, now));
    return fn(tx, row, {
      now,
      audit: (action, detail) => audit(tx, now, me?.facilitatorId ?? '', action, row.mission.id, detail),
    });
  }, options.queued && ((withdraw) => options.queued!(withdraw, now)));
  if (typeof options.kick === 'function' ? options.kick(result) : options.kick) deps.kickOutbox?.();
  return result;
}

/** A write on a mission its coordinator (or staff) changes. */
export function writeMission<T>(
  deps: Deps,
  me: Caller,
  missionId: string,
  fn: (tx: Tx, row: Awaited<ReturnType<typeof missionFor>>, w: WriteContext) => Promise<T>,
  options: WriteOptions<Awaited<ReturnType<typeof missionFor>>, T> = {},
) {
  return guarded(deps, me, (db) => missionFor(db, me, missionId), fn, { ...options, precheck: true });
}

/**
 * Who may write on a session: its mission's coordinator or staff (`coordinator`, the default), or also a
 * facilitator registered on it (`team`, the attendance sheet), or only a facilitator registered on it
 * (`registered`, leaving it).
 */
const ACCESS = { coordinator: sessionFor, team: sessionForStaff, registered: sessionForRegistered } as const;

/** A write on a session, by the people `access` names. */
export function writeSession<T>(
  deps: Deps,
  me: Caller,
  sessionId: string,
  fn: (tx: Tx, row: SessionAccess, w: WriteContext) => Promise<T>,
  options: WriteOptions<SessionAccess, T> & { access?: keyof typeof ACCESS } = {},
) {
  const access = ACCESS[options.access ?? 'coordinator'];
  return guarded(deps, me, (db) => access(db, me, sessionId), fn, { ...options, precheck: true });
}

/**
 * A write reached through a link's secret (join, register, cancel, check in): `resolve` finds the row
 * from the token inside the transaction (`invalid_token` otherwise) and checks whose it is.
 */
export function writeByToken<R extends { mission: MissionRow }, T>(
  deps: Deps,
  me: Caller | null,
  resolve: (tx: Tx, now: number) => Promise<R>,
  fn: (tx: Tx, row: R, w: WriteContext) => Promise<T>,
  options: WriteOptions<R, T> = {},
) {
  return guarded(deps, me, (db, now) => resolve(db as Tx, now), fn, { ...options, precheck: false });
}
