import type { Database } from '../db.ts';

/**
 * An exact cache of `participants.signupInfo`'s answer per public signup code, for embedded `file:` databases
 * (issue 19: a signup page is loaded by many people at once; the answer is the same for all of them until
 * something is written or a time edge passes). An answer is reused only while all of these hold:
 *
 * - nothing was committed to the database since it was computed, by this process or any other: the thin client's
 *   `changeStamp()` (`PRAGMA data_version` of its read connection, which every other connection's commit changes,
 *   and `total_changes()` for its own autocommit writes) and `Database.writes` (bumped after every write
 *   transaction of this process) are both what they were before it was computed;
 * - the clock has not reached the next instant where the answer changes (the compute names them: the session's
 *   start and end, the code's expiry) nor gone back before it was computed, and it is at most `MAX_AGE_MS` old.
 *
 * Only clients that can tell (the thin `file:` client, server/sqlite-client.ts) get a cache: `@libsql/client`
 * (`FRESK_DB_DRIVER=libsql-client`, Turso, Workers) has no such guarantee and always computes. The rate limiter
 * and the input validation run before the service, on every call. Personal tokens (invitation, cancellation)
 * are not cached: each is looked at by one person.
 */
export const CACHE_SIZE = 1000;
export const MAX_AGE_MS = 1000;

interface Entry {
  stamp: string;
  writes: number;
  at: number;
  until: number;
  answer: unknown;
  /** The answer as tRPC sends it (`{"result":{"data":…}}`), made on the first fast-path hit (server/signup-fast-path.ts). */
  body?: string;
}

interface Stamped {
  changeStamp(): string;
}

const caches = new WeakMap<Stamped, Map<string, Entry>>();

function freeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) freeze(v);
  }
  return value;
}

/** The entry for `code` if it is still exact (moved to most recently used), else none (and an inexact one dropped). */
function exactEntry(cache: Map<string, Entry>, code: string, stamp: string, writes: number, now: number): Entry | undefined {
  const hit = cache.get(code);
  if (!hit) return undefined;
  cache.delete(code);
  if (hit.stamp !== stamp || hit.writes !== writes || now < hit.at || now >= hit.until) return undefined;
  cache.set(code, hit); // most recently used last
  return hit;
}

/**
 * A hit only, never a computation: the JSON body tRPC would send for `code`'s cached answer at `now`, when that
 * answer is still exact; undefined otherwise (no cache on this client, nothing cached, or no longer exact).
 */
export function cachedSignupInfoBody(database: Database, code: string, now: number): string | undefined {
  const client = database.client as Partial<Stamped>;
  const cache = typeof client.changeStamp === 'function' ? caches.get(client as Stamped) : undefined;
  if (!cache?.has(code)) return undefined;
  let stamp: string;
  try {
    stamp = client.changeStamp!();
  } catch {
    return undefined;
  }
  const hit = exactEntry(cache, code, stamp, database.writes, now);
  if (!hit) return undefined;
  return (hit.body ??= JSON.stringify({ result: { data: hit.answer } }));
}

/**
 * The answer for `code` at `now`: the cached one when still exact, else `compute`'s at the same `now`, which pushes
 * onto `changesAt` every instant at which its answer would change with the clock alone.
 */
export async function cachedSignupInfo<T>(database: Database, code: string | undefined, now: number, compute: (now: number, changesAt: number[]) => Promise<T>): Promise<T> {
  const client = database.client as Partial<Stamped>;
  if (code === undefined || typeof client.changeStamp !== 'function') return compute(now, []);
  let stamp: string;
  try {
    stamp = client.changeStamp();
  } catch {
    return compute(now, []); // the database is not answering: the usual path reports it
  }
  let cache = caches.get(client as Stamped);
  if (!cache) caches.set(client as Stamped, (cache = new Map()));
  const writes = database.writes;
  const hit = exactEntry(cache, code, stamp, writes, now);
  if (hit) return hit.answer as T;
  const changesAt: number[] = [];
  const answer = freeze(await compute(now, changesAt));
  let until = now + MAX_AGE_MS;
  for (const t of changesAt) if (t > now && t < until) until = t;
  cache.set(code, { stamp, writes, at: now, until, answer });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return answer;
}
