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
import type { Deps } from './context.ts';
import { resendMailer } from './mailer.ts';
import { openNodeDatabase } from './node-db.ts';
import { startOutboxLoop } from './outbox-drainer.ts';
import { nodeWidgetAssets, nodeWidgetManifest } from './node-widget-assets.ts';
import { MemoryRateLimiter } from './rate-limit.ts';
import { purgeExpiredPersonalData } from './services/privacy.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function startNodeServer(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(env);
  const wordpressPort = config.port + 1;
  if (config.demo) config.allowedOrigins.push(`http://localhost:${wordpressPort}`, `http://127.0.0.1:${wordpressPort}`);
  const database = await openNodeDatabase(config.dbUrl, config.dbToken, { tolerateUnavailable: !config.demo });
  const deps: Deps = {
    database,
    clock: systemClock,
    config,
    rateLimiter: new MemoryRateLimiter(config.rateLimitPerMinute),
    addressLimiter: new MemoryRateLimiter(5, 15 * 60_000),
  };
  if (config.demo) {
    const { seedDemo } = await import('../demo/seed.ts');
    await seedDemo(deps);
  }
  const mailer = config.resendApiKey ? resendMailer(config.resendApiKey, config.resendBaseUrl) : null;
  const outboxLoop = startOutboxLoop(deps, mailer);
  deps.kickOutbox = outboxLoop.kick;
  const retention = () =>
    purgeExpiredPersonalData(deps, config.retentionMonths).catch((e: Error) => console.error('[retention]', e.message));
  void retention();
  const retentionTimer = setInterval(retention, 3600_000);
  retentionTimer.unref();

  const widgetDir = resolve(root, 'dist/widget');
  const widgetManifest = nodeWidgetManifest(widgetDir);
  const app = createApp(deps, {
    clientIp: (c) => getConnInfo(c).remote.address ?? 'unknown',
    widgetAssets: nodeWidgetAssets(widgetDir, widgetManifest),
    widgetManifest,
  });
  if (config.demo) {
    app.get('/', (c) => c.redirect('/demo/'));
    app.use('/demo/*', serveStatic({ root, rewriteRequestPath: (p) => (p.endsWith('/') ? `${p}index.html` : p) }));
  }
  const servers: ServerType[] = [serve({ fetch: app.fetch, port: config.port })];
  if (config.demo) servers.push(serve({ fetch: wordpressDemo(deps).fetch, port: wordpressPort }));
  console.log(`Fresk missions on ${config.appUrl}${config.demo ? ` (demo; WordPress-like page on http://localhost:${wordpressPort}/)` : ''}`);

  const stop = async () => {
    outboxLoop.stop();
    await outboxLoop.idle();
    clearInterval(retentionTimer);
    for (const s of servers) s.close();
    database.close();
  };
  return { app, deps, stop };
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
