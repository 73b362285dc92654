import { eq, sql } from 'drizzle-orm';
import { missions, sessions } from '../../schema/index.ts';
import type { Deps } from '../context.ts';
import type { Database, Db, Tx } from '../db.ts';
import { DomainError } from '../errors.ts';
import { missionLock, sessionClosed, waitlistOpen } from '../../domain/rules.ts';

/**
 * Registrations that cannot succeed, answered without the write lane's work (issue 19).
 *
 * In a signup storm the seats go in the first few dozen registrations; every later one would wait its turn in
 * the single write lane only to hear `session_full`. This board remembers, per process and per signup secret,
 * that the lane's last answer for it was a refusal that lasts (`session_full`, `session_cancelled`,
 * `session_ended`, `mission_closed`), noted as soon as the lane gives it. The note is only a hint: a registration for a noted secret is refused only when one read proves it — the session still
 * cancelled, ended or closed, or all its seats taken while this person is neither registered nor waiting,
 * does not ask for an open waiting list, and the session is under its hourly pace (else the lane answers
 * `rate_limited`). Before the lane (`refuseEarly`) the read is taken after the request arrived, on committed
 * rows, capacity and count in one statement: a `session_full` from there means no seat was free at that
 * moment, whatever another process did before. Inside the lane (`refuseIfFull`, in the registration's own
 * transaction) it sees the rows of the transactions grouped before it, as the conditional INSERT would. Any
 * doubt (a free seat, an unknown secret, anything else) → the usual path decides, and a free seat forgets
 * the note.
 */
const REFUSALS = new Set(['session_full', 'session_cancelled', 'session_ended', 'mission_closed']);
/** Notes kept per process at most (the oldest goes first): bounded memory, whatever secrets strangers send. */
const MAX_NOTES = 10_000;

const notes = new WeakMap<Database, Set<string>>();

function notesOf(database: Database): Set<string> {
  let set = notes.get(database);
  if (!set) notes.set(database, (set = new Set()));
  return set;
}

type Input = { code?: string; token?: string; name: string; email: string; waitlist?: boolean };
/** What participants.ts hands over, so this file does not import the service. */
interface Register {
  /** The signup secret's session (`signupTarget`): throws `invalid_token` as the lane would. */
  target: (db: Db, input: Input, now: number) => Promise<{ token: { purpose: string; email: string | null }; session: { id: string } }>;
  /** New registrations per session and rolling hour (`REGISTRATIONS_PER_SESSION_HOUR`): above it the lane says `rate_limited`. */
  pace: number;
}

/** Throws the refusal when one read proves the registration cannot succeed now; returns to go through the lane. */
export async function refuseEarly(deps: Deps, input: Input, now: number, register: Register): Promise<void> {
  const key = input.code ?? input.token;
  if (!key || !notesOf(deps.database).has(key)) return;
  const { token, session } = await register.target(deps.database.db, input, now);
  const email = token.purpose === 'participant_invite' && token.email ? token.email : input.email;
  await refuseIfFull(deps, deps.database.db, { ...input, email }, session.id, now, register.pace);
}

/**
 * The same proof on `db`: outside the lane on committed rows (`refuseEarly`), or inside a registration's
 * transaction, where it sees the rows of the transactions grouped before it: one statement instead of the
 * four a refused registration reads before its conditional INSERT. Only for a noted secret; `input.email` is
 * the address that would register.
 */
export async function refuseIfFull(deps: Deps, db: Db | Tx, input: Input, sessionId: string, now: number, pace: number): Promise<void> {
  const key = input.code ?? input.token;
  const noted = notesOf(deps.database);
  if (!key || !noted.has(key)) return;
  // The session, its mission and its counts in one statement: one snapshot.
  const [row] = await db
    .select({
      session: sessions,
      mission: missions,
      registered: sql<number>`(SELECT count(*) FROM registrations WHERE session_id = ${sessions.id})`,
      recent: sql<number>`(SELECT count(*) FROM registrations WHERE session_id = ${sessions.id} AND registered_at > ${now - 3600_000})`,
      known: sql<number>`(EXISTS (SELECT 1 FROM registrations WHERE session_id = ${sessions.id} AND email = ${input.email})
        OR EXISTS (SELECT 1 FROM waitlist_entries WHERE session_id = ${sessions.id} AND email = ${input.email}))`,
    })
    .from(sessions)
    .innerJoin(missions, eq(missions.id, sessions.missionId))
    .where(eq(sessions.id, sessionId));
  if (!row) return;
  const closed = missionLock(row.mission) ?? sessionClosed(row.session, now);
  if (closed) throw new DomainError(closed);
  if (Number(row.registered) < row.session.capacity) {
    noted.delete(key);
    return;
  }
  // Already registered or waiting (the lane answers their registration), over the hourly pace (the lane says
  // rate_limited), or asking for an open waiting list: the lane decides.
  if (Number(row.known) || Number(row.recent) >= pace) return;
  if (input.waitlist && waitlistOpen(row.session, now, true)) return;
  throw new DomainError('session_full');
}

/**
 * Runs a registration through the lane: a lasting refusal it answers is noted, and the registrations for the
 * same secret that arrive afterwards are answered by `refuseEarly` without queueing (the note is a hint:
 * every refusal drawn from it is proven by a read).
 */
export async function notingRefusals<T>(deps: Deps, input: Input, run: () => Promise<T>): Promise<T> {
  const key = input.code ?? input.token;
  try {
    return await run();
  } catch (error) {
    if (key && error instanceof DomainError && REFUSALS.has(error.reason)) {
      const noted = notesOf(deps.database);
      if (noted.size >= MAX_NOTES) noted.delete(noted.values().next().value!);
      noted.add(key);
    }
    throw error;
  }
}
