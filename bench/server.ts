/**
 * The bench server: the real Node entry (`startNodeServer`, embedded libSQL file, outbox loop, widget
 * assets) configured by the environment bench/lib.mjs sets, plus fixtures named on the command line:
 *
 *   ping                      mounts /bench-trpc/ping: a no-op tRPC query through the same Hono app, CORS,
 *                             tRPC adapter and publicProcedure (rate limit + error mapping) as the real
 *                             router. It is not part of the API; it only gives the framework's floor.
 *   mission:SxFxP             a mission of S sessions × F facilitators × P participants (through the API)
 *   signup:N:CAPACITY         N open sessions of CAPACITY seats; their public signup codes
 *
 * Prints one line `READY {json}` with what the fixtures made, then serves until SIGTERM.
 *   node --import tsx bench/server.ts ping mission:50x4x20
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { trpcServer } from '@hono/trpc-server';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/config.ts';
import type { Context } from '../server/context.ts';
import { startNodeServer } from '../server/node.ts';
import { publicProcedure, router } from '../server/trpc.ts';
import { bigMission, signupSessions } from './fixtures.ts';

const server = await startNodeServer(loadConfig(process.env));
const { app, deps } = server;
const info: Record<string, unknown> = { fixtures: {} };
const made = info.fixtures as Record<string, unknown>;

for (const spec of process.argv.slice(2)) {
  const [name, ...params] = spec.split(':');
  if (name === 'ping') {
    const benchRouter = router({ ping: publicProcedure.query(() => ({ ok: true })) });
    app.use(
      '/bench-trpc/*',
      trpcServer({
        router: benchRouter,
        endpoint: '/bench-trpc',
        createContext: (_opts, c) => ({ ...deps, claims: null, clientIp: getConnInfo(c).remote.address ?? 'unknown' }) satisfies Context as unknown as Record<string, unknown>,
      }),
    );
    made.ping = '/bench-trpc/ping';
  } else if (name === 'mission') {
    const [sessions, facilitators, participants] = params[0].split('x').map(Number);
    const t0 = performance.now();
    const m = await bigMission(deps, { sessions, facilitators, participants });
    made.mission = { ...m, sessions, facilitators, participants, seededMs: Math.round(performance.now() - t0) };
  } else if (name === 'signup') {
    const [count, capacity] = params.map(Number);
    made.signup = { ...(await signupSessions(deps, count, capacity)), capacity };
  } else {
    throw new Error(`unknown fixture ${spec}`);
  }
}

/** Waits (up to 60 s) until the outbox loop has caught up, so its writes do not overlap the next measurement. */
async function outboxIdle(): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < 1200; i++) {
    const [{ n }] = await deps.database.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM outbox WHERE status = 'pending'`);
    if (Number(n) === 0) break;
    deps.kickOutbox?.();
    await new Promise((r) => setTimeout(r, 50));
  }
  return performance.now() - t0;
}
// Bench-only: GET /bench/cpu answers the server process's CPU time so far (µs, user + system), so a
// benchmark can divide the CPU a load cost by its requests: a figure other work on a shared machine moves
// far less than requests per second.
app.get('/bench/cpu', (c) => {
  const { user, system } = process.cpuUsage();
  return c.json({ micros: user + system });
});
// Bench-only: GET /bench/lane answers the write lane's counters (transactions entered, grouped…), where it has them.
app.get('/bench/lane', (c) => c.json((deps.database as { laneStats?: object }).laneStats ?? {}));
// Bench-only: GET /bench/outbox-idle answers once the outbox loop has caught up.
app.get('/bench/outbox-idle', async (c) => c.json({ waitedMs: Math.round(await outboxIdle()) }));
await outboxIdle();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.stop();
    process.exit(0);
  });
}
console.log(`READY ${JSON.stringify(info)}`);
