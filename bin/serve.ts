/**
 * `npm run serve`: the Node command, configured only by the environment (API.md). FRESK_DEMO is part of that
 * environment: with FRESK_DEMO=1 the demo's entry runs (demo/serve.ts: seed, demo pages, `/dev/*`, loopback
 * only), as `npm start` does; otherwise the plain server (server/node.ts). The choice is made here, above
 * both, so that server/ never imports demo/ and the Worker bundle never holds the demo.
 *
 *   node --import tsx bin/serve.ts
 */
import { loadConfig, wantsDemo } from '../server/config.ts';
import { startNodeServer, stopOnSignals } from '../server/node.ts';

if (wantsDemo(process.env)) {
  const { startDemoServer } = await import('../demo/serve.ts');
  stopOnSignals(await startDemoServer());
} else {
  const config = loadConfig(process.env);
  const server = await startNodeServer(config);
  console.log(`Fresk missions on ${config.appUrl}`);
  stopOnSignals(server);
}
