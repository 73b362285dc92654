/**
 * What a procedure costs on Workers + Turso, where every SQL statement is one HTTP round trip (one
 * subrequest) from the Worker to the database: the app, with the same `Database` and `@libsql/client`
 * HTTP (Hrana v2) code path as server/worker.ts, against the Turso stand-in (test/libsql-http-server.ts)
 * with an added latency per round trip. Prints round trips and wall time per call.
 *
 *   node --import tsx bench/turso-roundtrips.ts [latencyMs=20]
 *
 * Runs on Node (the HTTP client code is the one the Worker bundles); a benchmark prints figures and exits 0.
 */
import { createClient } from '@libsql/client/web';
import { signJwt, type Claims } from '../server/auth.ts';
import { createApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { makeDeps } from '../server/deps.ts';
import { Database } from '../server/db.ts';
import { applyMigrations } from '../server/migrations.ts';
import { startLibsqlHttpServer } from '../test/libsql-http-server.ts';

const latencyMs = Number(process.argv[2] ?? 20);
const SECRET = 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
const server = await startLibsqlHttpServer({ authToken: 'tok', latencyMs });
const config = loadConfig({ FRESK_AUTH_SECRET: SECRET, FRESK_APP_URL: 'http://fresk.test', FRESK_RATE_LIMIT_PER_MINUTE: '1000000' });
const database = new Database(
  () => createClient({ url: server.url, authToken: 'tok' }),
  async (_db, client) => void (await applyMigrations(client)),
);
const deps = makeDeps(config, { database });
const app = createApp(deps);
await database.ready();

const exp = Math.floor(Date.now() / 1000) + 3600;
const token = (c: Omit<Claims, 'exp'>) => signJwt({ ...c, exp }, SECRET);
const admin = await token({ sub: 'a', email: 'staff@asso.test', name: 'Staff', role: 'admin' });
const coord = await token({ sub: 'c', email: 'coord@fresk.test', name: 'Coord', role: 'facilitator', of: true });

const rows: { call: string; roundTrips: number; ms: number }[] = [];
async function measure<T>(call: string, fn: () => Promise<T>): Promise<T> {
  const before = server.requests;
  const t0 = performance.now();
  const out = await fn();
  rows.push({ call, roundTrips: server.requests - before, ms: Math.round(performance.now() - t0) });
  return out;
}
async function trpc(path: string, t: string, input: unknown, method: 'GET' | 'POST' = 'POST') {
  const url = method === 'GET' ? `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}` : `/trpc/${path}`;
  const res = await app.request(url, {
    method,
    headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
    body: method === 'POST' ? JSON.stringify(input) : undefined,
  });
  const body = (await res.json()) as { result?: { data: any }; error?: unknown };
  if (!body.result) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
const { missionId } = await measure('admin.createMission', () =>
  trpc('admin.createMission', admin, { title: 'Bench', organization: { name: 'Acme', sector: 'entreprise' }, coordinator: { email: 'coord@fresk.test' }, order: [{ kind: 'atelier', quantity: 10 }] }),
);
const { sessionId, participantSignupUrl } = await measure('sessions.create', () =>
  trpc('sessions.create', coord, { missionId, kind: 'atelier', startsAt: `${day}T09:00:00+01:00`, endsAt: `${day}T12:00:00+01:00`, location: { mode: 'onsite', address: 'Paris' }, capacity: 200, extraFacilitators: 2 }),
);
await measure('missions.get', () => trpc('missions.get', coord, { missionId }, 'GET'));
await measure('missions.list', () => trpc('missions.list', coord, {}, 'GET'));
const code = String(participantSignupUrl).split('/').pop();
await measure('participants.signupInfo (public)', () => trpc('participants.signupInfo', coord, { code }, 'GET'));
await measure('participants.register (public)', () => trpc('participants.register', coord, { code, name: 'P', email: 'p1@example.org', consent: true }));
for (const n of [1, 10, 100]) {
  const emails = Array.from({ length: n }, (_, i) => `invite${n}-${i}@example.org`);
  await measure(`participants.invite (${n} emails)`, () => trpc('participants.invite', coord, { sessionId, emails }));
}
await measure('sessions.get', () => trpc('sessions.get', coord, { sessionId }, 'GET'));

console.log(`Round trips Worker → Turso per call (one subrequest each), ${latencyMs} ms added per round trip`);
console.log('call'.padEnd(36), 'round trips'.padStart(11), 'wall ms'.padStart(9));
for (const r of rows) console.log(r.call.padEnd(36), String(r.roundTrips).padStart(11), String(r.ms).padStart(9));
console.log('Limits: 50 subrequests per invocation on the Workers free plan (10,000 paid); libSQL aborts an interactive transaction after 5 s.');
database.close();
await server.close();
