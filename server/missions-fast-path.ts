import type { Context as HonoContext, MiddlewareHandler } from 'hono';
import { checkJwt } from './auth.ts';
import type { Deps } from './context.ts';
import { batchedQueryInput, getQueryInput, trpcAnswer } from './fast-path.ts';
import { cachedDashboard, dashboardBody } from './services/missions.ts';
import { currentCaller } from './services/identity.ts';

const PATH = '/trpc/missions.get';
/** The bearer token as the tRPC context reads it (server/app.ts). */
const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Issue 19: `missions.get` answered from its exact cache (services/missions.ts on services/answer-cache.ts) without
 * going through the tRPC adapter, for two request shapes: `GET /trpc/missions.get?input={"missionId":"…"}`
 * (unbatched, as API.md shows it) and `POST /trpc/missions.get?batch=1` with `{"0":{"missionId":"…"}}` (one call of
 * the widgets' `httpBatchLink` with `methodOverride: 'POST'`), each with `Authorization: Bearer …`. Invisible to
 * clients: it sends what tRPC would (status, body bytes, headers; the CORS middleware before it adds the same ones)
 * only when tRPC would have done nothing but read:
 *
 * - the token is verified as the tRPC context does (`checkJwt`, same clock); a token refused for any reason goes to
 *   tRPC, which logs a refused claim and answers `unauthorized` or `invalid_claims`;
 * - the caller's record is read (`currentCaller`, the read `resolveCaller` starts with, prepared once per `db`);
 *   whenever `resolveCaller` would write (a first call, changed claims), log (`identity_conflict`) or refuse
 *   (revoked, erased, unknown), or the read fails, the request goes to tRPC;
 * - then, with nothing awaited between them and the answer, the cache hit and `getMission`'s access check on it;
 *   a miss (tRPC computes and fills the cache) or a caller who may not see the mission (tRPC answers NOT_FOUND)
 *   goes to tRPC.
 *
 * Anything else falls through untouched: another path, method or query parameter, a batch of other calls, a
 * `trpc-accept` header, a content type tRPC would not read as JSON, an input other than exactly `{missionId: string}`,
 * no bearer token. `facilitatorProcedure` takes no rate limit, so neither does this. It is mounted before the body
 * limit, whose `c.req.raw.body` makes Hono's Node adapter build a full `Request` for every request (−20 % of a GET
 * hit's CPU, −35 % of a batched one's, measured): it reads a body only when its declared `Content-Length` is at most
 * 512 bytes, far under the limit; every other request goes on to the limit, then to tRPC. The cache exists only on
 * the thin `file:` client: elsewhere every request goes to tRPC, after one lookup of an empty cache.
 */
export function missionsGetFastPath(deps: Deps): MiddlewareHandler {
  return async (c, next) => {
    const answer = await hit(deps, c);
    return answer === undefined ? next() : trpcAnswer(answer);
  };
}

async function hit(deps: Deps, c: HonoContext): Promise<string | undefined> {
  const token = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
  if (token === undefined) return undefined;
  const batched = c.req.method === 'POST';
  const missionId = batched ? await batchedQueryInput(c, PATH, 'missionId') : getQueryInput(c, PATH, 'missionId');
  // Nothing cached: no need to verify the token and read the caller twice (tRPC does it). (Only valid ids are cached.)
  if (missionId === undefined || !cachedDashboard(deps.database, missionId, deps.clock.now())) return undefined;
  try {
    const { claims } = await checkJwt(token, deps.config.authSecret, deps.clock.now());
    const me = claims && (await currentCaller(deps, claims));
    if (!me) return undefined;
    // As in tRPC, the cache is asked after the caller was read; from here to the answer nothing is awaited.
    const entry = cachedDashboard(deps.database, missionId, deps.clock.now());
    const body = entry && dashboardBody(entry, me);
    return body === undefined ? undefined : batched ? `[${body}]` : body;
  } catch {
    return undefined; // the database is not answering: tRPC reports it (503 database_unavailable)
  }
}
