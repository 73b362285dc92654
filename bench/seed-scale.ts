/**
 * Generates a database of the project's schema at scale, fast: raw multi-row INSERTs through @libsql/client,
 * many per transaction, with the migrations applied first (so the tables and indexes are exactly the app's).
 *
 *   node --import tsx bench/seed-scale.ts [--missions 10000] [--out bench/.cache/scale-10000.db]
 *
 * Shape (deterministic, so a cached file is reusable): `missions / 10` coordinators with 10 missions each;
 * each mission has 10 sessions × 2 facilitators (its coordinator and one other) × 10 participants, except
 * one **target mission** of 50 sessions × 4 facilitators × 20 participants (the coordinator dashboard the
 * HTTP benchmark measures), which is the 10th mission of the **target coordinator**. The first half of the
 * missions are in the past with their retributions requested; the other half are planned from 2029 on.
 * Every session has its two shareable-link tokens (secrets derived with BENCH_SECRET as the server does)
 * and every registration its cancellation token. With --missions 10000: 10,000 missions, 100,040 sessions,
 * 200,180 session facilitators, 1,000,900 participants, 1,200,980 tokens (about 0.9 GB; 2 minutes on a busy
 * 2-core machine, then cached).
 */
import { createClient } from '@libsql/client';
import { createHash, createHmac } from 'node:crypto';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { fileURLToPath } from 'node:url';

const migrationsFolder = fileURLToPath(new URL('../schema/migrations', import.meta.url));

export const BENCH_SECRET = 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PAST_BASE = Date.UTC(2025, 0, 1);
const FUTURE_BASE = Date.UTC(2029, 0, 1);

export const TYPICAL = { sessions: 10, facilitators: 2, participants: 10 };
export const TARGET = { sessions: 50, facilitators: 4, participants: 20 };

/** A UUID-shaped id: a type digit, a number, fixed middle groups. Sequential, so inserts append to the indexes. */
const uid = (type: string, n: number) => `${type}${n.toString(16).padStart(7, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export interface ScaleShape {
  missions: number;
  coordinators: number;
  targetCoordinator: number;
  targetMission: number;
}

export function shapeOf(missions: number): ScaleShape {
  const coordinators = Math.max(1, Math.floor(missions / 10));
  const targetCoordinator = Math.floor(coordinators / 2);
  // Missions go to coordinators round-robin: mission i belongs to coordinator i % coordinators.
  const mine = Array.from({ length: missions }, (_, i) => i).filter((i) => i % coordinators === targetCoordinator);
  return { missions, coordinators, targetCoordinator, targetMission: mine[mine.length - 1] };
}

/** What the bench needs to act as the target coordinator (claims equal to the stored record: no write on first use). */
export function targetOf(shape: ScaleShape) {
  const c = shape.targetCoordinator;
  return {
    missionId: uid('c', shape.targetMission),
    coordinator: { sub: `portal-${c}`, email: `coordinator-${c}@bench.test`, name: `Coordinator ${c}`, role: 'facilitator' as const, of: true },
    firstSessionId: uid('d', firstSessionOf(shape, shape.targetMission)),
  };
}

/** Sessions are numbered in mission order; every mission has TYPICAL.sessions but the target one. */
function firstSessionOf(shape: ScaleShape, mission: number) {
  return mission <= shape.targetMission ? mission * TYPICAL.sessions : shape.targetMission * TYPICAL.sessions + TARGET.sessions + (mission - shape.targetMission - 1) * TYPICAL.sessions;
}

const q = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`);
const linkSecret = (tokenId: string) => createHmac('sha256', BENCH_SECRET).update(`fresk-link:${tokenId}`).digest('base64url').slice(0, 32);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function seedScale(file: string, missions: number, log: (m: string) => void = () => {}) {
  const shape = shapeOf(missions);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  for (const s of ['', '-wal', '-shm', '-journal']) rmSync(tmp + s, { force: true });

  const client = createClient({ url: `file:${tmp}` });
  await client.executeMultiple('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -400000; PRAGMA temp_store = MEMORY;');
  // The app's own migrations: the tables and indexes exactly as in production.
  await migrate(drizzle(client), { migrationsFolder });
  const t0 = performance.now();
  const counts: Record<string, number> = {};
  const buffers = new Map<string, string[]>();
  let pendingRows = 0;

  // Rows wait in per-table buffers; a commit writes the tables in the order they were first used, which is
  // the order of their foreign keys, in INSERTs of 500 rows.
  const columns = new Map<string, string>();
  const commit = async () => {
    const statements: string[] = [];
    for (const [table, rows] of buffers) {
      for (let i = 0; i < rows.length; i += 500) statements.push(`INSERT INTO ${table} (${columns.get(table)}) VALUES ${rows.slice(i, i + 500).join(',')};`);
      buffers.set(table, []);
    }
    if (!statements.length) return;
    await client.executeMultiple(`BEGIN; ${statements.join('\n')} COMMIT;`);
    pendingRows = 0;
  };
  /** Queues a row; columns are named (from the first row of each table), so new nullable columns are no concern. */
  const add = async (table: string, row: Record<string, string | number | null>) => {
    let rows = buffers.get(table);
    if (!rows) buffers.set(table, (rows = []));
    const keys = Object.keys(row).join(', ');
    if (!columns.has(table)) columns.set(table, keys);
    else if (columns.get(table) !== keys) throw new Error(`${table}: rows must name the same columns`);
    rows.push(`(${Object.values(row).map(q).join(',')})`);
    counts[table] = (counts[table] ?? 0) + 1;
    if (++pendingRows >= 50_000) await commit();
  };

  const organizations = Math.max(1, Math.floor(missions / 5));
  const others = Math.max(10, shape.coordinators * 2);
  const sectors = ['entreprise', 'enseignement', 'collectivite', 'association'];
  for (let o = 0; o < organizations; o++) await add('organizations', { id: uid('a', o), name: `Organisation ${o}`, sector: sectors[o % 4], created_at: PAST_BASE - DAY });
  // Facilitators: coordinators first (portal ids as the portal would send), then the others.
  for (let c = 0; c < shape.coordinators; c++) await add('facilitators', { id: uid('b', c), portal_id: `portal-${c}`, email: `coordinator-${c}@bench.test`, name: `Coordinator ${c}`, of_compliant: 1, created_at: PAST_BASE - DAY });
  for (let f = 0; f < others; f++) {
    const n = shape.coordinators + f;
    await add('facilitators', { id: uid('b', n), portal_id: `portal-${n}`, email: `facilitator-${n}@bench.test`, name: `Facilitator ${n}`, of_compliant: 1, created_at: PAST_BASE - DAY });
  }

  let session = 0;
  let registration = 0;
  let token = 0;
  let request = 0;
  const half = Math.floor(missions / 2);
  for (let m = 0; m < missions; m++) {
    const past = m < half;
    const target = m === shape.targetMission;
    const dims = target ? TARGET : TYPICAL;
    const missionId = uid('c', m);
    const coordinator = m % shape.coordinators;
    const createdAt = (past ? PAST_BASE : FUTURE_BASE - 60 * DAY) + m * HOUR;
    await add('missions', { id: missionId, organization_id: uid('a', m % organizations), coordinator_id: uid('b', coordinator), title: `Mission ${m}`, status: 'open', closed_at: null, created_at: createdAt });
    await add('order_lines', { mission_id: missionId, kind: 'atelier', quantity: dims.sessions * dims.facilitators });
    await add('order_lines', { mission_id: missionId, kind: 'formation', quantity: 2 });
    const requestId = past ? uid('9', request++) : null;
    if (requestId) await add('retribution_requests', { id: requestId, mission_id: missionId, period: '2025-12', requested_at: PAST_BASE + 400 * DAY, requested_by: uid('b', coordinator) });
    for (let s = 0; s < dims.sessions; s++) {
      const sessionId = uid('d', session++);
      const start = (past ? PAST_BASE : FUTURE_BASE) + m * HOUR + (s + 1) * 7 * DAY;
      const end = start + 3 * HOUR;
      const facilitatorLink = uid('f', token++);
      const signupLink = uid('f', token++);
      await add('tokens', { id: facilitatorLink, hash: sha256(linkSecret(facilitatorLink)), purpose: 'facilitator_link', session_id: sessionId, email: null, subject_id: null, created_at: createdAt });
      await add('tokens', { id: signupLink, hash: sha256(linkSecret(signupLink)), purpose: 'signup_link', session_id: sessionId, email: null, subject_id: null, created_at: createdAt });
      await add('sessions', {
        id: sessionId, mission_id: missionId, kind: s % 5 === 4 ? 'formation' : 'atelier', title: null,
        starts_at: start, ends_at: end, starts_at_iso: new Date(start).toISOString(), ends_at_iso: new Date(end).toISOString(),
        timezone: 'Europe/Paris', location_mode: 'onsite', address: `${s + 1} rue de la Paix, 75002 Paris`, url: null,
        capacity: Math.max(dims.participants, 12), extra_facilitators: dims.facilitators - 1, coordinator_facilitates: 1,
        language: 'fr', status: 'planned', facilitator_link_id: facilitatorLink, signup_link_id: signupLink, created_at: createdAt,
      });
      for (let f = 0; f < dims.facilitators; f++) {
        const facilitatorId = f === 0 ? uid('b', coordinator) : uid('b', shape.coordinators + ((m * 7 + s * 3 + f) % others));
        await add('session_facilitators', { session_id: sessionId, facilitator_id: facilitatorId, status: 'remunere', registered_at: createdAt + f });
        if (requestId) await add('retribution_lines', { request_id: requestId, session_id: sessionId, facilitator_id: facilitatorId });
      }
      for (let p = 0; p < dims.participants; p++) {
        const id = uid('e', registration++);
        const cancel = uid('f', token++);
        const email = `participant-${registration}@example.org`;
        await add('tokens', { id: cancel, hash: sha256(`cancel:${cancel}`), purpose: 'cancel', session_id: sessionId, email, subject_id: id, created_at: createdAt + p });
        await add('registrations', { id, session_id: sessionId, name: `Participant ${registration}`, email, consent_at: createdAt + p, registered_at: createdAt + p, cancel_token_id: cancel });
      }
    }
    if (m % 1000 === 999) log(`  … ${m + 1} missions, ${session} sessions, ${registration} participants (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  await commit();
  await client.executeMultiple('PRAGMA journal_mode = WAL;');
  await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  client.close();
  for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
  renameSync(tmp, file);
  for (const s of ['-wal', '-shm', '-journal']) rmSync(tmp + s, { force: true });
  return { shape, counts, seconds: (performance.now() - t0) / 1000 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--missions');
  const missions = i > 0 ? Number(process.argv[i + 1]) : 10_000;
  const o = process.argv.indexOf('--out');
  const out = o > 0 ? process.argv[o + 1] : `bench/.cache/scale-${missions}.db`;
  const result = await seedScale(out, missions, console.log);
  console.log(JSON.stringify({ out, ...result }, null, 2));
}
