import { eq, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { prepared } from './prepared.ts';
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
 *
 * A storm's requests all arrive before the first refusal, so the board also answers those already waiting: a lane
 * refusal starts a sweep (`sweep`: the same proof for all the waiters of a secret at once, one read taken after
 * they arrived) that answers the registrations still waiting in the lane (withdrawn before their turn,
 * `Database.write`'s `queued`) and those the HTTP fast path holds in front of tRPC (`enter`,
 * server/register-fast-path.ts), which lets at most as many go on as seats are free beyond the busy ones.
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
 * The proof's one statement (one snapshot): the session, its mission, its registrations, those after `since`
 * (the hour of the pace) and `known`, what is known of the address(es) that would register.
 */
function proof<K>(db: Db | Tx, sessionId: string | Placeholder, since: number | Placeholder, known: SQL<unknown>) {
  return db
    .select({
      session: sessions,
      mission: missions,
      registered: sql<number>`(SELECT count(*) FROM registrations WHERE session_id = ${sessions.id})`,
      recent: sql<number>`(SELECT count(*) FROM registrations WHERE session_id = ${sessions.id} AND registered_at > ${since})`,
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
  const [row] = await proof<number>(db, sessionId, now - 3600_000, sql`(EXISTS (SELECT 1 FROM registrations WHERE session_id = ${sessions.id} AND email = ${input.email})
        OR EXISTS (SELECT 1 FROM waitlist_entries WHERE session_id = ${sessions.id} AND email = ${input.email}))`);
  if (!row) return;
  const refusal = provenRefusal(row, now, { known: Number(row.known) > 0, paced: Number(row.recent) >= pace, waitlist: input.waitlist });
  if (refusal) throw new DomainError(refusal);
  if (Number(row.registered) < row.session.capacity) noted.delete(key); // a free seat forgets the note
}

/**
 * What one read proves for one registration (`refuseIfFull`, `sweep`): the session cancelled, ended or closed at
 * `now`; or `session_full` when every seat is taken and the lane would not answer otherwise — the address already
 * registered or waiting (`known`: the lane answers their registration), the hourly pace reached (`paced`: the lane
 * says rate_limited), an open waiting list asked for. Null: the lane decides.
 */
function provenRefusal(
  row: { session: typeof sessions.$inferSelect; mission: typeof missions.$inferSelect; registered: number },
  now: number,
  asked: { known: boolean; paced: boolean; waitlist?: boolean },
): Reason | null {
  const closed = missionLock(row.mission) ?? sessionClosed(row.session, now);
  if (closed) return closed;
  return Number(row.registered) < row.session.capacity || laneDecides(row.session, now, asked) ? null : 'session_full';
}

/** Whether the lane would answer this registration otherwise than `session_full`, seats or not (see `provenRefusal`). */
function laneDecides(session: typeof sessions.$inferSelect, now: number, asked: { known: boolean; paced: boolean; waitlist?: boolean }): boolean {
  return asked.known || asked.paced || (!!asked.waitlist && waitlistOpen(session, now, true));
}

/**
 * A registration waiting for its answer, which a sweep may give: in the lane for its turn (`notingRefusals`), or
 * held before tRPC by the fast path (`enter`, server/register-fast-path.ts).
 */
interface Waiter {
  input: Input;
  /** The `now` its transaction would run with (a held one: its arrival). */
  now: number;
  /** In the lane: takes it out with its refusal (false once it runs). Held: its refusal, or none (it goes on, counted busy). */
  answer: (refusal: DomainError | undefined) => boolean;
  inLane: boolean;
  /** Answered by a sweep: its refusal does not start another one. */
  swept?: boolean;
}

/**
 * Per database and secret: the registrations waiting for a sweep's verdict, and how many are busy — in the lane,
 * or let through the fast path into tRPC and not answered yet.
 */
interface Crowd {
  waiters: Set<Waiter>;
  busy: number;
}
const crowds = new WeakMap<Database, Map<string, Crowd>>();
/** Per database: the secrets being swept, and whether waiters arrived meanwhile (sweep once more). */
const sweeps = new WeakMap<Database, Map<string, boolean>>();
/** What participants.ts handed over (the same every time): for the sweeps the fast path starts. */
let registerOf: Register | undefined;

function perDatabase<V>(map: WeakMap<Database, Map<string, V>>, database: Database): Map<string, V> {
  let m = map.get(database);
  if (!m) map.set(database, (m = new Map()));
  return m;
}

function crowdOf(database: Database, key: string): Crowd {
  const all = perDatabase(crowds, database);
  let crowd = all.get(key);
  if (!crowd) all.set(key, (crowd = { waiters: new Set(), busy: 0 }));
  return crowd;
}

function join(database: Database, key: string, waiter: Waiter): void {
  const crowd = crowdOf(database, key);
  crowd.waiters.add(waiter);
  if (waiter.inLane) crowd.busy++;
  const sweeping = sweeps.get(database);
  if (sweeping?.has(key)) sweeping.set(key, true);
}

function leave(database: Database, key: string, waiter: Waiter): void {
  const crowd = crowds.get(database)?.get(key);
  if (!crowd?.waiters.delete(waiter)) return;
  if (waiter.inLane) idle(database, key);
}

/** One busy registration of `key` has its answer. */
function idle(database: Database, key: string): void {
  const crowd = crowds.get(database)?.get(key);
  if (!crowd) return;
  crowd.busy--;
  calm(database, key);
}

/** Let a held registration go on (through tRPC), counted busy until its answer. */
function release(crowd: Crowd, w: Waiter): void {
  if (!crowd.waiters.delete(w)) return;
  crowd.busy++;
  w.answer(undefined);
}

/**
 * Nobody of the secret busy and no sweep under way: the ones still held get a sweep (its verdict, or seats to try),
 * or without one (no register handed over yet) all go on. A secret nobody waits for is forgotten.
 */
function calm(database: Database, key: string, deps?: Deps): void {
  const all = crowds.get(database);
  const crowd = all?.get(key);
  if (!crowd || crowd.busy > 0 || sweeps.get(database)?.has(key)) return;
  if (!crowd.waiters.size) {
    all!.delete(key);
    return;
  }
  const d = deps ?? depsOf.get(database);
  if (d && registerOf) void sweep(d, key, registerOf, true);
  else for (const w of [...crowd.waiters]) release(crowd, w);
}
/** The deps a sweep runs with, per database (set by every registration). */
const depsOf = new WeakMap<Database, Deps>();

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
  registerOf = register;
  depsOf.set(deps.database, deps);
  const key = input.code ?? input.token;
  let waiter: Waiter | undefined;
  const queued = (withdraw: Withdraw, now: number) => {
    if (!key) return;
    waiter = { input, now, inLane: true, answer: (refusal) => refusal !== undefined && withdraw(refusal) };
    join(deps.database, key, waiter);
  };
  const done = () => waiter && leave(deps.database, key!, waiter);
  try {
    return await run(queued);
  } catch (error) {
    done();
    if (key && error instanceof DomainError && REFUSALS.has(error.reason)) {
      const noted = notesOf(deps.database);
      if (noted.size >= MAX_NOTES) noted.delete(noted.values().next().value!);
      noted.add(key);
      if (!waiter?.swept) void sweep(deps, key, register);
    }
    throw error;
  } finally {
    done();
  }
}

/** What the fast path does with a registration: answer its proven refusal, or let it go on and call `done` once answered. */
export type Entry = { refusal: DomainError } | { refusal?: undefined; done: () => void };

/**
 * For the fast path in front of tRPC (server/register-fast-path.ts). A registration that arrives while others of
 * its secret are busy (in the lane, or in tRPC on their way to it), or for a noted secret, is held here instead of
 * entering tRPC: the next sweep (one read of committed rows, taken after it arrived) either proves its refusal —
 * answered at once, as for those in the lane — or finds seats free and lets that many held ones go on (the others
 * stay held for the next sweep, which comes once those are answered), or cannot decide for it (its address
 * already known, a waiting list open, the hourly pace reached…) and lets it go on. A registration nothing holds
 * goes on at once. Every one that goes on is busy until its `done`.
 */
export function enter(deps: Deps, input: Input, now: number): Entry | Promise<Entry> {
  const key = input.code ?? input.token;
  const database = deps.database;
  if (!key) return { done: () => undefined };
  depsOf.set(database, deps);
  const crowd = crowdOf(database, key);
  const done = () => idle(database, key);
  if (crowd.busy === 0 && !crowd.waiters.size && !notesOf(database).has(key)) {
    crowd.busy++;
    return { done };
  }
  return new Promise((resolve) => {
    join(database, key, { input, now, inLane: false, answer: (refusal) => (resolve(refusal ? { refusal } : { done }), true) });
    calm(database, key, deps);
  });
}

/**
 * The proof for a sweep: which of the waiters' addresses (`emails`, a JSON array) are registered or waiting, all at
 * once through the (session, email) unique indexes; prepared once per `db`.
 */
const sweepProof = prepared((db) =>
  proof<string>(db, sql.placeholder('sessionId'), sql.placeholder('since'), sql`(SELECT json_group_array(email) FROM
    (SELECT email FROM registrations WHERE session_id = ${sessions.id} AND email IN (SELECT value FROM json_each(${sql.placeholder('emails')}))
     UNION ALL SELECT email FROM waitlist_entries WHERE session_id = ${sessions.id} AND email IN (SELECT value FROM json_each(${sql.placeholder('emails')}))))`).prepare(),
);

/**
 * Answers the registrations waiting for `key` whose refusal one read proves: the session cancelled, ended or
 * closed at their `now`, or all its seats taken while their address is neither registered nor waiting, they do
 * not ask for an open waiting list and the session is under its hourly pace — the checks `refuseIfFull` makes, on
 * committed rows read in one statement after every one of them arrived, so each refusal is true at that instant.
 * A free seat forgets the note and answers none; held ones (`enter`) go on, as many as seats are free beyond the
 * busy registrations that may take them (the rest wait for the next sweep), and those it cannot decide for. A waiter already taken into a transaction is left to
 * it (its withdrawal says false). At most one sweep per secret at a time; waiters that arrive meanwhile get one more.
 */
async function sweep(deps: Deps, key: string, register: Register, gather = false): Promise<void> {
  const database = deps.database;
  const running = perDatabase(sweeps, database);
  if (running.has(key)) {
    running.set(key, true);
    return;
  }
  running.set(key, false);
  try {
    // Started by an arrival held in front of tRPC: one turn of the event loop first, so that the requests arriving
    // together are swept together. Started by a lane refusal: at once, while the lane still holds the others (on the
    // embedded client the lane runs on microtasks alone, and could drain before the next turn).
    if (gather) await new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
    for (let again = true; again; ) {
      running.set(key, false);
      const crowd = crowds.get(database)?.get(key);
      if (!crowd?.waiters.size) return;
      const batch = [...crowd.waiters];
      // Later than every waiter's arrival: a token usable now was usable at their `now`.
      const now = deps.clock.now();
      const { token, session } = await register.target(database.db, batch[0].input, now);
      const emailOf = (w: Waiter) => (token.purpose === 'participant_invite' && token.email ? token.email : w.input.email);
      const emails = JSON.stringify([...new Set(batch.map(emailOf))]);
      const [row] = await sweepProof(database.db).all({ sessionId: session.id, since: Math.min(...batch.map((w) => w.now)) - 3600_000, emails });
      if (!row) throw new Error('no session');
      const free = row.session.capacity - Number(row.registered);
      // As `refuseIfFull`: a free seat forgets the note, unless the session is closed anyway.
      if (free > 0 && !(missionLock(row.mission) ?? sessionClosed(row.session, now))) notesOf(database).delete(key);
      // Over the hourly pace (from the earliest waiter's hour): the lane answers rate_limited, not session_full.
      const paced = Number(row.recent) >= register.pace;
      const known = new Set<string>(JSON.parse(row.known));
      // Each busy registration of the secret (in the lane, or let through earlier and not answered yet) may take a seat.
      let seats = free - crowd.busy;
      for (const w of batch) {
        const asked = { known: known.has(emailOf(w)), paced, waitlist: w.input.waitlist };
        const refusal = provenRefusal(row, w.now, asked);
        if (refusal) {
          w.swept = true;
          if (!w.answer(new DomainError(refusal))) w.swept = false;
          else if (!w.inLane) crowd.waiters.delete(w);
        } else if (!w.inLane && (laneDecides(row.session, w.now, asked) || seats-- > 0)) release(crowd, w);
      }
      again = running.get(key)!;
    }
  } catch {
    // Any doubt (the secret no longer valid, the database not answering…): the lane (or tRPC) answers each of them.
    const crowd = crowds.get(database)?.get(key);
    for (const w of [...(crowd?.waiters ?? [])]) if (!w.inLane) release(crowd!, w);
  } finally {
    running.delete(key);
    calm(database, key, deps);
  }
}
