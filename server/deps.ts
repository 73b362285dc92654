/**
 * The one assembly of what every procedure uses (`Deps`), from the configuration. The Node entry
 * (server/node.ts), the Workers entry (server/worker.ts), the demo (demo/serve.ts), the tests
 * (test/server/helpers.ts) and the benchmarks build theirs here, so a new dependency or a changed default
 * is one edit. What differs by platform is passed in: the database (opened by the entry: embedded libSQL
 * or Turso on Node, Turso over HTTP on Workers), a settable clock in tests, and on Workers the
 * rate-limiting bindings; what is left out takes the defaults below. Nothing here may use a Node-only API
 * (the Worker bundle imports it).
 */
import { systemClock, type Clock } from './clock.ts';
import { MAGIC_LINK_LIMITS, type Config } from './config.ts';
import type { Deps } from './context.ts';
import type { Database } from './db.ts';
import { resendMailer, type Mailer } from './mailer.ts';
import { MemoryRateLimiter, publicRateLimiter, type RateLimiter } from './rate-limit.ts';

/** The parts an entry provides; every one but the database has a default. */
export interface Platform {
  database: Database;
  /** Default: the system clock. */
  clock?: Clock;
  /** Public procedures, per client address and procedure. Default: in this process, `config.rateLimitPerMinute`. */
  rateLimiter?: RateLimiter;
  /** Magic-link requests, per email address. Default: in this process, `magicLinkLimiter()`. */
  addressLimiter?: RateLimiter;
}

/** Magic links per email address, counted in this process (or Workers isolate): MAGIC_LINK_LIMITS. */
export const magicLinkLimiter = (): MemoryRateLimiter => new MemoryRateLimiter(MAGIC_LINK_LIMITS.perAddress, MAGIC_LINK_LIMITS.windowMs);

export function makeDeps(config: Config, platform: Platform): Deps {
  return {
    database: platform.database,
    clock: platform.clock ?? systemClock,
    config,
    rateLimiter: platform.rateLimiter ?? publicRateLimiter(config.rateLimitPerMinute),
    addressLimiter: platform.addressLimiter ?? magicLinkLimiter(),
    linkClientLimiter: new MemoryRateLimiter(MAGIC_LINK_LIMITS.perClient, MAGIC_LINK_LIMITS.windowMs),
  };
}

/** Resend when RESEND_API_KEY is set; without it, none: messages stay in the outbox, marked 'kept'. */
export function makeMailer(config: Config): Mailer | null {
  return config.resendApiKey ? resendMailer(config.resendApiKey, config.resendBaseUrl) : null;
}
