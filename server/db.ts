// The database and its single write lane (about 330 lines). One file because the lane's parts share the
// `Database` class's private state: the queue and its bound, the group commit (savepoints inside one
// transaction, settled after the COMMIT, replayed alone on an unexpected failure), the timeout and the BUSY
// retries, and the reconnection that replaces the client under them.
import type { Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from '../schema/index.ts';
import { DomainError } from './errors.ts';

export type Db = LibSQLDatabase<typeof schema>;
/** What a write transaction receives: the same query builder, bound to the transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Driver errors that mean "the database is not reachable", not "the input is wrong". */
export function isDatabaseDown(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    const text = `${String(e.code ?? '')} ${String(e.message ?? '')}`;
    if (/SQLITE_(CANTOPEN|IOERR|NOTADB|CORRUPT|PERM|READONLY)|ConnectionFailed|CLIENT_CLOSED|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|fetch failed|database is closed|SERVER_ERROR|HTTP status 5\d\d|Service Unavailable/i.test(text)) return true;
  }
  return false;
}

/** SQLITE_BUSY: another connection (another process on the same file) holds the write lock. */
export function isBusy(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (/SQLITE_BUSY|database is locked/i.test(`${String(e.code ?? '')} ${String(e.message ?? '')}`)) return true;
  }
  return false;
}

/** The write lane's bounds (see `Database.write`). */
export interface WriteLaneLimits {
  /** Transactions waiting or running at most; one more answers 503 database_unavailable at once. */
  maxQueue: number;
  /** A transaction still unsettled after this long answers 503 and frees the lane for the next one. */
  txTimeoutMs: number;
  /** Retries of a transaction refused with SQLITE_BUSY, after a short jittered pause each. */
  busyRetries: number;
  /**
   * Group commit (embedded `file:` only): write transactions waiting in the lane when it frees commit together,
   * at most this many in one transaction (default 64; 1 turns group commit off).
   */
  groupMax?: number;
  /** A group takes no new member once it has run this long (default 25 ms): the first members' answers wait for its COMMIT. */
  groupBudgetMs?: number;
}

/**
 * 2,000 waiting writes: above a signup storm (1,000 simultaneous registrations, bench/storm.mjs), which must
 * end in registrations and `session_full`, not 503s; below what would hold memory or time unbounded (at
 * ~1 ms per write transaction the last one waits about two seconds).
 */
export const DEFAULT_WRITE_LANE: WriteLaneLimits = { maxQueue: 2000, txTimeoutMs: 10_000, busyRetries: 3, groupMax: 64, groupBudgetMs: 25 };

/** A write waiting in the lane, with its caller's promise. */
interface Pending {
  fn: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Takes a write out of the lane while it still waits (it never runs) and rejects its promise with `error`;
 * false once it has been taken into a transaction (its answer then comes from there).
 */
export type Withdraw = (error: unknown) => boolean;

/** What one member of a group answers once the group has committed. */
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Thrown out of a group when one of its members ran past `txTimeoutMs` (that member has answered 503 already). */
class MemberTimedOut extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A client that fails every call: stands in while the real one cannot be opened. */
function unavailableClient(error: unknown): Client {
  const fail = () => Promise.reject(error);
  return {
    execute: fail,
    batch: fail,
    migrate: fail,
    transaction: fail,
    executeMultiple: fail,
    sync: fail,
    close: () => undefined,
    reconnect: fail,
    closed: true,
    protocol: 'file',
  } as unknown as Client;
}

/**
 * The database with its single write lane and its reconnection.
 *
 * Writes: on an embedded libSQL file a second concurrent `BEGIN IMMEDIATE` fails at once with SQLITE_BUSY
 * (DESIGN.md), so every write transaction of this process goes through one async queue; reads do not wait.
 * Capacity rules still use one conditional statement plus unique constraints, so they hold across
 * processes and on Turso too.
 *
 * Availability: `connect` opens a client; when it fails or the database stops answering, calls fail fast
 * (the API answers 503 `database_unavailable`), and the next health check or request reconnects and
 * re-runs `prepare` (migrations) — no hang, recovery when the database comes back.
 */
export class Database {
  private current!: { client: Client; db: Db };
  private prepared: Promise<void> | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly waiting: Pending[] = [];
  private pumping = false;
  private queued = 0;
  /** Counts statements sent, for the no-N+1 test and the benchmarks. */
  statements = 0;
  /** Write transactions settled (committed or not): the answer caches' check (services/answer-cache.ts). */
  writes = 0;

  constructor(
    private readonly connect: () => Client,
    private readonly prepare: (db: Db, client: Client) => Promise<void> = async () => {},
    private readonly lane: WriteLaneLimits = DEFAULT_WRITE_LANE,
  ) {
    this.open();
  }

  private open(): void {
    let client: Client;
    try {
      client = this.connect();
    } catch (error) {
      client = unavailableClient(error);
    }
    const db = drizzle(client, { schema, logger: { logQuery: () => void this.statements++ } });
    this.current = { client, db };
    this.prepared = null;
  }

  get db(): Db {
    return this.current.db;
  }

  get client(): Client {
    return this.current.client;
  }

  /** Runs migrations once per connection; throws when the database cannot be reached. */
  ready(): Promise<void> {
    if (!this.prepared) {
      const { db, client } = this.current;
      this.prepared = this.prepare(db, client).catch((error) => {
        this.prepared = null;
        throw error;
      });
    }
    return this.prepared;
  }

  /** Drops the connection so the next use opens a new one (after a driver error that means "down"). */
  reset(): void {
    try {
      this.current.client.close();
    } catch {
      // already closed
    }
    this.open();
  }

  /**
   * Runs `fn` in a write transaction, after every write transaction queued before it. Bounded: a full
   * queue answers `database_unavailable` at once (back-pressure, not an unbounded backlog); a transaction
   * that does not settle in `txTimeoutMs` (a hanging Turso fetch) answers the same and lets the next one
   * go; SQLITE_BUSY (another process on the same `file:`) is retried a few times after a jittered pause.
   *
   * Group commit: when transactions wait behind one another on the embedded file, the lane runs the waiting
   * ones in one transaction (`BEGIN IMMEDIATE` once, one `COMMIT`, a single fsync), each inside its own
   * SAVEPOINT, in arrival order, so each sees the rows of those before it (a conditional
   * `INSERT … WHERE count < capacity` stays exact). Each keeps its own answer: its value, or its DomainError
   * after rolling back to its savepoint; every promise settles only once the COMMIT has returned. Anything
   * else (a driver error, a bug, the COMMIT itself) rolls the whole group back and its members run again one
   * by one, alone, as they would have without grouping. Remote (Turso) clients never group: there every
   * SAVEPOINT and RELEASE is a round trip, more than the BEGIN and COMMIT it would save.
   *
   * `queued` (grouping lanes only) receives, at once, a `Withdraw` for this write: a caller that proves, while the
   * write still waits, that its answer is a refusal (services/refusal-board.ts: a session found full after a
   * commit) answers it without its turn; the write never runs.
   */
  write<T>(fn: (tx: Tx) => Promise<T>, queued?: (withdraw: Withdraw) => void): Promise<T> {
    if (this.queued >= this.lane.maxQueue) return Promise.reject(new DomainError('database_unavailable'));
    this.queued++;
    this.laneStats.entered++;
    if (!this.grouping()) {
      // One by one, each chained on the one before (on Workers each continues from its own request's promise).
      const run = this.tail.then(() => this.attempt(fn)).finally(() => (this.queued--, this.writes++));
      this.tail = run.catch(() => undefined);
      return run;
    }
    return new Promise<T>((resolve, reject) => {
      const member: Pending = {
        fn,
        resolve: (value) => {
          this.queued--;
          this.writes++;
          resolve(value as T);
        },
        reject: (error) => {
          this.queued--;
          this.writes++;
          reject(error);
        },
      };
      this.waiting.push(member);
      queued?.((error) => {
        // Only while it waits: once taken into a group (or run alone) it has its answer from there.
        const i = this.waiting.indexOf(member);
        if (i < 0) return false;
        this.waiting.splice(i, 1);
        this.queued--; // it wrote nothing: `writes` (the answer caches' check) does not move
        this.laneStats.withdrawn++;
        reject(error);
        return true;
      });
      if (!this.pumping) {
        this.pumping = true;
        // Started after the write before it, on a later microtask, so that writes issued together wait for it together.
        this.tail = this.tail.then(() => this.pump()).catch(() => undefined);
      }
    });
  }

  /**
   * For the tests and the benchmarks: transactions that entered the lane, that committed (a member refused with
   * its DomainError inside a group counts too), the groups and how many members shared their COMMIT, the
   * groups that failed and ran again one by one, and the transactions withdrawn while they waited (answered
   * without running, see `write`'s `queued`).
   */
  readonly laneStats = { entered: 0, commits: 0, groups: 0, grouped: 0, fallbacks: 0, withdrawn: 0 };

  private async pump(): Promise<void> {
    try {
      while (this.waiting.length) {
        // A transaction alone on the embedded file runs to its COMMIT without yielding (the thin client is
        // synchronous): one turn of the event loop first lets the requests already arrived join its group.
        if (this.waiting.length === 1 && this.grouping()) {
          await new Promise((resolve) => setImmediate(resolve));
          if (!this.waiting.length) break; // withdrawn meanwhile (`write`'s `queued`)
        }
        if (this.waiting.length > 1 && this.grouping()) await this.group();
        else await this.alone(this.waiting.shift()!);
      }
    } finally {
      this.pumping = false;
    }
  }

  private grouping(): boolean {
    return (this.lane.groupMax ?? DEFAULT_WRITE_LANE.groupMax!) > 1 && this.current.client.protocol === 'file';
  }

  private async alone(member: Pending): Promise<void> {
    try {
      const value = await this.attempt(member.fn);
      this.laneStats.commits++;
      member.resolve(value);
    } catch (error) {
      member.reject(error);
    }
  }

  /** Runs the waiting transactions in one (see `write`); settles each member's promise after the COMMIT. */
  private async group(): Promise<void> {
    const max = this.lane.groupMax ?? DEFAULT_WRITE_LANE.groupMax!;
    const budget = this.lane.groupBudgetMs ?? DEFAULT_WRITE_LANE.groupBudgetMs!;
    const taken: Pending[] = [];
    const outcomes: Outcome[] = [];
    const started = performance.now();
    try {
      await this.db.transaction(async (tx) => {
        while (this.waiting.length && taken.length < max && (taken.length === 0 || performance.now() - started < budget)) {
          const member = this.waiting.shift()!;
          taken.push(member);
          try {
            outcomes.push({ ok: true, value: await this.memberWithTimeout(member, tx.transaction(member.fn)) });
          } catch (error) {
            // Its own refusal (session_full…): its savepoint is rolled back, the others go on.
            if (error instanceof DomainError) outcomes.push({ ok: false, error });
            else throw error;
          }
        }
      });
    } catch (error) {
      // Nothing of the group is committed. A BEGIN refused before any member ran (SQLITE_BUSY, database down):
      // the first waiting transaction runs alone, with its own busy retries and its own answer.
      if (!taken.length) {
        const first = this.waiting.shift(); // none when every waiting write was withdrawn meanwhile
        return first && this.alone(first);
      }
      if (!(error instanceof MemberTimedOut)) console.error(`[db] group of ${taken.length} write transactions failed (${(error as Error)?.message}); running them one by one`);
      this.laneStats.fallbacks++;
      for (const member of taken) if (!this.timedOut.has(member)) await this.alone(member);
      for (const member of taken) this.timedOut.delete(member);
      return;
    }
    this.laneStats.commits += taken.length;
    this.laneStats.groups++;
    if (taken.length > 1) this.laneStats.grouped += taken.length;
    taken.forEach((member, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) member.resolve(outcome.value);
      else member.reject(outcome.error);
    });
  }

  private readonly timedOut = new WeakSet<Pending>();

  /** A member still running after `txTimeoutMs` answers 503 at once and ends its group (which runs again without it). */
  private memberWithTimeout<T>(member: Pending, work: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        console.error(`[db] write transaction still running after ${this.lane.txTimeoutMs} ms: answering 503, freeing the lane`);
        this.timedOut.add(member);
        member.reject(new DomainError('database_unavailable'));
        reject(new MemberTimedOut());
      }, this.lane.txTimeoutMs);
    });
    work.catch(() => undefined);
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  private async attempt<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    for (let retry = 0; ; retry++) {
      try {
        return await this.withTimeout(this.db.transaction(fn));
      } catch (error) {
        if (retry >= this.lane.busyRetries || !isBusy(error)) throw error;
        await sleep(10 * 2 ** retry + Math.random() * 20 * 2 ** retry);
      }
    }
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        console.error(`[db] write transaction still running after ${this.lane.txTimeoutMs} ms: answering 503, freeing the lane`);
        reject(new DomainError('database_unavailable'));
      }, this.lane.txTimeoutMs);
    });
    work.catch(() => undefined); // settles later, after a timeout: nobody waits for it any more
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  /** True when the database answers (reconnecting once if it did not). */
  async ping(): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.ready();
        await this.client.execute('select 1');
        return true;
      } catch (error) {
        if (attempt === 0) this.reset();
        else if (!isDatabaseDown(error)) console.error('[db] health check failed:', (error as Error).message);
      }
    }
    return false;
  }

  close(): void {
    this.current.client.close();
  }
}
