import type { Claims } from './auth.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db.ts';
import type { RateLimiter } from './rate-limit.ts';

/** What every procedure may use, built once per process by makeDeps (server/deps.ts). */
export interface Deps {
  database: Database;
  clock: Clock;
  config: Config;
  /** Public procedures, per client address and procedure. */
  rateLimiter: RateLimiter;
  /** Magic-link requests, per email address. */
  addressLimiter: RateLimiter;
  /** Magic-link requests, per client address (whatever the email addresses it types). */
  linkClientLimiter: RateLimiter;
  /** Asks the outbox drainer to run soon (no request ever waits for it). */
  kickOutbox?: () => void;
}

/** The per-request context: the dependencies plus who is calling. */
export interface Context extends Deps {
  /** Verified JWT claims, or null when no valid bearer token came with the request. */
  claims: Claims | null;
  /** When a correctly signed token was refused for one of its claims: which (answers `invalid_claims`). */
  refusedClaim?: string;
  /** The caller's address, for rate limits of public procedures. */
  clientIp: string;
}
