import { eq, sql } from 'drizzle-orm';
import { missions, sessions } from '../../schema/index.ts';
import type { Deps } from '../context.ts';
import type { Database, Db } from '../db.ts';
import { DomainError } from '../errors.ts';
import { assertMissionOpen, assertSessionOpen } from './access.ts';
import { waitlistOpen } from './waitlist.ts';

/**
 * Registrations that cannot succeed, answered without waiting in the write lane (issue 19).
 *
 * In a signup storm the seats go in the first few dozen registrations; every later one would wait its turn in
 * the single write lane only to hear `session_full`. This board remembers, per process and per signup secret,
 * that the lane's last answer for it was a refusal that lasts (`session_full`, `session_cancelled`,
 * `session_ended`, `mission_closed`): it is noted once that answer's transaction has committed. A
 * registration for a noted secret is then checked by one read (no lane) and refused at once when that read
 * proves it: the session still cancelled/ended/closed, or its seats all taken, this person neither registered
 * nor waiting, not asking for an open waiting list, the session under its hourly pace (else the lane answers
 * `rate_limited`). The read is taken after the request arrived, on committed rows, with the capacity and
 * the count in one statement: a `session_full` from here means no seat was free at that moment, whatever
 * another process did before. Any doubt (a free seat, an unknown secret, anything else) → the lane decides,
 * and a free seat forgets the note.
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
  const noted = notesOf(deps.database);
  if (!key || !noted.has(key)) return;
  const { db } = deps.database;
  const { token, session } = await register.target(db, input, now);
  const email = token.purpose === 'participant_invite' && token.email ? token.email : input.email;
  // The session, its mission's status and its counts in one statement: one snapshot of committed rows.
  const [row] = await db
    .select({
      session: sessions,
      mission: missions,
      registered: sql<number>`(SELECT count(*) FROM registrations WHERE session_id = ${sessions.id})`,
      recent: sql<number>`(SELECT count(*) FROM registrations WHERE session_id = ${sessions.id} AND registered_at > ${now - 3600_000})`,
      known: sql<number>`(EXISTS (SELECT 1 FROM registrations WHERE session_id = ${sessions.id} AND email = ${email})
        OR EXISTS (SELECT 1 FROM waitlist_entries WHERE session_id = ${sessions.id} AND email = ${email}))`,
    })
    .from(sessions)
    .innerJoin(missions, eq(missions.id, sessions.missionId))
    .where(eq(sessions.id, session.id));
  if (!row) return;
  assertMissionOpen(row.mission);
  assertSessionOpen(row.session, now);
  if (Number(row.registered) < row.session.capacity) {
    noted.delete(key);
    return;
  }
  if (Number(row.known) || Number(row.recent) >= register.pace) return;
  if (input.waitlist && waitlistOpen(row.session, now, true)) return;
  throw new DomainError('session_full');
}

/** Notes the lane's answer for this secret once it has settled (after its COMMIT): a lasting refusal, or not. */
export async function noteAnswer<T>(deps: Deps, input: Input, answer: Promise<T>): Promise<T> {
  const key = input.code ?? input.token;
  if (!key) return answer;
  const noted = notesOf(deps.database);
  try {
    return await answer;
  } catch (error) {
    if (error instanceof DomainError && REFUSALS.has(error.reason)) {
      if (noted.size >= MAX_NOTES) noted.delete(noted.values().next().value!);
      noted.add(key);
    }
    throw error;
  }
}
