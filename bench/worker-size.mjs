// Size of the Cloudflare Workers bundle (server/worker.ts as wrangler.toml builds it) beside the Workers
// limits, and a check that no Node-only module reached it.
//
//   node bench/worker-size.mjs             a table
//   node bench/worker-size.mjs --json      the same figures as JSON
//   node bench/worker-size.mjs --check     exit 1 if a node:* / Node built-in import is in the bundle or the
//                                          gzip size is over the project's budget (test/worker runs this)
//   node bench/worker-size.mjs --outdir D  keep the built bundle in D (test/worker boots it in workerd)
//
// Runs `wrangler deploy --dry-run --outdir <tmp>` (wrangler 4.86.0 from node_modules; nothing is uploaded,
// no Cloudflare account is needed). Limits (Cloudflare "Workers limits", compressed size): 3 MiB on the
// free plan, 10 MiB on the paid plan. Our budget: 1 MiB gzip, a third of the free plan's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const KiB = 1024;
const MiB = 1024 * KiB;
const LIMITS = { free: 3 * MiB, paid: 10 * MiB };
const BUDGET = 1 * MiB;
const json = process.argv.includes('--json');
const check = process.argv.includes('--check');

const keep = process.argv.includes('--outdir') ? process.argv[process.argv.indexOf('--outdir') + 1] : null;
const outdir = keep ?? mkdtempSync(join(tmpdir(), 'fresk-worker-'));
const started = Date.now();
const wrangler = spawnSync(process.execPath, [join(root, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', outdir], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0', CI: process.env.CI ?? '1' },
});
const seconds = (Date.now() - started) / 1000;
if (wrangler.status !== 0) {
  if (!keep) rmSync(outdir, { recursive: true, force: true });
  console.error(wrangler.stdout, wrangler.stderr);
  console.error('wrangler deploy --dry-run failed');
  process.exit(1);
}

// The modules wrangler would upload: worker.js plus any split chunks (not the source maps).
const files = readdirSync(outdir).filter((f) => /\.(m?js|wasm)$/.test(f));
let raw = 0;
let gzip = 0;
const problems = [];
const builtins = new Set(builtinModules.filter((m) => !m.startsWith('_')));
for (const f of files) {
  const bytes = readFileSync(join(outdir, f));
  raw += statSync(join(outdir, f)).size;
  gzip += gzipSync(bytes, { level: 9 }).length;
  const text = bytes.toString('utf8');
  // Static and dynamic imports and requires of Node built-ins (with or without the node: prefix).
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s*)["']([^"']+)["']/g)) {
    const spec = m[1];
    if (spec.startsWith('node:') || builtins.has(spec) || builtins.has(spec.split('/')[0])) problems.push(`${f}: imports "${spec}"`);
  }
}
const reported = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/.exec(wrangler.stdout);
if (!keep) rmSync(outdir, { recursive: true, force: true });
if (gzip > BUDGET) problems.push(`gzip size ${(gzip / KiB).toFixed(1)} KiB is over the budget of ${BUDGET / KiB} KiB`);

const result = {
  files,
  rawBytes: raw,
  gzipBytes: gzip,
  wranglerReported: reported ? { rawKiB: Number(reported[1]), gzipKiB: Number(reported[2]) } : null,
  budgetBytes: BUDGET,
  limits: LIMITS,
  shareOfFreeLimit: gzip / LIMITS.free,
  nodeBuiltinImports: problems.filter((p) => p.includes('imports')),
  problems,
  seconds,
};

if (json) console.log(JSON.stringify(result, null, 2));
else {
  const kib = (n) => `${(n / KiB).toFixed(1)} KiB`;
  console.log('Workers bundle (wrangler deploy --dry-run, wrangler.toml: minify = true)');
  console.log(`  modules              ${files.join(', ')}`);
  console.log(`  raw                  ${kib(raw)}`);
  console.log(`  gzip -9              ${kib(gzip)}${reported ? `   (wrangler reports ${reported[1]} KiB / gzip ${reported[2]} KiB)` : ''}`);
  console.log(`  budget (gzip)        ${kib(BUDGET)}`);
  console.log(`  limit, free plan     ${kib(LIMITS.free)}   -> ${(100 * result.shareOfFreeLimit).toFixed(1)} % used`);
  console.log(`  limit, paid plan     ${kib(LIMITS.paid)}   -> ${((100 * gzip) / LIMITS.paid).toFixed(1)} % used`);
  console.log(`  Node built-in imports ${result.nodeBuiltinImports.length ? result.nodeBuiltinImports.join('; ') : 'none'}`);
  console.log(`  (dry run took ${seconds.toFixed(1)} s)`);
}
if (check && problems.length) {
  for (const p of problems) console.error(`worker-size: ${p}`);
  process.exit(1);
}
