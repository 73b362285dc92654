// The top frames of a V8 .cpuprofile (as written by `node --cpu-prof`): self time and total (inclusive)
// time per function, summed over every place it appears in the call tree.
//
//   node bench/profile-top.mjs FILE.cpuprofile [--top 25] [--last-seconds 4] [--json out.json]
//
// `--last-seconds S` keeps only the samples of the profile's last S seconds (bench/profile.mjs loads the
// server during its last seconds; what came before is start-up and fixtures). Percentages are of the samples
// kept, `(idle)` included; "busy" excludes `(idle)`, `(program)` and `(garbage collector)` are shown as V8 names them.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { arg, emitJson, fmt, root, table } from './lib.mjs';

export function topFrames(profile, { top = 25, lastSeconds } = {}) {
  const { nodes, samples, timeDeltas, startTime, endTime } = profile;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Sample times: startTime + cumulative deltas (µs).
  const from = lastSeconds ? endTime - lastSeconds * 1e6 : -Infinity;
  const selfCount = new Map();
  let t = startTime;
  let kept = 0;
  for (let i = 0; i < samples.length; i++) {
    t += timeDeltas[i];
    if (t < from) continue;
    kept++;
    selfCount.set(samples[i], (selfCount.get(samples[i]) ?? 0) + 1);
  }
  const keyOf = (n) => {
    const f = n.callFrame;
    const file = f.url ? relative(root, f.url.replace(/^file:\/\//, '')) : '';
    return `${f.functionName || '(anonymous)'} ${file ? `${file}:${f.lineNumber + 1}` : ''}`.trim();
  };
  const self = new Map();
  const total = new Map();
  for (const [id, count] of selfCount) {
    const key = keyOf(byId.get(id));
    self.set(key, (self.get(key) ?? 0) + count);
    // Inclusive: each distinct function on the stack once per sample (recursion counted once).
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = keyOf(byId.get(cur));
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + count);
    }
  }
  const idle = self.get('(idle)') ?? 0;
  const busy = kept - idle;
  const interval = kept ? (Math.min(endTime, endTime) - Math.max(startTime, from)) / kept / 1000 : 0;
  const rows = (m) =>
    [...m]
      .filter(([k]) => k !== '(root)' && k !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([frame, n]) => ({ frame, samples: n, pctBusy: (100 * n) / busy, ms: n * interval }));
  return { samples: kept, idle, busy, intervalMs: interval, self: rows(self), total: rows(total) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file || file.startsWith('--')) {
    console.error('usage: node bench/profile-top.mjs FILE.cpuprofile [--top 25] [--last-seconds S] [--json out.json]');
    process.exit(2);
  }
  const lastSeconds = arg('last-seconds') ? Number(arg('last-seconds')) : undefined;
  const r = topFrames(JSON.parse(readFileSync(file, 'utf8')), { top: Number(arg('top', 25)), lastSeconds });
  console.log(`${file}: ${r.samples} samples (${fmt(r.intervalMs, 2)} ms each), ${fmt((100 * r.busy) / r.samples, 0)} % busy`);
  for (const kind of ['self', 'total']) {
    console.log(`\nTop frames by ${kind} time (% of busy samples)\n`);
    console.log(table(['frame', `${kind} %`, 'samples'], r[kind].map((x) => [`\`${x.frame}\``, fmt(x.pctBusy, 1), String(x.samples)])));
  }
  emitJson(r);
}
