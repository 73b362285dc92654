// Server throughput and latency on Node with the embedded libSQL file, loaded by autocannon over loopback.
//
//   node bench/http.mjs [--duration 3] [--rounds 3] [--connections 10] [--json out.json]
//
// The server runs in a child process (bench/server.ts: the real startNodeServer on a fresh temporary DB)
// and autocannon in this one, so each has a core of its own on a 2-core machine. Every target is warmed up
// for 1 s, then the targets are measured in turn, round after round, so slow drifts of a noisy machine hit
// them all alike; a figure is the median over rounds, and each round's figures are divided by the floor's
// figures of the same round (the ratio is the median of those).
import autocannon from 'autocannon';
import { arg, emitJson, fmt, machine, median, startBenchServer, table } from './lib.mjs';

const duration = Number(arg('duration', 3));
const rounds = Number(arg('rounds', 3));
const connections = Number(arg('connections', 10));
const mission = { sessions: 50, facilitators: 4, participants: 20 };
// Registrations spread over enough sessions that none reaches the hourly pace (200 new ones per session and hour:
// its `rate_limited` would be an unexpected answer) at the ~10,000 registrations a run now makes.
const SIGNUP_SESSIONS = 400;

const server = await startBenchServer({
  fixtures: ['ping', `mission:${mission.sessions}x${mission.facilitators}x${mission.participants}`, `signup:${SIGNUP_SESSIONS}:1000`],
});
const { fixtures } = server.info;
const q = (input) => `?input=${encodeURIComponent(JSON.stringify(input))}`;

let registrations = 0;
const targets = [
  { key: 'ping', name: 'no-op tRPC query (bench-only `ping`, publicProcedure)', floor: true, path: `${fixtures.ping}` },
  { key: 'health', name: '`GET /health` (Hono route + `select 1`)', path: '/health' },
  { key: 'invalid', name: '`participants.signupInfo` with invalid input (400, no DB)', path: `/trpc/participants.signupInfo${q({})}`, expect: 400 },
  { key: 'signupInfo', name: '`participants.signupInfo`', path: `/trpc/participants.signupInfo${q({ code: fixtures.signup.codes[0] })}` },
  {
    key: 'missionsGet',
    name: `\`missions.get\` (${mission.sessions} sessions × ${mission.facilitators} facilitators × ${mission.participants} participants)`,
    path: `/trpc/missions.get${q({ missionId: fixtures.mission.missionId })}`,
    headers: { authorization: `Bearer ${fixtures.mission.token}` },
  },
  {
    key: 'register',
    name: '`participants.register` (distinct emails)',
    method: 'POST',
    path: '/trpc/participants.register',
    headers: { 'content-type': 'application/json' },
    setupRequest: (req) => {
      const n = ++registrations;
      const code = fixtures.signup.codes[n % fixtures.signup.codes.length];
      return { ...req, body: JSON.stringify({ code, name: `Load ${n}`, email: `load-${n}@example.org`, consent: true }) };
    },
  },
];

function run(target, seconds) {
  return autocannon({
    url: server.url,
    connections,
    duration: seconds,
    requests: [{ method: target.method ?? 'GET', path: target.path, headers: target.headers ?? {}, ...(target.setupRequest && { setupRequest: target.setupRequest }) }],
  });
}

/** The server process's CPU time so far, µs (bench/server.ts, `/bench/cpu`). */
const serverCpu = () => fetch(`${server.url}/bench/cpu`).then((r) => r.json()).then((j) => j.micros);

const samples = Object.fromEntries(targets.map((t) => [t.key, []]));
try {
  for (const t of targets) await run(t, 2);
  await fetch(`${server.url}/bench/outbox-idle`).then((r) => r.text());
  for (let r = 0; r < rounds; r++) {
    for (const t of targets) {
      const cpu0 = await serverCpu();
      const res = await run(t, duration);
      // Writes leave emails for the outbox loop: their CPU belongs to the write, so it is counted once idle.
      if (t.method === 'POST') await fetch(`${server.url}/bench/outbox-idle`).then((r) => r.text());
      const cpuMs = ((await serverCpu()) - cpu0) / 1000;
      const expected = t.expect ?? 200;
      const ok = expected === 200 ? res['2xx'] : res.non2xx;
      samples[t.key].push({
        rps: res.requests.average,
        p50: res.latency.p50,
        p99: res.latency.p99,
        requests: res.requests.total,
        unexpected: res.requests.total - ok + res.errors + res.timeouts,
        cpuMsPerRequest: cpuMs / Math.max(1, res.requests.total),
      });
      process.stderr.write(`round ${r + 1}/${rounds} ${t.key}: ${fmt(res.requests.average, 0)} req/s, p50 ${res.latency.p50} ms, p99 ${res.latency.p99} ms, server CPU ${fmt(cpuMs / Math.max(1, res.requests.total), 3)} ms/request\n`);
    }
  }
} finally {
  await server.stop();
}

const floor = targets.find((t) => t.floor).key;
const rows = targets.map((t) => {
  const s = samples[t.key];
  const ratio = (f) => median(s.map((x, i) => f(x, samples[floor][i])));
  return {
    key: t.key,
    name: t.name,
    floor: !!t.floor,
    rps: median(s.map((x) => x.rps)),
    p50: median(s.map((x) => x.p50)),
    p99: median(s.map((x) => x.p99)),
    rpsRatio: ratio((x, f) => x.rps / f.rps),
    healthRatio: median(s.map((x, i) => x.rps / samples.health[i].rps)),
    p50Ratio: ratio((x, f) => x.p50 / f.p50),
    p99Ratio: ratio((x, f) => x.p99 / f.p99),
    cpuMsPerRequest: median(s.map((x) => x.cpuMsPerRequest)),
    requests: s.reduce((a, x) => a + x.requests, 0),
    unexpected: s.reduce((a, x) => a + x.unexpected, 0),
  };
});

const result = {
  machine: machine(),
  settings: { duration, rounds, connections, warmupSeconds: 2, mission, signupSessions: SIGNUP_SESSIONS, seededMs: fixtures.mission.seededMs },
  rows,
};
const markdown = table(
  ['target', 'req/s', 'p50 ms', 'p99 ms', 'req/s ÷ floor', 'req/s ÷ `/health`', 'p50 ÷ floor', 'p99 ÷ floor', 'server CPU ms/request', 'requests', 'unexpected answers'],
  rows.map((r) => [r.name + (r.floor ? ' **(floor)**' : ''), fmt(r.rps, 0), fmt(r.p50, 2), fmt(r.p99, 2), fmt(r.rpsRatio, 2), fmt(r.healthRatio, 3), fmt(r.p50Ratio, 2), fmt(r.p99Ratio, 2), fmt(r.cpuMsPerRequest, 3), String(r.requests), String(r.unexpected)]),
);
result.markdown = markdown;
console.log(`\nServer on Node, embedded libSQL file; autocannon, ${connections} connections, ${rounds} rounds × ${duration} s per target (median of rounds)\n`);
console.log(markdown);
emitJson(result);
