import { parseTrustedProxies } from './client-address.ts';

/** Server configuration, read once from the environment (API.md, "Server configuration"). */
export interface Config {
  port: number;
  dbUrl: string;
  dbToken?: string;
  authSecret: string;
  appUrl: string;
  allowedOrigins: string[];
  resendApiKey?: string;
  resendBaseUrl?: string;
  mailFrom: string;
  associationEmail: string;
  demo: boolean;
  /** Public procedures: requests per minute per client address and procedure (after a burst of half). */
  rateLimitPerMinute: number;
  /** Proxies whose forwarded client address is believed (FRESK_TRUSTED_PROXIES: addresses or CIDR ranges). */
  trustedProxies: ReturnType<typeof parseTrustedProxies>;
  /** Participants' data of closed missions is anonymised after this many months. */
  retentionMonths: number;
  /** On Node, how often the scheduled work (reminders, retention) runs, in seconds; it also runs at start. */
  scheduleSeconds: number;
  /** The issuer named on attestations, and its training-organisation number when set. */
  issuerName: string;
  ofNumber?: string;
}

/**
 * Magic links (API.md, auth.requestLink): at most 5 per email address and 20 per client address per 15
 * minutes, on top of the public procedures' limit. The one place these numbers are written.
 */
export const MAGIC_LINK_LIMITS = { perAddress: 5, perClient: 20, windowMs: 15 * 60_000 } as const;

/** The fixed secret used in demo mode only, so demo tokens survive restarts. Never in production. */
export const DEMO_AUTH_SECRET = 'fresk-demo-secret-do-not-use-in-production-0123456789';

const positive = (value: string | undefined, fallback: number) => (Number(value) > 0 ? Number(value) : fallback);

/** HS256 wants a key at least as long as its hash: 32 bytes. */
export const MIN_SECRET_BYTES = 32;

export type Env = Record<string, string | undefined>;

/** Builds the configuration from environment variables; throws when a production setting is missing. */
/** Whether the environment asks for the demo (FRESK_DEMO=1 or true): read by loadConfig and by bin/serve.ts to pick the entry. */
export const wantsDemo = (env: Env) => env.FRESK_DEMO === '1' || env.FRESK_DEMO === 'true';

export function loadConfig(env: Env, warn: (message: string) => void = console.warn): Config {
  const port = Number(env.PORT ?? 8787);
  const demo = wantsDemo(env);
  let authSecret = env.FRESK_AUTH_SECRET;
  if (!authSecret) {
    if (!demo) throw new Error('FRESK_AUTH_SECRET is required (for the demo, which needs none, run `npm start`).');
    warn('FRESK_AUTH_SECRET is not set: using the fixed demo secret. Never do this in production.');
    authSecret = DEMO_AUTH_SECRET;
  }
  if (new TextEncoder().encode(authSecret).length < MIN_SECRET_BYTES) {
    if (!demo) throw new Error(`FRESK_AUTH_SECRET must be at least ${MIN_SECRET_BYTES} bytes (e.g. \`openssl rand -base64 48\`).`);
    warn(`FRESK_AUTH_SECRET is shorter than ${MIN_SECRET_BYTES} bytes: tolerated in demo mode only.`);
  }
  const appUrl = (env.FRESK_APP_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const allowedOrigins = (env.FRESK_ALLOWED_ORIGINS ?? new URL(appUrl).origin)
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  return {
    port,
    dbUrl: env.FRESK_DB_URL ?? 'file:.data/fresk.db',
    dbToken: env.FRESK_DB_TOKEN || undefined,
    authSecret,
    appUrl,
    allowedOrigins,
    resendApiKey: env.RESEND_API_KEY || undefined,
    resendBaseUrl: env.RESEND_BASE_URL || undefined,
    mailFrom: env.FRESK_MAIL_FROM ?? 'Fresk <missions@localhost>',
    associationEmail: env.FRESK_ASSOCIATION_EMAIL ?? 'association@localhost',
    demo,
    rateLimitPerMinute: positive(env.FRESK_RATE_LIMIT_PER_MINUTE, 60),
    trustedProxies: parseTrustedProxies(env.FRESK_TRUSTED_PROXIES),
    retentionMonths: Number(env.FRESK_RETENTION_MONTHS ?? 12),
    scheduleSeconds: Math.max(1, Number(env.FRESK_SCHEDULE_SECONDS ?? 60) || 60),
    issuerName: env.FRESK_ISSUER_NAME?.trim() || 'Fresque du Climat',
    ofNumber: env.FRESK_OF_NUMBER?.trim() || undefined,
  };
}
