/**
 * The Worker's bindings (wrangler.toml): variables, secrets, the static-assets binding and the
 * rate-limiting bindings. Declared here with the few members the code uses, so the Node type check
 * (`tsc -p .`, DOM lib) needs no @cloudflare/workers-types.
 */
import type { Env as ConfigEnv } from './config.ts';

/** Cloudflare's rate-limiting binding (`[[ratelimits]]`): a per-location counter per key. */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/** The static-assets binding (`[assets] binding = "ASSETS"`). */
export interface AssetsBinding {
  fetch(request: Request): Promise<Response>;
}

/** The Workers `ExecutionContext`, as far as this code uses it. */
export interface WorkerContext {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
  /** Set by the runtime (service-binding props); unused here. */
  props: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The Cron Trigger's `ScheduledController`. */
export interface ScheduledEventLike {
  readonly scheduledTime: number;
  readonly cron: string;
  noRetry?(): void;
}

export interface Bindings {
  // [vars] in wrangler.toml (API.md "Server configuration").
  /** `libsql://<db>-<org>.turso.io` (or `https://…`): the Turso database. */
  FRESK_DB_URL: string;
  /** Public base URL of this Worker, used in links and emails. */
  FRESK_APP_URL: string;
  /** Comma-separated CORS allow-list (the portal, the WordPress sites). */
  FRESK_ALLOWED_ORIGINS?: string;
  FRESK_MAIL_FROM?: string;
  FRESK_ASSOCIATION_EMAIL?: string;
  FRESK_RETENTION_MONTHS?: string;
  /** Tests only: points the Resend SDK at a fake. */
  RESEND_BASE_URL?: string;
  /** "0" turns off the lazy migration at an isolate's first request (then rely on `npm run db:migrate`). */
  FRESK_AUTO_MIGRATE?: string;

  // Secrets (`wrangler secret put NAME`).
  FRESK_AUTH_SECRET: string;
  FRESK_DB_TOKEN?: string;
  RESEND_API_KEY?: string;

  // Bindings.
  ASSETS?: AssetsBinding;
  /** Public procedures, per client address and procedure. */
  RATE_LIMITER?: RateLimitBinding;
  /** Magic-link requests, per email address. */
  ADDRESS_LIMITER?: RateLimitBinding;
}

/** The string variables and secrets of `env`, as `loadConfig` reads them (bindings left out). */
export function configEnv(env: Bindings): ConfigEnv {
  const out: ConfigEnv = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') out[k] = v;
  // Demo mode (seeded data, /dev/token minting tokens) is never served from the edge.
  delete out.FRESK_DEMO;
  return out;
}
