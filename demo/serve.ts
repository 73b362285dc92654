/**
 * The demo's entry (`npm start`): the plain Node server (server/node.ts) in demo mode, plus what only the
 * demo has — the seeded data (demo/seed.ts, when the database has no mission), the demo pages under
 * `/demo/`, the `/dev/*` routes (demo sign-in tokens, the local outbox: demo/dev-routes.ts) and a
 * WordPress-like page on a second port (PORT + 1). Demo mode is on whatever FRESK_DEMO says: the fixed
 * demo secret is tolerated, and the server listens on loopback only (it mints admin tokens for anyone).
 *
 *   node --import tsx demo/serve.ts
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Env } from '../server/config.ts';
import { startNodeServer, stopOnSignals } from '../server/node.ts';
import { registerDevRoutes } from './dev-routes.ts';
import { seedDemo } from './seed.ts';
import { serveDemoPages, wordpressDemo } from './static.ts';

export async function startDemoServer(env: Env = process.env) {
  const config = loadConfig({ ...env, FRESK_DEMO: '1' });
  const wordpressPort = config.port + 1;
  config.allowedOrigins.push(`http://localhost:${wordpressPort}`, `http://127.0.0.1:${wordpressPort}`);
  const server = await startNodeServer(config, {
    prepare: seedDemo,
    routes: (app, deps) => {
      registerDevRoutes(app, deps);
      serveDemoPages(app, config);
    },
    alsoServe: (deps) => [{ port: wordpressPort, fetch: wordpressDemo(deps).fetch }],
  });
  console.log(`Fresk missions on ${config.appUrl} (demo; WordPress-like page on http://localhost:${wordpressPort}/)`);
  return server;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) stopOnSignals(await startDemoServer());
