/**
 * The Cloudflare Workers entry (wrangler.toml `main`): the same Hono app as the Node entry, with
 *   - the database in Turso through `@libsql/client/web` (Hrana over HTTP; FRESK_DB_URL, FRESK_DB_TOKEN),
 *     migrations applied lazily once per isolate (server/migrations.ts; FRESK_AUTO_MIGRATE=0 turns it off),
 *   - rate limits through Cloudflare's rate-limiting bindings (server/cf-rate-limit.ts),
 *   - the caller's address from `CF-Connecting-IP`,
 *   - the widget bundles from the static-assets binding, under /widget/, and from it too (never served) the
 *     CJK font range files of attestations (dist/widget/fonts/, server/attestation/fallback-fonts.ts),
 *   - the email outbox drained by the Cron Trigger (`scheduled`), and right after a request that queued
 *     mail (`ctx.waitUntil`), so a magic link does not wait for the next minute.
 * Nothing here (nor anything it imports) may use a Node-only API: `npm run deploy -- --dry-run` and
 * bench/worker-size.mjs check the bundle.
 */
import { createClient } from '@libsql/client/web';
import type { Context as HonoContext, MiddlewareHandler } from 'hono';
import { createApp } from './app.ts';
import { configEnv, type Bindings, type ScheduledEventLike, type WorkerContext } from './bindings.ts';
import { allOf, CloudflareRateLimiter } from './cf-rate-limit.ts';
import { loadConfig } from './config.ts';
import type { Deps } from './context.ts';
import { magicLinkLimiter, makeDeps, makeMailer } from './deps.ts';
import { Database } from './db.ts';
import type { Mailer } from './mailer.ts';
import { setFallbackFontLoader } from './attestation/fallback-fonts.ts';
import { applyMigrations } from './migrations.ts';
import { drainOutbox } from './outbox-drainer.ts';
import { rateIdentity } from './client-address.ts';
import { runScheduledJobs, runScheduledWork } from './scheduled.ts';
import { immutableCache, isHashedName, type WidgetManifest } from './widget-files.ts';

/** Rows sent by the drain that follows a request (≈3 subrequests each; the free plan allows 50). */
const KICK_BATCH = 5;

interface Isolate {
  key: string;
  deps: Deps;
  app: ReturnType<typeof createApp>;
  mailer: Mailer | null;
  /**
   * Counts `kickOutbox` calls (a write queued mail). A request that sees it move while it ran drains the
   * outbox in its `waitUntil`, after its own commit: its own message goes at once. A concurrent request may
   * see another's kick and drain too; harmless, rows are claimed one drainer at a time.
   */
  kicks: number;
}

let current: Isolate | null = null;

/** What the isolate's state depends on: rebuilt only if the configuration changes (tests, redeploys). */
function fingerprint(env: Bindings): string {
  return JSON.stringify(configEnv(env)) + (env.RATE_LIMITER ? '+rl' : '') + (env.ADDRESS_LIMITER ? '+al' : '') + (env.ASSETS ? '+as' : '');
}

/**
 * `/widget/<file>` → the static asset `<file>` (wrangler.toml `[assets] directory = "./dist/widget"`).
 * Cloudflare compresses and sets an ETag; the content-hashed names are also cached for a year (the stable
 * names keep the platform's revalidation). The manifest and the Node server's precompressed copies are
 * not served (dist/widget/.assetsignore keeps the latter out of the upload).
 */
function widgetAssets(env: Bindings): MiddlewareHandler {
  return async (c: HonoContext, next) => {
    if (!env.ASSETS) return next();
    const url = new URL(c.req.url);
    url.pathname = url.pathname.replace(/^\/widget(?=\/)/, '');
    if (!/\.(?:js|css)$/.test(url.pathname)) return next();
    const res = await env.ASSETS.fetch(new Request(url.toString(), c.req.raw));
    if (res.status === 404) return next();
    // A mutable copy: the CORS middleware adds its headers to it.
    const copy = new Response(res.body, res);
    if (res.ok && isHashedName(url.pathname)) copy.headers.set('Cache-Control', immutableCache);
    return copy;
  };
}

/** dist/widget/manifest.json through the assets binding, once per isolate (a deploy starts new isolates). */
function widgetManifest(env: Bindings): () => Promise<WidgetManifest | undefined> {
  let manifest: WidgetManifest | undefined;
  return async () => {
    if (manifest || !env.ASSETS) return manifest;
    const res = await env.ASSETS.fetch(new Request('https://assets.invalid/manifest.json')).catch(() => undefined);
    if (res?.ok) manifest = (await res.json()) as WidgetManifest;
    return manifest;
  };
}

function isolateFor(env: Bindings): Isolate {
  const key = fingerprint(env);
  if (current?.key === key) return current;
  const config = loadConfig(configEnv(env));
  if (!env.FRESK_DB_URL) throw new Error('FRESK_DB_URL is not set (wrangler.toml [vars]).');
  const autoMigrate = env.FRESK_AUTO_MIGRATE !== '0';
  const database = new Database(
    () => createClient({ url: config.dbUrl, authToken: config.dbToken }),
    async (_db, client) => {
      if (!autoMigrate) return;
      const applied = await applyMigrations(client);
      if (applied.length) console.log(`[db] applied migrations: ${applied.join(', ')}`);
    },
  );
  if (!env.RATE_LIMITER) console.warn('[ratelimit] no RATE_LIMITER binding: falling back to a per-isolate limiter.');
  // Magic links: the per-isolate count (as on Node), and the binding's per-location count across isolates
  // (its period is at most 60 s).
  const deps = makeDeps(config, {
    database,
    rateLimiter: env.RATE_LIMITER ? new CloudflareRateLimiter(env.RATE_LIMITER, 'ratelimit') : undefined,
    addressLimiter: env.ADDRESS_LIMITER ? allOf(magicLinkLimiter(), new CloudflareRateLimiter(env.ADDRESS_LIMITER, 'magic-link')) : undefined,
  });
  const iso: Isolate = {
    key,
    deps,
    app: undefined as unknown as Isolate['app'],
    mailer: makeMailer(config),
    kicks: 0,
  };
  iso.deps.kickOutbox = () => void iso.kicks++;
  iso.app = createApp(iso.deps, {
    clientIp: (c) => rateIdentity(c.req.header('cf-connecting-ip') ?? 'unknown'),
    widgetAssets: widgetAssets(env),
    widgetManifest: widgetManifest(env),
  });
  // Chinese, Japanese and Korean names on attestations: the font range files `npm run build` copied
  // into the static assets (dist/widget/fonts/; /widget/ serves only .js and .css, so not them).
  const assets = env.ASSETS;
  setFallbackFontLoader(
    assets
      ? async (path) => {
          const res = await assets.fetch(new Request(`https://assets.invalid/fonts/${path}`));
          return res.ok ? new Uint8Array(await res.arrayBuffer()) : (await res.body?.cancel(), null);
        }
      : null,
  );
  current = iso;
  return iso;
}

/** An error and its causes in one line (drizzle wraps driver errors as "Failed query: …"). */
function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e = error as { message?: string; cause?: unknown } | undefined, i = 0; e && i < 4; e = e.cause as typeof e, i++) parts.push(String(e.message ?? e));
  return parts.join(' <- ');
}

function misconfigured(error: unknown): Response {
  console.error('[worker] configuration error:', (error as Error).message);
  return Response.json({ error: { message: 'Server misconfigured' } }, { status: 500 });
}

/** Sends a few due messages after a request that queued mail (the Cron Trigger sends the rest). */
async function drainSoon(iso: Isolate): Promise<void> {
  try {
    await drainOutbox(iso.deps, iso.mailer, KICK_BATCH);
  } catch (error) {
    console.error('[outbox] drain after request failed:', describe(error));
  }
}

/** The Cron Trigger's job: due emails, then retention (server/scheduled.ts). */
async function cron(iso: Isolate): Promise<void> {
  await iso.deps.database.ready();
  if (iso.mailer) {
    // About 3 subrequests per message: 12 keeps a run under the free plan's 50 (the cron runs every minute).
    const { reminders, outbox, retention } = await runScheduledJobs(iso.deps, iso.mailer, { batch: 12 });
    console.log('[cron] reminders', JSON.stringify(reminders), 'outbox', JSON.stringify(outbox), 'retention', JSON.stringify(retention));
  } else {
    // No key: leave messages pending (not "kept"), so they go out once RESEND_API_KEY is set.
    console.error('[cron] RESEND_API_KEY is not set: emails stay queued. Set it with `wrangler secret put RESEND_API_KEY`.');
    const { reminders, retention } = await runScheduledWork(iso.deps);
    console.log('[cron] reminders', JSON.stringify(reminders), 'retention', JSON.stringify(retention));
  }
}

export default {
  async fetch(request: Request, env: Bindings, ctx: WorkerContext): Promise<Response> {
    let iso: Isolate;
    try {
      iso = isolateFor(env);
    } catch (error) {
      return misconfigured(error);
    }
    const path = new URL(request.url).pathname;
    // tRPC and /health make sure the database is migrated themselves; the other routes read tables too.
    if (path !== '/health' && !path.startsWith('/trpc/') && !path.startsWith('/widget/')) await iso.deps.database.ready().catch(() => undefined);
    const kicks = iso.kicks;
    const response = await iso.app.fetch(request, env, ctx);
    if (iso.kicks !== kicks && iso.mailer) ctx.waitUntil(drainSoon(iso));
    return response;
  },

  async scheduled(_event: ScheduledEventLike, env: Bindings, ctx: WorkerContext): Promise<void> {
    const iso = isolateFor(env);
    ctx.waitUntil(
      cron(iso).catch((error: Error) => {
        console.error('[cron] failed:', describe(error));
        throw error;
      }),
    );
  },
};
