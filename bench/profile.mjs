// CPU profile of the server under one benchmark load: starts bench/server.ts with `node --cpu-prof`
// (BENCH_SERVER_NODE_ARGS), loads one target with autocannon as bench/http.mjs does, stops the server (the
// profile is written at exit) and prints its top frames for the load's seconds (bench/profile-top.mjs).
//
//   node bench/profile.mjs --target missionsGet|signupInfo|register|health|ping [--duration 4] [--connections 10]
//                          [--dir /tmp/fresk-prof] [--top 20]
//
// Keep it short on a shared machine: 1 s of warm-up plus `--duration` seconds of load.
import autocannon from 'autocannon';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { arg, fmt, startBenchServer, table } from './lib.mjs';
import { topFrames } from './profile-top.mjs';

const target = arg('target', 'missionsGet');
const duration = Number(arg('duration', 4));
const connections = Number(arg('connections', 10));
const dir = arg('dir', '/tmp/fresk-prof');
const top = Number(arg('top', 20));
mkdirSync(dir, { recursive: true });
const before = new Set(readdirSync(dir));

process.env.BENCH_SERVER_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${dir} ${process.env.BENCH_SERVER_NODE_ARGS ?? ''}`;
const fixtures = { missionsGet: ['mission:50x4x20'], signupInfo: ['signup:40:1000'], register: ['signup:400:1000'], health: [], ping: ['ping'] }[target];
if (!fixtures) throw new Error(`unknown target ${target}`);
const server = await startBenchServer({ fixtures });
const f = server.info.fixtures;
const q = (input) => `?input=${encodeURIComponent(JSON.stringify(input))}`;
let n = 0;
const request = {
  health: { path: '/health' },
  ping: { path: `${f.ping}` },
  signupInfo: { path: `/trpc/participants.signupInfo${q({ code: f.signup?.codes[0] })}` },
  missionsGet: { path: `/trpc/missions.get${q({ missionId: f.mission?.missionId })}`, headers: { authorization: `Bearer ${f.mission?.token}` } },
  register: {
    method: 'POST',
    path: '/trpc/participants.register',
    headers: { 'content-type': 'application/json' },
    setupRequest: (req) => {
      n++;
      const code = f.signup.codes[n % f.signup.codes.length];
      return { ...req, body: JSON.stringify({ code, name: `Load ${n}`, email: `load-${n}@example.org`, consent: true }) };
    },
  },
}[target];
const load = (seconds) => autocannon({ url: server.url, connections, duration: seconds, requests: [{ method: 'GET', ...request }] });
let res;
try {
  await load(1);
  res = await load(duration);
} finally {
  await server.stop();
}
const file = readdirSync(dir)
  .filter((x) => /\.\d+\.0\.\d+\.cpuprofile$/.test(x) && !before.has(x)) // thread 0: the main thread (tsx's loader thread writes its own)
  .map((x) => join(dir, x))
  .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
console.log(`${target}: ${fmt(res.requests.average, 0)} req/s, ${res.requests.total} requests (${res.non2xx} non-2xx), p50 ${res.latency.p50} ms; profile ${file}`);
const r = topFrames(JSON.parse(readFileSync(file, 'utf8')), { top, lastSeconds: duration + 0.3 });
console.log(`last ${duration + 0.3} s: ${r.samples} samples, ${fmt((100 * r.busy) / r.samples, 0)} % busy; CPU per request ≈ ${fmt((r.busy * r.intervalMs) / res.requests.total, 3)} ms`);
for (const kind of ['self', 'total']) {
  console.log(`\nTop frames by ${kind} time (% of busy samples)\n`);
  console.log(table(['frame', `${kind} %`], r[kind].map((x) => [`\`${x.frame}\``, fmt(x.pctBusy, 1)])));
}
