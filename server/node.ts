/**
 * The Node entry: `npm start` (demo) and `npm run serve`. Opens the libSQL database (embedded `file:` by
 * default), applies migrations, drains the email outbox in-process, serves the widget bundles and, in demo
 * mode, the demo pages, the local outbox and a WordPress-like page on a second port (PORT + 1).
 */
import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { systemClock } from './clock.ts';
import { loadConfig } from './config.ts';
import { setFallbackFontLoader } from './attestation/fallback-fonts.ts';
import { nodeFontLoader } from './attestation/node-fonts.ts';
import type { Deps } from './context.ts';
import { resendMailer } from './mailer.ts';
import { openNodeDatabase } from './node-db.ts';
import { startOutboxLoop } from './outbox-drainer.ts';
import { nodeWidgetAssets, nodeWidgetManifest } from './node-widget-assets.ts';
import { MemoryRateLimiter, publicRateLimiter } from './rate-limit.ts';
import { runScheduledWork } from './scheduled.ts';
import { clientAddress } from './client-address.ts';
import { listenHosts, serveDemoPages } from './demo-static.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function startNodeServer(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(env);
  // Chinese, Japanese and Korean names on attestations: font range files from node_modules.
  setFallbackFontLoader(nodeFontLoader);
  const wordpressPort = config.port + 1;
  if (config.demo) config.allowedOrigins.push(`http://localhost:${wordpressPort}`, `http://127.0.0.1:${wordpressPort}`);
  const database = await openNodeDatabase(config.dbUrl, config.dbToken, { tolerateUnavailable: !config.demo });
  const deps: Deps = {
    database,
    clock: systemClock,
    config,
    rateLimiter: publicRateLimiter(config.rateLimitPerMinute),
    addressLimiter: new MemoryRateLimiter(5, 15 * 60_000),
  };
  if (config.demo) {
    const { seedDemo } = await import('../demo/seed.ts');
    await seedDemo(deps);
  }
  const mailer = config.resendApiKey ? resendMailer(config.resendApiKey, config.resendBaseUrl) : null;
  const outboxLoop = startOutboxLoop(deps, mailer);
  deps.kickOutbox = outboxLoop.kick;
  // Reminders (the day before, the days after) and retention: at start, then every FRESK_SCHEDULE_SECONDS.
  const scheduled = () =>
    runScheduledWork(deps)
      .then(({ reminders: { dayBefore, dayAfter } }) => dayBefore + dayAfter.attendanceReminders + dayAfter.surveyReminders > 0 && outboxLoop.kick())
      .catch((e: Error) => console.error('[scheduled]', e.message));
  void scheduled();
  const scheduleTimer = setInterval(scheduled, config.scheduleSeconds * 1000);
  scheduleTimer.unref();

  const widgetDir = resolve(root, 'dist/widget');
  const widgetManifest = nodeWidgetManifest(widgetDir);
  const app = createApp(deps, {
    clientIp: (c) => clientAddress(getConnInfo(c).remote.address, c.req.header('x-forwarded-for'), config.trustedProxies),
    widgetAssets: nodeWidgetAssets(widgetDir, widgetManifest),
    widgetManifest,
  });
  if (config.demo) serveDemoPages(app, config, root);
  const servers: ServerType[] = [];
  for (const hostname of listenHosts(config)) {
    servers.push(listen(app.fetch, config.port, hostname));
    if (config.demo) servers.push(listen(wordpressDemo(deps).fetch, wordpressPort, hostname));
  }
  console.log(`Fresk missions on ${config.appUrl}${config.demo ? ` (demo; WordPress-like page on http://localhost:${wordpressPort}/)` : ''}`);

  const stop = async () => {
    outboxLoop.stop();
    await outboxLoop.idle();
    clearInterval(scheduleTimer);
    for (const s of servers) s.close();
    database.close();
  };
  return { app, deps, stop };
}

/** Listens on one address; an address the machine lacks (no IPv6 loopback) is reported, not fatal. */
function listen(fetch: (req: Request) => Response | Promise<Response>, port: number, hostname: string | undefined): ServerType {
  const server = serve({ fetch, port, ...(hostname && { hostname }) });
  server.on('error', (e: Error) => console.warn(`[node] cannot listen on ${hostname ?? '*'}:${port}: ${e.message}`));
  return server;
}

/**
 * The demo's "WordPress page on another origin": demo/wordpress/index.html with a real signup code of the
 * seeded open session, under a strict CSP that allows scripts and API calls to the Fresk server only.
 */
function wordpressDemo(deps: Deps) {
  const app = new Hono();
  const api = deps.config.appUrl;
  app.get('/', async (c) => {
    const { demoSignupCode } = await import('../demo/seed.ts');
    const html = readFileSync(resolve(root, 'demo/wordpress/index.html'), 'utf8')
      .replaceAll('{{API}}', api)
      .replaceAll('{{SIGNUP_CODE}}', await demoSignupCode(deps));
    return c.html(html, 200, {
      'Content-Security-Policy': `default-src 'none'; script-src 'self' ${api}; style-src 'self'; connect-src ${api}; img-src 'self' data:; base-uri 'none'; form-action 'none'`,
    });
  });
  app.use('/*', serveStatic({ root: resolve(root, 'demo/wordpress') }));
  return app;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = await startNodeServer();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void server.stop().finally(() => process.exit(0)));
}
