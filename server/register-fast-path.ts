import type { Context as HonoContext, MiddlewareHandler } from 'hono';
import { TRPCError } from '@trpc/server';
import { getErrorShape, getHTTPStatusCode, getTRPCErrorFromUnknown, transformTRPCResponse } from '@trpc/server/unstable-core-do-not-import';
import type { Context, Deps } from './context.ts';
import type { DomainError } from './errors.ts';
import { MemoryRateLimiter } from './rate-limit.ts';
import { answersPlainJson, declaredLengthWithin, isJson, takePublicLimit, TRPC_HEADERS } from './fast-path.ts';
import { appRouter } from './router.ts';
import { createCallerFactory, trpcErrorOf } from './trpc.ts';
import { enter } from './services/refusal-board.ts';

const PATH = '/trpc/participants.register';
/** The procedure's path: publicProcedure's limiter key (`${clientIp}|${path}`) and the error shape's `data.path`. */
const PROCEDURE = 'participants.register';

/** The procedure's own input parser (the zod schema of server/routers/participants.ts), as tRPC runs it. */
const parser = (appRouter._def.procedures as unknown as Record<string, { _def: { inputs: { safeParse(v: unknown): { success: boolean; data?: unknown } }[] } }>)[PROCEDURE]._def.inputs;

/** Counts the proven refusals answered here without tRPC (`answered`) and the registrations run here through a tRPC caller (`called`): tests, benchmarks. */
export const registerFastPathStats = { answered: 0, called: 0 };

/** What server/app.ts gives tRPC's adapter: its context for a request, and its error log. */
export interface TrpcEdge {
  createContext: (c: HonoContext) => Promise<Context>;
  onError: (opts: { error: TRPCError; path: string | undefined }) => void;
}

const createCaller = createCallerFactory(appRouter);
const config = appRouter._def._config;

/**
 * Issue 19's signup storm and registration cost: `participants.register` answered in front of the tRPC adapter,
 * for the one request shape the signup widget sends (`POST /trpc/participants.register`, unbatched, JSON body, no
 * query string, no `Authorization` or `trpc-accept` header, no `accept` of JSON lines), whose input passes the
 * procedure's own parser (an input tRPC would refuse goes to tRPC untouched). Only with the in-process limiter.
 *
 * A registration that arrives while others of the same secret are busy (in the write lane or on their way to it),
 * or for a secret the refusal board has noted, waits for the board's sweep (services/refusal-board.ts `enter`): one
 * read of committed rows taken after it arrived proves its refusal (`session_full` with no seat free at that
 * instant, the session cancelled, ended or closed), or it goes on as if it had not stopped here (as many at a time
 * as seats are free). A proven refusal then takes the same rate limiter with the same key as publicProcedure, and
 * answers the status, body bytes and headers tRPC sends for that DomainError (the same errorFormatter, through
 * tRPC's own `getErrorShape`); a limiter that refuses lets the procedure ask it again (`call` below) and answer
 * its 429 (a refused take changes nothing a later take would not).
 *
 * A registration that goes on is run here by the procedure itself through a tRPC server-side caller (`call`): its
 * middlewares (the database check and error mapping, the rate limit), its input parser and the service run exactly
 * as behind the adapter, with the context the adapter would create (server/app.ts's `createContext`), and the answer
 * is made as the adapter's `resolveResponse` makes it for an unbatched mutation: without the web `Request`, its body
 * stream and AbortSignals, the content-type and batching checks the shape above already settled.
 */
export function registerFastPath(deps: Deps, clientIp: (c: HonoContext) => string, maxBodyBytes: number, edge: TrpcEdge): MiddlewareHandler {
  return async (c, next) => {
    if (!(deps.rateLimiter instanceof MemoryRateLimiter) || !shaped(c, maxBodyBytes)) return next();
    const body = await parsed(c);
    if (!body) return next();
    const { raw, input } = body;
    const entry = await enter(deps, input, deps.clock.now());
    if (entry.refusal === undefined) {
      try {
        return await call(c, edge, raw);
      } finally {
        entry.done();
      }
    }
    if (!takePublicLimit(deps, clientIp(c), PROCEDURE, deps.clock.now())) return call(c, edge, raw);
    registerFastPathStats.answered++;
    const { status, body: bytes } = refusalAnswer(entry.refusal, input);
    return new Response(bytes, { status, headers: TRPC_HEADERS });
  };
}

/**
 * The procedure called in process with `raw` (the body's JSON, which its parser takes), answered as tRPC's fetch
 * adapter answers an unbatched mutation (`resolveResponse`): `{"result":{"data":…}}` with 200, or the error's shape
 * through the router's errorFormatter with the status tRPC derives from it, the same headers, and the adapter's
 * `onError` (its log of an unexpected error) called with the same error. The context is the adapter's: app.ts's
 * `createContext` plus the `env` @hono/trpc-server adds.
 */
async function call(c: HonoContext, edge: TrpcEdge, raw: unknown): Promise<Response> {
  registerFastPathStats.called++;
  const ctx = { ...(await edge.createContext(c)), env: c.env };
  let answered: { status: number; body: string };
  try {
    const data = await createCaller(ctx).participants.register(raw as Parameters<ReturnType<typeof createCaller>['participants']['register']>[0]);
    answered = { status: 200, body: JSON.stringify(transformTRPCResponse(config, { result: { data } } as never)) };
  } catch (cause) {
    const error = getTRPCErrorFromUnknown(cause);
    edge.onError({ error, path: PROCEDURE });
    answered = errorAnswer(error, raw, ctx);
  }
  return new Response(answered.body, { status: answered.status, headers: TRPC_HEADERS });
}

/** The status and body tRPC's adapter sends for `error` on this mutation: its shape through the errorFormatter. */
function errorAnswer(error: TRPCError, input: unknown, ctx: Context | undefined): { status: number; body: string } {
  const res = { error: getErrorShape({ config, error, type: 'mutation', path: PROCEDURE, input, ctx }) };
  return { status: getHTTPStatusCode([res as never], [error]), body: JSON.stringify(transformTRPCResponse(config, res as never)) };
}

/**
 * The widget's request shape, with a body the body limit lets through: mounted before the limit (app.ts) so that the
 * body is read straight from the socket (@hono/node-server reads it without building a web Request and its stream
 * when nothing asked for one), it takes only a declared length within the limit and no `transfer-encoding`;
 * anything else goes on to the limit middleware as before.
 */
function shaped(c: HonoContext, maxBodyBytes: number): boolean {
  if (c.req.method !== 'POST' || c.req.header('authorization') !== undefined || !answersPlainJson(c)) return false;
  if (!declaredLengthWithin(c, maxBodyBytes) || !isJson(c.req.header('content-type'))) return false;
  const url = new URL(c.req.url); // as tRPC's fetch adapter reads it
  return url.pathname === PATH && url.search === '';
}

type Input = { code?: string; token?: string; name: string; email: string; waitlist?: boolean };

/**
 * The body as tRPC's adapter reads it (`raw`: its JSON) and as the procedure receives it (`input`: through its
 * parser), when its parser takes it; the body stays readable for tRPC (Hono caches it).
 */
async function parsed(c: HonoContext): Promise<{ raw: unknown; input: Input } | undefined> {
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    return undefined;
  }
  let value = raw;
  for (const p of parser) {
    const result = p.safeParse(value);
    if (!result.success) return undefined;
    value = result.data;
  }
  return { raw, input: value as Input };
}

/** What tRPC sends for a proven refusal (the TRPCError mapErrors makes of it), made once per reason and extra. */
function refusalAnswer(refusal: DomainError, input: unknown): { status: number; body: string } {
  const key = `${refusal.reason} ${JSON.stringify(refusal.extra)}`;
  let made = answers.get(key);
  if (!made) {
    made = errorAnswer(trpcErrorOf(refusal), input, undefined);
    if (answers.size < 100) answers.set(key, made);
  }
  return made;
}
/** The errorFormatter's answer depends on the error alone (its reason and extra), not on the input nor the context. */
const answers = new Map<string, { status: number; body: string }>();
