import type { Context as HonoContext, MiddlewareHandler } from 'hono';
import type { Deps } from './context.ts';
import { getQueryInput, takePublicLimit, trpcAnswer } from './fast-path.ts';
import { cachedSignupInfoBody } from './services/signup-info-cache.ts';

const PATH = '/trpc/participants.signupInfo';
/** The procedure's path, in publicProcedure's limiter key. */
const PROCEDURE = 'participants.signupInfo';

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
    const body = hit(deps, c, clientIp);
    return body === undefined ? next() : trpcAnswer(body);
  };
}

function hit(deps: Deps, c: HonoContext, clientIp: (c: HonoContext) => string): string | undefined {
  if (c.req.header('authorization') !== undefined) return undefined;
  const code = getQueryInput(c, PATH, 'code'); // (only valid codes are ever cached)
  if (code === undefined) return undefined;
  const now = deps.clock.now();
  const body = cachedSignupInfoBody(deps.database, code, now);
  if (body === undefined || !takePublicLimit(deps, clientIp(c), PROCEDURE, now)) return undefined;
  return body;
}
