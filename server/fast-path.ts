import type { Context as HonoContext } from 'hono';
import type { Deps } from './context.ts';
import { MemoryRateLimiter } from './rate-limit.ts';
import type { Entry } from './services/answer-cache.ts';

/**
 * What the paths in front of the tRPC adapter share (issue 19: server/signup-fast-path.ts for `signupInfo`,
 * server/missions-fast-path.ts for `missions.get`, server/register-fast-path.ts for `participants.register`: proven
 * refusals, and the procedure itself run through a tRPC caller). Each answers a cache hit, a proven refusal or the
 * procedure's outcome in exactly the bytes, status and headers tRPC would send, for the few request shapes it
 * recognises here; anything these helpers do not recognise goes to tRPC untouched.
 */

/** The headers tRPC v11's fetch adapter sets on a query's answer, single or batched (resolveResponse). */
export const TRPC_HEADERS = [
  ['vary', 'trpc-accept, accept'],
  ['content-type', 'application/json'],
] as [string, string][];

/** tRPC's 200 answer with `body`. */
export const trpcAnswer = (body: string) => new Response(body, { status: 200, headers: TRPC_HEADERS });

/**
 * A cached answer as tRPC sends it for an unbatched call: `{"result":{"data":…}}` (JSON.stringify, the router has
 * no transformer), made on the entry's first use and kept with it. A batch of that one call is `[` it `]`.
 */
export function trpcBody<T>(entry: Entry<T>, data: (answer: T) => unknown = (answer) => answer): string {
  return (entry.body ??= JSON.stringify({ result: { data: data(entry.answer) } }));
}

/**
 * publicProcedure's rate limit for `procedure` (server/trpc.ts: key `${clientIp}|${path}`), taken synchronously, so
 * that nothing runs between a cache lookup and the answer: only the in-process limiter can be. False when it
 * refuses, and for any other limiter (the request then goes to tRPC, which asks it).
 */
export function takePublicLimit(deps: Deps, clientIp: string, procedure: string, now: number): boolean {
  return deps.rateLimiter instanceof MemoryRateLimiter && deps.rateLimiter.take(`${clientIp}|${procedure}`, now);
}

/**
 * Whether tRPC answers this request in plain JSON: no `trpc-accept` header and no `application/jsonl` among the
 * `accept` header's types (its `getAcceptHeader`: either asks it to stream JSON lines). Only such requests are
 * answered in front of it.
 */
export const answersPlainJson = (c: HonoContext) =>
  c.req.header('trpc-accept') === undefined && !c.req.header('accept')?.split(',').some((t) => t.trim() === 'application/jsonl');

/** The media type tRPC reads as JSON (its `hasContentType`: case-insensitive, parameters ignored). */
export const isJson = (type: string | undefined) => type !== undefined && type.split(';', 1)[0].trim().toLowerCase() === 'application/json';

/** The query string's parameter names, when they are exactly `names` (in any order), as tRPC's adapter reads them. */
function onlyParams(url: URL, ...names: string[]): boolean {
  const keys = [...url.searchParams.keys()];
  return keys.length === names.length && names.every((n) => keys.includes(n));
}

/**
 * `GET <path>?input=<JSON>` with no other parameter, a plain JSON answer asked for, no content type tRPC would read otherwise
 * than as JSON, and an input that is exactly `{"<field>": "<string>"}`: that string; else undefined. Headers other
 * than these (`Authorization`) are the caller's to check.
 */
export function getQueryInput(c: HonoContext, path: string, field: string): string | undefined {
  if (c.req.method !== 'GET' || !answersPlainJson(c)) return undefined;
  const type = c.req.header('content-type');
  if (type !== undefined && !isJson(type)) return undefined;
  const url = new URL(c.req.url); // as tRPC's fetch adapter reads it
  if (url.pathname !== path || !onlyParams(url, 'input')) return undefined;
  return onlyString(parse(url.searchParams.get('input')), field);
}

/**
 * A body whose `Content-Length` is declared, a plain decimal, and at most `max` bytes, without `Transfer-Encoding`:
 * the only bodies a fast path reads (before the body limit, which answers every other).
 */
export function declaredLengthWithin(c: HonoContext, max: number): boolean {
  const length = c.req.header('content-length');
  return length !== undefined && /^\d+$/.test(length) && Number(length) <= max && c.req.header('transfer-encoding') === undefined;
}

/** A batch body over this is not one call's `{"0":{"<field>":"<id>"}}`: tRPC reads it (at most the body limit). */
const MAX_ONE_CALL_BATCH_BYTES = 512;

/**
 * `POST <path>?batch=1` with a JSON body that is exactly `{"0": {"<field>": "<string>"}}`: one query sent by
 * `@trpc/client`'s `httpBatchLink` with `methodOverride: 'POST'` (the widgets, widget/shared/client.ts); that
 * string, else undefined. The body is read through Hono's request (`c.req.text()`), which keeps it for tRPC's
 * adapter should the request go on to it. Only bodies with a `Content-Length` of at most 512 bytes are read.
 */
export async function batchedQueryInput(c: HonoContext, path: string, field: string): Promise<string | undefined> {
  if (c.req.method !== 'POST' || !answersPlainJson(c) || !isJson(c.req.header('content-type'))) return undefined;
  if (!declaredLengthWithin(c, MAX_ONE_CALL_BATCH_BYTES)) return undefined;
  const url = new URL(c.req.url);
  if (url.pathname !== path || !onlyParams(url, 'batch') || url.searchParams.get('batch') !== '1') return undefined;
  const batch = parse(await c.req.text());
  if (!isPlainObject(batch) || Object.keys(batch).length !== 1) return undefined;
  return onlyString((batch as Record<string, unknown>)['0'], field);
}

function parse(text: string | null): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The string of a value that is exactly `{"<field>": "<string>"}`, else undefined. */
function onlyString(value: unknown, field: string): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const keys = Object.keys(value);
  const got = value[field];
  return keys.length === 1 && keys[0] === field && typeof got === 'string' ? got : undefined;
}
