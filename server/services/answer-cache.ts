import type { Database } from '../db.ts';

/**
 * An exact cache of a read's answers per key, for embedded `file:` databases (issue 19: a signup page is loaded by
 * many people at once, a mission's dashboard is read again and again by its coordinator; the answer is the same
 * until something is written or a time edge passes). An answer is reused only while all of these hold:
 *
 * - nothing was committed to the database since it was computed, by this process or any other: the thin client's
 *   `changeStamp()` (`PRAGMA data_version` of its read connection, which every other connection's commit changes,
 *   and `total_changes()` for its own autocommit writes) and `Database.writes` (bumped after every write
 *   transaction of this process) are both what they were before it was computed;
 * - the clock has not reached the next instant where the answer changes (the compute names them) nor gone back
 *   before it was computed, and it is at most `MAX_AGE_MS` old.
 *
 * Only clients that can tell (the thin `file:` client, server/sqlite-client.ts) get a cache: `@libsql/client`
 * (`FRESK_DB_DRIVER=libsql-client`, Turso, Workers) has no such guarantee and always computes. Cached answers are
 * frozen (a caller cannot change what the next one gets); an error is never kept. Users: signup-info-cache.ts,
 * missions.ts (`getMission`).
 */
export const MAX_AGE_MS = 1000;

interface Stamped {
  changeStamp(): string;
}

/** One cached answer and what it is exact for. */
export interface Entry<T> {
  readonly stamp: string;
  readonly writes: number;
  readonly at: number;
  readonly until: number;
  readonly answer: T;
  /** The answer as it goes on the wire, made once by a user that sends it as is (server/signup-fast-path.ts). */
  body?: string;
}

function freeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) freeze(v);
  }
  return value;
}

/** The thin client's change stamp, or undefined when the client has none (or the database is not answering). */
function stampOf(database: Database): string | undefined {
  const client = database.client as Partial<Stamped>;
  if (typeof client.changeStamp !== 'function') return undefined;
  try {
    return client.changeStamp();
  } catch {
    return undefined; // the database is not answering: the usual path reports it
  }
}

/** At most `size` answers per database client, the least recently used leaving first. */
export class AnswerCache<T> {
  private readonly caches = new WeakMap<object, Map<string, Entry<T>>>();

  constructor(readonly size: number) {}

  private entries(database: Database): Map<string, Entry<T>> {
    let cache = this.caches.get(database.client);
    if (!cache) this.caches.set(database.client, (cache = new Map()));
    return cache;
  }

  /** A hit only, never a computation: the entry for `key` if it is still exact at `now` (and `stamp`), else none (an inexact one is dropped). */
  hit(database: Database, key: string, now: number, stamp = stampOf(database)): Entry<T> | undefined {
    if (stamp === undefined) return undefined;
    const cache = this.entries(database);
    const hit = cache.get(key);
    if (!hit) return undefined;
    cache.delete(key);
    if (hit.stamp !== stamp || hit.writes !== database.writes || now < hit.at || now >= hit.until) return undefined;
    cache.set(key, hit); // most recently used last
    return hit;
  }

  /**
   * The answer for `key` at `now`: the cached one when still exact, else `compute`'s at the same `now`, which pushes
   * onto `changesAt` every instant at which its answer would change with the clock alone.
   */
  async get(database: Database, key: string, now: number, compute: (now: number, changesAt: number[]) => Promise<T>): Promise<T> {
    const stamp = stampOf(database);
    if (stamp === undefined) return compute(now, []);
    const hit = this.hit(database, key, now, stamp);
    if (hit) return hit.answer;
    const writes = database.writes;
    const changesAt: number[] = [];
    const answer = freeze(await compute(now, changesAt));
    let until = now + MAX_AGE_MS;
    for (const t of changesAt) if (t > now && t < until) until = t;
    const cache = this.entries(database);
    cache.set(key, { stamp, writes, at: now, until, answer });
    if (cache.size > this.size) cache.delete(cache.keys().next().value!);
    return answer;
  }
}
