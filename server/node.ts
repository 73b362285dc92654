/**
 * The Node entry: the plain server of `npm run serve` (bin/serve.ts; and, through demo/serve.ts, `npm start`). Opens the libSQL database
 * (embedded `file:` by default), applies migrations, drains the email outbox in-process, runs the scheduled
 * work and serves the widget bundles. The demo (seeded data, demo pages, `/dev/*`) is not here: demo/serve.ts
 * adds it through `NodeServerOptions`, so this entry alone never serves a `/dev/*` path.
 */
import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Hono } from 'hono';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { setFallbackFontLoader } from './attestation/fallback-fonts.ts';
import { nodeFontLoader } from './attestation/node-fonts.ts';
import type { Deps } from './context.ts';
import { makeDeps, makeMailer } from './deps.ts';
import { openNodeDatabase } from './node-db.ts';
import { startOutboxLoop } from './outbox-drainer.ts';
import { nodeWidgetAssets, nodeWidgetManifest } from './node-widget-assets.ts';
import { runScheduledWork } from './scheduled.ts';
import { clientAddress } from './client-address.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

type Fetch = (req: Request) => Response | Promise<Response>;

/** What another entry adds to the plain server (demo/serve.ts: the demo). */
export interface NodeServerOptions {
  /** Runs once the database is open, before the outbox loop and the scheduled work start. */
  prepare?: (deps: Deps) => Promise<void>;
  /** Adds routes to the app, after the API's. */
  routes?: (app: Hono, deps: Deps) => void;
  /** Other apps, each served on its own port on the same addresses. */
  alsoServe?: (deps: Deps) => { port: number; fetch: Fetch }[];
}

/**
 * Where the server listens: every interface normally; loopback only (IPv4 and IPv6) in demo mode, whose
 * fixed secret and `/dev/token` mint admin tokens for anyone who asks.
 */
export function listenHosts(config: Pick<Config, 'demo'>): (string | undefined)[] {
  return config.demo ? ['127.0.0.1', '::1'] : [undefined];
}

export async function startNodeServer(config: Config, opts: NodeServerOptions = {}) {
  // Chinese, Japanese and Korean names on attestations: font range files from node_modules.
  setFallbackFontLoader(nodeFontLoader);
  const database = await openNodeDatabase(config.dbUrl, config.dbToken, { tolerateUnavailable: !config.demo });
  const deps = makeDeps(config, { database });
  await opts.prepare?.(deps);
  const outboxLoop = startOutboxLoop(deps, makeMailer(config));
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
  opts.routes?.(app, deps);
  const others = opts.alsoServe?.(deps) ?? [];
  const servers: ServerType[] = [];
  for (const hostname of listenHosts(config)) {
    servers.push(listen(app.fetch, config.port, hostname));
    for (const other of others) servers.push(listen(other.fetch, other.port, hostname));
  }

  const stop = async () => {
    outboxLoop.stop();
    await outboxLoop.idle();
    clearInterval(scheduleTimer);
    for (const s of servers) s.close();
    database.close();
  };
  return { app, deps, stop };
}

/** Stops the server on SIGINT and SIGTERM (the entries' last step). */
export function stopOnSignals(server: { stop: () => Promise<void> }): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void server.stop().finally(() => process.exit(0)));
}

/** Listens on one address; an address the machine lacks (no IPv6 loopback) is reported, not fatal. */
function listen(fetch: Fetch, port: number, hostname: string | undefined): ServerType {
  const server = serve({ fetch, port, ...(hostname && { hostname }) });
  server.on('error', (e: Error) => console.warn(`[node] cannot listen on ${hostname ?? '*'}:${port}: ${e.message}`));
  return server;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const config = loadConfig(process.env);
  if (config.demo) {
    console.error('server/node.ts is the plain server and never serves the demo: with FRESK_DEMO=1 run `npm run serve` (bin/serve.ts) or `npm start` (demo/serve.ts).');
    process.exit(1);
  }
  const server = await startNodeServer(config);
  console.log(`Fresk missions on ${config.appUrl}`);
  stopOnSignals(server);
}
