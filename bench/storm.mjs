// Signup storm: 1,000 registrations sent at once over HTTP for a session of 30 seats.
//
//   node bench/storm.mjs [--requests 1000] [--seats 30] [--storms 3] [--json out.json] [--cpu-prof DIR] [--top 25]
//
// `--cpu-prof DIR` runs the server under `node --cpu-prof` (BENCH_SERVER_NODE_ARGS, as bench/profile.mjs does) and
// prints the top frames of the last storm (the profile's last seconds: the server stops right after it).
//
// Before each storm, the same number of simultaneous `GET /health` (one connection each) is sent to the same
// server and timed the same way: the storm's settle time is also given as a ratio to it (issue 19: ≤ 2×).
//
// The server is the real Node entry in a child process (bench/server.ts) on a fresh embedded libSQL file.
// Each storm targets a new session: every request is a distinct participant, all are sent before any
// answer is read (one connection each), and the storm has settled when the last answer has come back.
// Accepted must be exactly the number of seats; every other answer must be `session_full`; the database
// is then read directly to count the registrations.
import { createClient } from '@libsql/client';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { arg, emitJson, fmt, machine, median, startBenchServer, table } from './lib.mjs';
import { topFrames } from './profile-top.mjs';

const requests = Number(arg('requests', 1000));
const seats = Number(arg('seats', 30));
const storms = Number(arg('storms', 3));
const profileDir = arg('cpu-prof');
const profilesBefore = new Set();
if (profileDir) {
  mkdirSync(profileDir, { recursive: true });
  for (const f of readdirSync(profileDir)) profilesBefore.add(f);
  process.env.BENCH_SERVER_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${profileDir} ${process.env.BENCH_SERVER_NODE_ARGS ?? ''}`;
}

const server = await startBenchServer({ fixtures: [`signup:${storms}:${seats}`] });
const results = [];

/** One request on its own socket (POST with `payload`, else GET); resolves with the status and the parsed JSON answer. */
function post(agent, url, payload) {
  return new Promise((resolve, reject) => {
    const headers = payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
    const req = request(url, { method: payload === undefined ? 'GET' : 'POST', agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        try {
          resolve({ statusCode: res.statusCode, body: JSON.parse(text) });
        } catch (error) {
          reject(error);
        }
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}
try {
  for (let s = 0; s < storms; s++) {
    const code = server.info.fixtures.signup.codes[s];
    // The baseline in the same run: as many simultaneous GET /health, each on its own connection.
    const cpu = () => fetch(`${server.url}/bench/cpu`).then((r) => r.json()).then((j) => j.micros / 1000, () => NaN);
    const healthAgent = new Agent({ keepAlive: false, maxSockets: Infinity });
    const hc0 = await cpu();
    const h0 = performance.now();
    const healthOk = (await Promise.all(Array.from({ length: requests }, () => post(healthAgent, `${server.url}/health`).then((r) => r.statusCode === 200, () => false)))).filter(Boolean).length;
    const healthMs = performance.now() - h0;
    const healthCpuMs = (await cpu()) - hc0;
    healthAgent.destroy();
    const answers = { accepted: 0, session_full: 0, other: {} };
    // A new connection per request, as from 1,000 browsers (no keep-alive socket reused across storms).
    const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
    const latencies = [];
    const c0 = await cpu();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: requests }, async (_, i) => {
        const started = performance.now();
        let reason = 'network_error';
        try {
          const payload = JSON.stringify({ code, name: `Storm ${s}-${i}`, email: `storm-${s}-${i}@example.org`, consent: true });
          const { statusCode, body } = await post(agent, `${server.url}/trpc/participants.register`, payload);
          reason = statusCode === 200 && body.result?.data?.status === 'registered' ? 'accepted' : (body.error?.data?.reason ?? `http_${statusCode}`);
        } catch (error) {
          reason = `network_error: ${error.code ?? error.message}`;
        }
        latencies.push(performance.now() - started);
        if (reason === 'accepted') answers.accepted++;
        else if (reason === 'session_full') answers.session_full++;
        else answers.other[reason] = (answers.other[reason] ?? 0) + 1;
      }),
    );
    const settledMs = performance.now() - t0;
    const cpuMs = (await cpu()) - c0;
    agent.destroy();
    const lane = await fetch(`${server.url}/bench/lane`).then((r) => r.json(), () => ({}));
    // Count in the database itself (a second connection to the same file; WAL lets it read alongside).
    const db = createClient({ url: `file:${server.dbFile}` });
    const { rows } = await db.execute({
      sql: 'SELECT count(*) AS n, max(s.capacity) AS capacity FROM registrations r JOIN sessions s ON s.id = r.session_id JOIN tokens t ON t.id = s.signup_link_id WHERE s.title = ?',
      args: [`Bench session ${s + 1}`],
    });
    db.close();
    const inDb = Number(rows[0].n);
    results.push({
      storm: s + 1,
      requests,
      seats,
      ...answers,
      registeredInDb: inDb,
      exact: answers.accepted === seats && inDb === seats && answers.session_full === requests - seats,
      settledMs,
      healthMs,
      healthOk,
      ratio: settledMs / healthMs,
      cpuMs,
      healthCpuMs,
      p50Ms: median(latencies),
      maxMs: Math.max(...latencies),
    });
    process.stderr.write(`storm ${s + 1}: accepted ${answers.accepted}, session_full ${answers.session_full}, other ${JSON.stringify(answers.other)}, in DB ${inDb}, settled in ${fmt(settledMs, 0)} ms; ${healthOk} GET /health settled in ${fmt(healthMs, 0)} ms (${fmt(settledMs / healthMs, 2)}×); server CPU ${fmt(cpuMs, 0)} vs ${fmt(healthCpuMs, 0)} ms (${fmt(cpuMs / healthCpuMs, 2)}×); write lane so far ${JSON.stringify(lane)}\n`);
  }
} finally {
  await server.stop();
}

if (profileDir) {
  const file = readdirSync(profileDir)
    .filter((x) => /\.\d+\.0\.\d+\.cpuprofile$/.test(x) && !profilesBefore.has(x)) // thread 0: the main thread
    .map((x) => join(profileDir, x))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  const last = results.at(-1);
  // The last storm, plus the lane and database counts read after it (a few ms).
  const r = topFrames(JSON.parse(readFileSync(file, 'utf8')), { top: Number(arg('top', 25)), lastSeconds: last.settledMs / 1000 + 0.3 });
  console.log(`\nProfile ${file}: last storm, ${r.samples} samples, ${fmt((100 * r.busy) / r.samples, 0)} % busy; CPU per request ≈ ${fmt((r.busy * r.intervalMs) / requests, 3)} ms`);
  for (const kind of ['self', 'total']) {
    console.log(`\nTop frames by ${kind} time (% of busy samples)\n`);
    console.log(table(['frame', `${kind} %`], r[kind].map((x) => [`\`${x.frame}\``, fmt(x.pctBusy, 1)])));
  }
}

const markdown = table(
  ['storm', 'requests', 'seats', 'accepted', '`session_full`', 'other answers', 'registrations in DB', 'exact', 'time to settle ms', '`/health` × same, ms', 'ratio', 'server CPU ms (`/health`)', 'answer p50 ms', 'slowest answer ms'],
  results.map((r) => [
    String(r.storm),
    String(r.requests),
    String(r.seats),
    `**${r.accepted}**`,
    String(r.session_full),
    Object.keys(r.other).length ? JSON.stringify(r.other) : '0',
    String(r.registeredInDb),
    r.exact ? 'yes' : '**NO**',
    fmt(r.settledMs, 0),
    fmt(r.healthMs, 0),
    `${fmt(r.ratio, 2)}×`,
    `${fmt(r.cpuMs, 0)} (${fmt(r.healthCpuMs, 0)})`,
    fmt(r.p50Ms, 0),
    fmt(r.maxMs, 0),
  ]),
);
console.log(`\nSignup storm: ${requests} concurrent registrations for ${seats} seats over HTTP, ${storms} storms\n`);
console.log(markdown);
const medianSettledMs = median(results.map((r) => r.settledMs));
const medianHealthMs = median(results.map((r) => r.healthMs));
const medianRatio = median(results.map((r) => r.ratio));
const medianCpuRatio = median(results.map((r) => r.cpuMs / r.healthCpuMs));
console.log(`\nMedian time to settle: ${fmt(medianSettledMs, 0)} ms; ${requests} simultaneous GET /health: ${fmt(medianHealthMs, 0)} ms; median ratio ${fmt(medianRatio, 2)}× (goal ≤ 2×); server CPU, storm ÷ /health: ${fmt(medianCpuRatio, 2)}×`);
emitJson({ machine: machine(), requests, seats, storms: results, medianSettledMs, medianHealthMs, medianRatio, medianCpuRatio, markdown });
