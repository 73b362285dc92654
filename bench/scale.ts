/**
 * Scale: the same procedures on a small database and on a big one (10,000 missions, ~100,000 sessions,
 * ~1,000,000 participants, made by bench/seed-scale.ts and cached under bench/.cache/), for the same
 * coordinator and the same mission shape in both. The cost must stay flat: the figure that matters is
 * big ÷ small. Calls go through the tRPC caller (the real procedures, no HTTP, so the database's share is
 * not hidden by transport costs), alternating between the two databases in batches so a noisy machine
 * slows both alike. Statements per call are counted, and every statement's query plan is checked for
 * full-table scans.
 *
 *   node --import tsx bench/scale.ts [--missions 10000] [--calls 100] [--json out.json]
 */
import { createHash, createHmac } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../server/config.ts';
import { makeDeps } from '../server/deps.ts';
import { openNodeDatabase } from '../server/node-db.ts';
import { createCaller } from '../server/router.ts';
import { BENCH_SECRET, seedScale, shapeOf, targetOf } from './seed-scale.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const argOf = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const BIG = Number(argOf('missions', '10000'));
const SMALL = 10;
const CALLS = Number(argOf('calls', '100'));
const BATCH = 10;

/** The cache key: the seeding script and the migrations (a schema change makes a new file). */
function cacheKey(): string {
  const h = createHash('sha256');
  h.update(readFileSync(join(root, 'bench/seed-scale.ts')));
  const migrations = join(root, 'schema/migrations');
  for (const f of readdirSync(migrations).filter((f) => f.endsWith('.sql')).sort()) h.update(readFileSync(join(migrations, f)));
  return h.digest('hex').slice(0, 12);
}

async function cachedDb(missions: number) {
  const file = join(root, 'bench/.cache', `scale-${missions}-${cacheKey()}.db`);
  let seeded: Awaited<ReturnType<typeof seedScale>> | null = null;
  if (!existsSync(file)) {
    console.error(`seeding ${file} (${missions} missions)…`);
    seeded = await seedScale(file, missions, (m) => console.error(m));
  }
  return { file, seeded };
}

const linkSecret = (tokenId: string) => createHmac('sha256', BENCH_SECRET).update(`fresk-link:${tokenId}`).digest('base64url').slice(0, 32);

async function openCopy(missions: number) {
  const { file, seeded } = await cachedDb(missions);
  const copy = join(tmpdir(), `fresk-scale-${missions}-${process.pid}.db`);
  copyFileSync(file, copy);
  const database = await openNodeDatabase(`file:${copy}`);
  const config = loadConfig({ FRESK_AUTH_SECRET: BENCH_SECRET, FRESK_APP_URL: 'http://bench.local', FRESK_RATE_LIMIT_PER_MINUTE: '1000000000' });
  const deps = makeDeps(config, { database });
  const shape = shapeOf(missions);
  const target = targetOf(shape);
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const me = createCaller({ ...deps, claims: { ...target.coordinator, exp }, clientIp: 'bench' });
  const anonymous = createCaller({ ...deps, claims: null, clientIp: 'bench' });
  const staff = createCaller({ ...deps, claims: { sub: 'bench-staff', email: 'staff@bench.local', name: 'Staff', role: 'admin', exp }, clientIp: 'bench' });
  const [{ signup_link_id }] = await database.db.all<{ signup_link_id: string }>(
    `SELECT signup_link_id FROM sessions WHERE id = '${target.firstSessionId}'` as never,
  );
  const code = linkSecret(signup_link_id);
  const counts = Object.fromEntries(
    await Promise.all(
      ['missions', 'sessions', 'registrations', 'session_facilitators', 'tokens'].map(async (t) => {
        const [{ n }] = await database.db.all<{ n: number }>(`SELECT count(*) AS n FROM ${t}` as never);
        return [t, Number(n)] as const;
      }),
    ),
  );
  const procedures: Record<string, () => Promise<unknown>> = {
    'missions.get': () => me.missions.get({ missionId: target.missionId }),
    'missions.list': () => me.missions.list({}),
    'sessions.get': () => me.sessions.get({ sessionId: target.firstSessionId }),
    'participants.signupInfo': () => anonymous.participants.signupInfo({ code }),
    // The desk's lists: one page whatever the number of missions, small enough that both databases fill it
    // (the small one has 10 missions, 5 of them with a retribution request of 20 lines).
    'admin.missions': () => staff.admin.missions({ limit: 10 }),
    'admin.missions (open)': () => staff.admin.missions({ status: 'open', limit: 10 }),
    'admin.retributionRequests': () => staff.admin.retributionRequests({ limit: 5 }),
    'admin.retributionRequests (pending)': () => staff.admin.retributionRequests({ status: 'pending', limit: 5 }),
    'admin.facilitators': () => staff.admin.facilitators({ limit: 10 }),
  };
  return {
    missions,
    database,
    procedures,
    counts,
    bytes: statSync(file).size,
    cacheFile: file,
    seeded,
    close() {
      database.client.close();
      for (const s of ['', '-wal', '-shm']) rmSync(copy + s, { force: true });
    },
  };
}

type Opened = Awaited<ReturnType<typeof openCopy>>;

/** The statements one call sends, and those whose plan scans a whole table or index. */
async function statementsAndScans(db: Opened, call: () => Promise<unknown>) {
  const client = db.database.client;
  const seen: { sql: string; args: unknown }[] = [];
  const original = client.execute.bind(client);
  (client as { execute: unknown }).execute = (stmt: { sql: string; args: unknown }) => {
    seen.push(stmt);
    return original(stmt as never);
  };
  const before = db.database.statements;
  try {
    await call();
  } finally {
    (client as { execute: unknown }).execute = original;
  }
  const statements = db.database.statements - before;
  const scans: string[] = [];
  for (const s of seen) {
    const plan = await original({ sql: `EXPLAIN QUERY PLAN ${s.sql}`, args: s.args as never });
    for (const row of plan.rows) {
      const detail = String(row.detail);
      if (/^SCAN /.test(detail)) scans.push(`${detail}  ←  ${s.sql.replace(/\s+/g, ' ').trim().slice(0, 160)}`);
    }
  }
  return { statements, scans };
}

function quantile(values: number[], q: number) {
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.ceil(pos)] - s[lo]) * (pos - lo);
}

const small = await openCopy(SMALL);
const big = await openCopy(BIG).catch((error) => {
  small.close();
  throw error;
});
const names = Object.keys(small.procedures);
const times: Record<string, Record<number, number[]>> = Object.fromEntries(names.map((n) => [n, { [SMALL]: [], [BIG]: [] }]));
const checks: Record<string, Record<number, { statements: number; scans: string[] }>> = {};

try {
  for (const name of names) {
    checks[name] = {};
    for (const db of [small, big]) {
      for (let i = 0; i < 10; i++) await db.procedures[name](); // warm-up (JIT, page cache)
      checks[name][db.missions] = await statementsAndScans(db, db.procedures[name]);
    }
  }
  for (let done = 0; done < CALLS; done += BATCH) {
    for (const name of names) {
      for (const db of [small, big]) {
        for (let i = 0; i < BATCH; i++) {
          const t0 = performance.now();
          await db.procedures[name]();
          times[name][db.missions].push(performance.now() - t0);
        }
      }
    }
  }
} finally {
  small.close();
  big.close();
}

const rows = names.map((name) => {
  const s = times[name][SMALL];
  const b = times[name][BIG];
  return {
    procedure: name,
    small: { p50: quantile(s, 0.5), p99: quantile(s, 0.99) },
    big: { p50: quantile(b, 0.5), p99: quantile(b, 0.99) },
    ratioP50: quantile(b, 0.5) / quantile(s, 0.5),
    statements: { small: checks[name][SMALL].statements, big: checks[name][BIG].statements },
    scans: checks[name][BIG].scans,
  };
});

const f = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : '—');
const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
const markdown = [
  line(['procedure (target coordinator / mission)', 'small p50 ms', 'small p99 ms', 'big p50 ms', 'big p99 ms', 'big ÷ small (p50)', 'flat?', 'statements small / big', 'full scans in plan (big DB)']),
  line(['---', '---:', '---:', '---:', '---:', '---:', '---', '---:', '---:']),
  ...rows.map((r) =>
    line([
      `\`${r.procedure}\``,
      f(r.small.p50),
      f(r.small.p99),
      f(r.big.p50),
      f(r.big.p99),
      `**${f(r.ratioP50)}**`,
      // Within 1.5× of the small database counts as flat on this noisy machine.
      r.ratioP50 <= 1.5 && r.scans.length === 0 ? 'yes' : '**no**',
      `${r.statements.small} / ${r.statements.big}`,
      String(r.scans.length),
    ]),
  ),
].join('\n');
const sizes = [small, big].map((d) => ({ missions: d.missions, counts: d.counts, megabytes: Math.round(d.bytes / 2 ** 20), cacheFile: d.cacheFile.replace(root, ''), seededSeconds: d.seeded?.seconds ?? null }));
const scanLines = rows.flatMap((r) => r.scans.map((s) => `- \`${r.procedure}\`: ${s}`));

console.log(`\nSmall vs big database, ${CALLS} calls per procedure per database (tRPC caller, no HTTP)\n`);
for (const s of sizes) console.log(`- ${s.missions} missions: ${JSON.stringify(s.counts)}, ${s.megabytes} MB${s.seededSeconds ? `, seeded in ${s.seededSeconds.toFixed(0)} s` : ' (cached)'}`);
console.log(`\n${markdown}\n`);
if (scanLines.length) console.log(`Full scans in the big database's query plans:\n${scanLines.join('\n')}\n`);

const jsonAt = process.argv.indexOf('--json');
if (jsonAt > 0) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(process.argv[jsonAt + 1], JSON.stringify({ calls: CALLS, sizes, rows, markdown, scanLines }, null, 2));
}
