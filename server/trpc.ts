import { initTRPC, TRPCError } from '@trpc/server';
import type { Context } from './context.ts';
import { isDatabaseDown } from './db.ts';
import { DomainError } from './errors.ts';
import { resolveCaller, type Caller } from './services/identity.ts';

interface Issue {
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
  message: string;
}

/** Maps validation issues to `{ "field": [messages], "parent.child": [messages] }` (both keys for nested fields). */
function toFieldErrors(issues: readonly Issue[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (k: string, m: string) => (out[k] ??= []).includes(m) || out[k].push(m);
  for (const issue of issues) {
    const path = (issue.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p));
    const key = path.join('.') || '_';
    add(key, issue.message);
    if (path.length > 1) add(path[0], issue.message);
  }
  return out;
}

function issuesOf(cause: unknown): Issue[] | null {
  const issues = (cause as { issues?: unknown })?.issues;
  return Array.isArray(issues) ? (issues as Issue[]) : null;
}

const t = initTRPC.context<Context>().create({
  isDev: false,
  errorFormatter({ shape, error }) {
    const { stack: _stack, ...data } = shape.data as typeof shape.data & { stack?: string };
    const cause = error.cause;
    if (cause instanceof DomainError) {
      return { ...shape, message: cause.reason, data: { ...data, reason: cause.reason, ...cause.extra } };
    }
    const issues = error.code === 'BAD_REQUEST' ? issuesOf(cause) : null;
    if (issues) {
      return { ...shape, message: 'Invalid input', data: { ...data, reason: 'invalid_input', fieldErrors: toFieldErrors(issues) } };
    }
    if (error.code === 'BAD_REQUEST' && /batch/i.test(error.message)) {
      return { ...shape, message: 'batch_too_large', data: { ...data, reason: 'batch_too_large' } };
    }
    if (error.code === 'INTERNAL_SERVER_ERROR') {
      // Never echo an unknown error: it could carry SQL or a driver message.
      return { ...shape, message: 'Internal error', data };
    }
    return shape;
  },
});

/** The TRPCError a DomainError becomes (its code, its reason as message, itself as cause: the errorFormatter reads it). */
export const trpcErrorOf = (cause: DomainError) => new TRPCError({ code: cause.code, message: cause.reason, cause });

const unavailable = () => trpcErrorOf(new DomainError('database_unavailable'));

/**
 * Makes sure the database is migrated and reachable, then turns domain errors into tRPC errors with their
 * code. A database that stopped answering gives 503 `database_unavailable` and a fresh connection next
 * time; a busy one gives 503 too. Unknown errors stay opaque.
 */
const mapErrors = t.middleware(async ({ ctx, next }) => {
  try {
    await ctx.database.ready();
  } catch {
    ctx.database.reset();
    throw unavailable();
  }
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof DomainError) throw trpcErrorOf(cause);
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      if (isDatabaseDown(cause)) {
        ctx.database.reset();
        throw unavailable();
      }
      if (/SQLITE_BUSY/.test(String((cause as { code?: string })?.code ?? '') + String(cause?.message ?? ''))) throw unavailable();
    }
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** P: anyone, rate-limited per client address and procedure. */
export const publicProcedure = t.procedure.use(mapErrors).use(async ({ ctx, path, next }) => {
  const ok = await ctx.rateLimiter.take(`${ctx.clientIp}|${path}`, ctx.clock.now());
  if (!ok) throw new DomainError('rate_limited');
  return next();
});

/** F: a signed-in facilitator (or admin); the caller's facilitator record is created or updated from the claims. */
export const facilitatorProcedure = t.procedure.use(mapErrors).use(async ({ ctx, next }) => {
  if (!ctx.claims) throw ctx.refusedClaim ? new DomainError('invalid_claims', { claim: ctx.refusedClaim }) : new DomainError('unauthorized');
  const me: Caller = await resolveCaller(ctx, ctx.claims);
  return next({ ctx: { me } });
});

/** A: association staff. */
export const adminProcedure = facilitatorProcedure.use(({ ctx, next }) => {
  if (ctx.me.role !== 'admin') throw new DomainError('forbidden');
  return next();
});
