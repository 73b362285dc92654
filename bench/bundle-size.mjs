// Bundle sizes of the shipped widgets beside their budgets and the floor the libraries alone impose.
//
//   npm run build && node bench/bundle-size.mjs          a table
//   node bench/bundle-size.mjs --json                     the same figures as JSON (for docs/benchmarks.md)
//
// Builds nothing of ours: it reads dist/widget/*.js as `npm run build` left them. The portal's row is its
// first view: fresk-missions.js and the chunks it imports statically (dist/widget/manifest.json), each
// compressed on its own as the browser downloads them; its lazy chunks are listed apart. Budgets come from
// bench/budgets.mjs (test/server/bundle-budget.test.ts fails over them). The floor is Lit,
// @trpc/client (createTRPCClient + httpBatchLink) and @lit/context bundled from a temporary entry with the
// options widget/build.mjs uses. A benchmark prints figures; it always exits 0.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { measureBudgets } from './budgets.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const KB = 1024;

/** The options of widget/build.mjs, so the floor is measured exactly as our bundles are. */
const options = {
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2021',
  platform: 'browser',
  legalComments: 'none',
  conditions: ['production'],
  define: { 'process.env.NODE_ENV': '"production"' },
  write: false,
  logLevel: 'silent',
};

/** Each export is used, so nothing the element would need is shaken off. */
const floors = {
  lit: `export { LitElement, html, css, nothing } from 'lit'; export { property, state } from 'lit/decorators.js';`,
  '@trpc/client': `export { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';`,
  '@lit/context': `export { createContext, ContextProvider, ContextConsumer, provide, consume } from '@lit/context';`,
};

function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

async function floor(names) {
  const contents = names.map((name) => floors[name]).join('\n');
  const result = await build({ ...options, stdin: { contents, resolveDir: root, loader: 'js' }, outfile: 'floor.js' });
  return sizes(result.outputFiles[0].contents);
}

const dir = join(root, 'dist', 'widget');
// The signup form speaks tRPC's wire format with a few lines of its own (widget/fresk-invite/fresk-invite.api.ts): its floor is Lit.
const floorsOf = { 'fresk-invite.js': ['lit'], 'fresk-missions.js first view': ['lit', '@trpc/client', '@lit/context'], 'fresk-day.js': ['lit', '@trpc/client'] };
const rows = [];
for (const m of measureBudgets(dir)) {
  const floorOf = floorsOf[m.name];
  const base = await floor(floorOf);
  const budget = m.gzipBudget / KB;
  if (m.missing) {
    rows.push({ name: m.name, missing: true, budget, floor: base, floorOf });
    continue;
  }
  const each = m.files.map((f) => sizes(readFileSync(join(dir, f))));
  const sum = (k) => each.reduce((n, x) => n + x[k], 0);
  rows.push({ name: m.name, files: m.files, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli'), budget, floor: base, floorOf });
}
// The portal's chunks loaded on demand, outside its first view.
const manifestFile = join(dir, 'manifest.json');
const manifest = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : null;
const firstView = new Set(rows.flatMap((r) => r.files ?? []));
const lazy = manifest
  ? manifest.immutable.filter((f) => f.endsWith('.js') && !firstView.has(f) && !Object.values(manifest.files).includes(f)).map((f) => ({ name: f, ...sizes(readFileSync(join(dir, f))) }))
  : [];
const parts = [];
for (const name of Object.keys(floors)) parts.push({ name, ...(await floor([name])) });

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ bundles: rows, lazy, libraries: parts }, null, 2));
} else {
  const kb = (n) => (n / KB).toFixed(1).padStart(6);
  const line = (cells) => `| ${cells.join(' | ')} |`;
  console.log('Widget bundles (KB = 1024 bytes; gzip -9, brotli q11)\n');
  console.log(line(['bundle                      ', '   raw', '  gzip', 'brotli', 'budget (gzip)', 'floor gzip', 'ours over floor', 'verdict']));
  console.log(line(['----------------------------', '-----:', '-----:', '-----:', '------------:', '---------:', '--------------:', '-------']));
  for (const row of rows) {
    if (row.missing) {
      console.log(line([row.name.padEnd(28), '     —', '     —', '     —', `${row.budget} KB`.padStart(13), kb(row.floor.gzip).padStart(10), '             —', 'not built: run npm run build']));
      continue;
    }
    const verdict = row.gzip <= row.budget * KB ? `ok, ${((row.budget * KB - row.gzip) / KB).toFixed(1)} KB to spare` : 'OVER BUDGET';
    console.log(line([row.name.padEnd(28), kb(row.raw), kb(row.gzip), kb(row.brotli), `${row.budget} KB`.padStart(13), kb(row.floor.gzip).padStart(10), kb(row.gzip - row.floor.gzip).padStart(15), verdict]));
  }
  if (rows.some((r) => r.files?.length > 1)) {
    for (const row of rows.filter((r) => r.files?.length > 1)) console.log(`\n${row.name}: ${row.files.join(' + ')}`);
  }
  if (lazy.length) {
    console.log('\nPortal chunks loaded on demand (not in the first view)\n');
    console.log(line(['chunk                             ', '   raw', '  gzip', 'brotli']));
    console.log(line(['----------------------------------', '-----:', '-----:', '-----:']));
    for (const c of lazy) console.log(line([c.name.padEnd(34), kb(c.raw), kb(c.gzip), kb(c.brotli)]));
  }
  console.log('\nFloor: the libraries alone, bundled the same way\n');
  console.log(line(['libraries                          ', '   raw', '  gzip', 'brotli']));
  console.log(line(['-----------------------------------', '-----:', '-----:', '-----:']));
  for (const part of parts) console.log(line([part.name.padEnd(35), kb(part.raw), kb(part.gzip), kb(part.brotli)]));
  // Each combination once (a single library is already listed above).
  const combined = new Map(rows.filter((row) => row.floorOf.length > 1).map((row) => [row.floorOf.join(' + '), row.floor]));
  for (const [name, floor] of combined) console.log(line([name.padEnd(35), kb(floor.raw), kb(floor.gzip), kb(floor.brotli)]));
}
process.exitCode = 0;
