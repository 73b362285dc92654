import type { Database } from '../db.ts';
import { trpcBody } from '../fast-path.ts';
import { AnswerCache } from './answer-cache.ts';

/**
 * An exact cache of `participants.signupInfo`'s answer per public signup code (server/services/answer-cache.ts says
 * when an answer is reused: no commit since, by anyone, the clock before its next edge, at most a second old). The
 * compute names the edges: the session's start and end, the code's expiry. The rate limiter and the input
 * validation run before the service, on every call. Personal tokens (invitation, cancellation) are not cached: each
 * is looked at by one person.
 */
export const CACHE_SIZE = 1000;

const answers = new AnswerCache<unknown>(CACHE_SIZE);

/**
 * The answer for `code` at `now`: the cached one when still exact, else `compute`'s at the same `now`, which pushes
 * onto `changesAt` every instant at which its answer would change with the clock alone.
 */
export async function cachedSignupInfo<T>(database: Database, code: string | undefined, now: number, compute: (now: number, changesAt: number[]) => Promise<T>): Promise<T> {
  if (code === undefined) return compute(now, []);
  return answers.get(database, code, now, compute) as Promise<T>;
}

/**
 * A hit only, never a computation: the JSON body tRPC would send for `code`'s cached answer at `now`, when that
 * answer is still exact; undefined otherwise (no cache on this client, nothing cached, or no longer exact). Used
 * by server/signup-fast-path.ts; the body is made on the first hit and kept with the entry.
 */
export function cachedSignupInfoBody(database: Database, code: string, now: number): string | undefined {
  const hit = answers.hit(database, code, now);
  return hit && trpcBody(hit);
}
