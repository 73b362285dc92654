import { eq, sql, type SQL } from 'drizzle-orm';
import { missions, sessions } from '../../schema/index.ts';
import type { Deps } from '../context.ts';
import type { Database, Db, Tx, Withdraw } from '../db.ts';
import { DomainError } from '../errors.ts';
import type { Reason } from '../../domain/reasons.ts';
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
 * The proof's one statement (one snapshot): the session, its mission, its registrations, those of the hour
 * before `now` (the pace) and `known`, what is known of the address(es) that would register.
 */
function proof<K>(db: Db | Tx, sessionId: string, now: number, known: SQL<unknown>) {
  return db
    .select({
      session: sessions,
      mission: missions,
      registered: sql<number>`(SELECT count(*) FROM registrations WHERE session_id = ${sessions.id})`,
      recent: sql<number>`(SELECT count(*) FROM registrations WHERE session_id = ${sessions.id} AND registered_at > ${now - 3600_000})`,
      known: known.mapWith((v) => v as K),
    })
    .from(sessions)
    .innerJoin(missions, eq(missions.id, sessions.missionId))
    .where(eq(sessions.id, sessionId));
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
  const [row] = await proof<number>(db, sessionId, now, sql`(EXISTS (SELECT 1 FROM registrations WHERE session_id = ${sessions.id} AND email = ${input.email})
        OR EXISTS (SELECT 1 FROM waitlist_entries WHERE session_id = ${sessions.id} AND email = ${input.email}))`);
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

/** A registration waiting in the lane for its turn, which a sweep may answer (see `notingRefusals`). */
interface Waiter {
  input: Input;
  /** The `now` its transaction would run with. */
  now: number;
  withdraw: Withdraw;
  /** Answered by a sweep: its refusal does not start another one. */
  swept?: boolean;
}

/** Per database: the registrations waiting in the lane, per secret. */
const waiting = new WeakMap<Database, Map<string, Set<Waiter>>>();
/** Per database: the secrets being swept, and whether waiters arrived meanwhile (sweep once more). */
const sweeps = new WeakMap<Database, Map<string, boolean>>();

function perDatabase<V>(map: WeakMap<Database, Map<string, V>>, database: Database): Map<string, V> {
  let m = map.get(database);
  if (!m) map.set(database, (m = new Map()));
  return m;
}

/**
 * Runs a registration through the lane: a lasting refusal it answers is noted, and the registrations for the
 * same secret that arrive afterwards are answered by `refuseEarly` without queueing (the note is a hint:
 * every refusal drawn from it is proven by a read).
 *
 * In a storm every registration is already waiting in the lane when the first refusal comes (they all arrive
 * before the first group commits), so a lane refusal also starts a sweep of the registrations still waiting for
 * the same secret: one read of committed rows, taken after each of them arrived (`sweep`), proves which ones are
 * refused at that instant, and those are answered at once with that refusal, taken out of the lane before their
 * turn (`Database.write`'s `queued`): no transaction, no savepoint, no statement of their own. `run` receives
 * the `queued` callback to hand to the write (`WriteOptions.queued`).
 */
export async function notingRefusals<T>(
  deps: Deps,
  input: Input,
  register: Register,
  run: (queued: (withdraw: Withdraw, now: number) => void) => Promise<T>,
): Promise<T> {
  const key = input.code ?? input.token;
  let waiter: Waiter | undefined;
  const queued = (withdraw: Withdraw, now: number) => {
    if (!key) return;
    waiter = { input, now, withdraw };
    const all = perDatabase(waiting, deps.database);
    let set = all.get(key);
    if (!set) all.set(key, (set = new Set()));
    set.add(waiter);
    const sweeping = sweeps.get(deps.database);
    if (sweeping?.has(key)) sweeping.set(key, true);
  };
  const leave = () => {
    if (!waiter) return;
    const all = waiting.get(deps.database);
    const set = all?.get(key!);
    set?.delete(waiter);
    if (set && !set.size) all!.delete(key!);
  };
  try {
    return await run(queued);
  } catch (error) {
    leave();
    if (key && error instanceof DomainError && REFUSALS.has(error.reason)) {
      const noted = notesOf(deps.database);
      if (noted.size >= MAX_NOTES) noted.delete(noted.values().next().value!);
      noted.add(key);
      if (!waiter?.swept) void sweep(deps, key, register);
    }
    throw error;
  } finally {
    leave();
  }
}

/**
 * Answers the registrations waiting in the lane for `key` whose refusal one read proves: the session cancelled,
 * ended or closed at their `now`, or all its seats taken while their address is neither registered nor waiting,
 * they do not ask for an open waiting list and the session is under its hourly pace — the checks `refuseIfFull`
 * makes, on committed rows read in one statement after every one of them arrived, so each refusal is true at that
 * instant. A free seat forgets the note and answers none. A waiter already taken into a transaction is left to it
 * (`withdraw` says false). At most one sweep per secret at a time; waiters that arrive meanwhile get one more.
 */
async function sweep(deps: Deps, key: string, register: Register): Promise<void> {
  const database = deps.database;
  const running = perDatabase(sweeps, database);
  if (running.has(key)) {
    running.set(key, true);
    return;
  }
  running.set(key, false);
  try {
    for (let again = true; again; ) {
      running.set(key, false);
      const set = waiting.get(database)?.get(key);
      if (!set?.size) return;
      const batch = [...set];
      // Later than every waiter's arrival: a token usable now was usable at their `now`.
      const now = deps.clock.now();
      const { token, session } = await register.target(database.db, batch[0].input, now);
      // Every address registered or waiting, for all the waiters at once.
      const [row] = await proof<string>(database.db, session.id, Math.min(...batch.map((w) => w.now)), sql`(SELECT json_group_array(email) FROM
        (SELECT email FROM registrations WHERE session_id = ${sessions.id} UNION ALL SELECT email FROM waitlist_entries WHERE session_id = ${sessions.id}))`);
      if (!row) return;
      const full = Number(row.registered) >= row.session.capacity;
      // As `refuseIfFull`: a free seat forgets the note, unless the session is closed anyway.
      if (!full && !(missionLock(row.mission) ?? sessionClosed(row.session, now))) notesOf(database).delete(key);
      // Over the hourly pace (from the earliest waiter's hour): the lane answers rate_limited, not session_full.
      const paced = Number(row.recent) >= register.pace;
      const known = new Set<string>(JSON.parse(row.known));
      for (const w of batch) {
        const closed = missionLock(row.mission) ?? sessionClosed(row.session, w.now);
        let refusal: Reason | null = closed;
        if (!refusal && full && !paced) {
          const email = token.purpose === 'participant_invite' && token.email ? token.email : w.input.email;
          if (!known.has(email) && !(w.input.waitlist && waitlistOpen(row.session, w.now, true))) refusal = 'session_full';
        }
        if (!refusal) continue;
        w.swept = true;
        if (!w.withdraw(new DomainError(refusal))) w.swept = false;
      }
      again = running.get(key)!;
    }
  } catch {
    // Any doubt (the secret no longer valid, the database not answering…): the lane answers each of them.
  } finally {
    running.delete(key);
  }
}
