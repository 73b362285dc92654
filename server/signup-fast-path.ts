import type { Context as HonoContext, MiddlewareHandler } from 'hono';
import type { Deps } from './context.ts';
import { MemoryRateLimiter } from './rate-limit.ts';
import { cachedSignupInfoBody } from './services/signup-info-cache.ts';

const PATH = '/trpc/participants.signupInfo';
/** The key publicProcedure's limiter uses for this procedure (server/trpc.ts: `${clientIp}|${path}`). */
const LIMITER_PATH = 'participants.signupInfo';
/** The headers tRPC v11's fetch adapter sets on an unbatched query's answer (resolveResponse). */
const TRPC_HEADERS = [
  ['vary', 'trpc-accept, accept'],
  ['content-type', 'application/json'],
] as [string, string][];

/**
 * Issue 19: `participants.signupInfo` by public signup code, answered from its exact cache
 * (services/signup-info-cache.ts) without going through the tRPC adapter, for the one request shape the signup
 * widget sends (`GET /trpc/participants.signupInfo?input={"code":"…"}`, unbatched). Invisible to clients: it
 * answers only a cache hit, after taking the same rate limiter with the same key as publicProcedure, with the
 * status, body bytes and headers tRPC would send (the CORS middleware before it adds the same headers).
 * Everything else falls through to tRPC untouched: another path, method or query parameter, a batch, a
 * `trpc-accept` or `Authorization` header (tRPC logs refused tokens), a content type tRPC would not read as JSON,
 * an input other than exactly `{code: string}`, a miss (tRPC computes and fills the cache) and a refusal by the
 * limiter (tRPC asks it again and answers its 429: a refused take changes nothing a later take would not).
 * Only with the in-process limiter, whose `take` is synchronous: from the cache lookup to the answer nothing else
 * runs, so the answer is exact at the instant the limiter was asked.
 */
export function signupInfoFastPath(deps: Deps, clientIp: (c: HonoContext) => string): MiddlewareHandler {
  return async (c, next) => {
    const body = deps.rateLimiter instanceof MemoryRateLimiter ? hit(deps, deps.rateLimiter, c, clientIp) : undefined;
    if (body === undefined) return next();
    return new Response(body, { status: 200, headers: TRPC_HEADERS });
  };
}

function hit(deps: Deps, limiter: MemoryRateLimiter, c: HonoContext, clientIp: (c: HonoContext) => string): string | undefined {
  if (c.req.method !== 'GET' || c.req.header('authorization') !== undefined || c.req.header('trpc-accept') !== undefined) return undefined;
  const type = c.req.header('content-type');
  if (type !== undefined && type.split(';', 1)[0].trim().toLowerCase() !== 'application/json') return undefined;
  const url = new URL(c.req.url); // as tRPC's fetch adapter reads it
  if (url.pathname !== PATH) return undefined;
  for (const key of url.searchParams.keys()) if (key !== 'input') return undefined;
  const code = publicCode(url.searchParams.get('input'));
  if (code === undefined) return undefined;
  const now = deps.clock.now();
  const body = cachedSignupInfoBody(deps.database, code, now);
  if (body === undefined || !limiter.take(`${clientIp(c)}|${LIMITER_PATH}`, now)) return undefined;
  return body;
}

/** The code of an input that is exactly `{"code": "<string>"}`, else undefined. (Only valid codes are ever cached.) */
function publicCode(input: string | null): string | undefined {
  if (!input) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(input);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  const code = (value as { code?: unknown }).code;
  return keys.length === 1 && keys[0] === 'code' && typeof code === 'string' ? code : undefined;
}
