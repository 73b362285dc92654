// Builds the widget bundles with esbuild: one ES module per entry, minified, for every browser since 2021.
// `node widget/build.mjs` (npm run build). Also builds the script and stylesheet of the server's own pages
// (/widget/fresk-page.js, /widget/page.css).
//
// The portal bundle is split: views loaded with `import()` (the planner, the staff desk, the sign-in, a
// facilitator invitation) become chunks beside fresk-missions.js, named by their content hash, so the
// first view loads only the entry and the chunks it imports statically. Every entry is also written under
// a content-hashed name (fresk-missions.3f9a1c2e.js) that the server's pages reference and that can be
// cached for a year; the stable names of API.md stay. Every file is precompressed (.br, .gz) for the Node
// server. dist/widget/manifest.json lists the hashed names, each entry's static imports (to preload) and
// the immutable files.
import { build } from 'esbuild';
import ts from 'typescript';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { basename, dirname, join, relative } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = [
  ['widget/fresk-missions.ts', 'dist/widget/fresk-missions.js'],
  ['widget/fresk-invite.ts', 'dist/widget/fresk-invite.js'],
  ['widget/fresk-day.ts', 'dist/widget/fresk-day.js'],
  ['widget/page/fresk-page.ts', 'dist/widget/fresk-page.js'],
  ['widget/page/page.css', 'dist/widget/page.css'],
];

/**
 * Collapses runs of whitespace in the static parts of Lit's html`` and css`` templates: indentation is a
 * third of the templates' bytes, and HTML and CSS give a run of whitespace the meaning of one space (the
 * widgets have no <pre>). The TypeScript parser finds the templates, so expressions are never touched.
 */
const collapseTemplateWhitespace = {
  name: 'collapse-template-whitespace',
  setup(b) {
    b.onLoad({ filter: /[\\/]widget[\\/].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const file = ts.createSourceFile(args.path, source, ts.ScriptTarget.Latest, true);
      const edits = [];
      const visit = (node) => {
        if (ts.isTaggedTemplateExpression(node) && ['html', 'css', 'svg'].includes(node.tag.getText(file))) {
          const t = node.template;
          const parts = ts.isNoSubstitutionTemplateLiteral(t) ? [t] : [t.head, ...t.templateSpans.map((s) => s.literal)];
          for (const part of parts) {
            const start = part.getStart(file) + 1;
            const end = part.getEnd() - (part.kind === ts.SyntaxKind.TemplateHead || part.kind === ts.SyntaxKind.TemplateMiddle ? 2 : 1);
            edits.push([start, end, source.slice(start, end).replace(/\s+/g, ' ')]);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
      let contents = source;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) contents = contents.slice(0, start) + text + contents.slice(end);
      return { contents, loader: 'ts' };
    });
  },
};

// `--if-missing` (used by `npm run serve`): build only when a bundle is not there yet.
if (process.argv.includes('--if-missing') && [...entries.map(([, output]) => output), 'dist/widget/manifest.json'].every((output) => existsSync(join(root, output)))) process.exit(0);

const outdir = join(root, 'dist/widget');
// A clean directory: stale chunks and hashed copies of earlier builds would otherwise pile up (and ship).
rmSync(outdir, { recursive: true, force: true });

const manifest = { files: {}, preload: {}, immutable: [] };
for (const [entry, output] of entries) {
  const source = join(root, entry);
  if (!existsSync(source)) {
    throw new Error(`${entry} is missing`);
  }
  const outfile = join(root, output);
  const split = entry === 'widget/fresk-missions.ts';
  const result = await build({
    entryPoints: [source],
    ...(split ? { outdir, splitting: true, entryNames: '[name]', chunkNames: '[name].[hash]' } : { outfile }),
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2021',
    platform: 'browser',
    tsconfig: join(root, 'tsconfig.json'),
    legalComments: 'none',
    sourcemap: false,
    // Lit's dev-mode warnings are dropped from the shipped bundle.
    conditions: ['production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    metafile: true,
    plugins: [collapseTemplateWhitespace],
  });
  const name = basename(outfile);
  const outputs = result.metafile.outputs;
  const key = relative(process.cwd(), outfile).split('\\').join('/');
  const metaKey = Object.keys(outputs).find((k) => join(process.cwd(), k) === outfile) ?? key;
  // The chunks the entry imports statically, transitively: the browser needs them all before it runs.
  const preload = [];
  const visit = (k) => {
    for (const i of outputs[k]?.imports ?? []) {
      if (i.kind !== 'import-statement' || preload.includes(basename(i.path))) continue;
      preload.push(basename(i.path));
      visit(i.path);
    }
  };
  visit(metaKey);
  const chunks = Object.keys(outputs).map((k) => basename(k)).filter((f) => f !== name);
  const bytes = readFileSync(outfile);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 8);
  const hashed = name.replace(/\.(js|css)$/, `.${hash}.$1`);
  writeFileSync(join(outdir, hashed), bytes);
  manifest.files[name] = hashed;
  if (preload.length) manifest.preload[name] = preload;
  manifest.immutable.push(hashed, ...chunks);
  for (const file of [name, ...chunks]) {
    const text = readFileSync(join(outdir, file), 'utf8');
    if (/\beval\s*\(|new Function\s*\(/.test(text)) {
      throw new Error(`${file}: the bundle calls eval or new Function, which a strict CSP forbids`);
    }
  }
  const firstView = [bytes, ...preload.map((f) => readFileSync(join(outdir, f)))].reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
  console.log(
    `${relative(root, outfile)}  ${(bytes.length / 1024).toFixed(1)} KB, ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1)} KB gzip` +
      (chunks.length ? `; first view ${(firstView / 1024).toFixed(1)} KB gzip, ${chunks.length} chunks` : ''),
  );
}

// Precompressed copies for the Node server (Workers compress on their own): brotli q11 and gzip -9, once here
// rather than on every request.
for (const file of readdirSync(outdir)) {
  if (!/\.(js|css)$/.test(file)) continue;
  const bytes = readFileSync(join(outdir, file));
  writeFileSync(join(outdir, `${file}.br`), brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
  writeFileSync(join(outdir, `${file}.gz`), gzipSync(bytes, { level: 9 }));
}
writeFileSync(join(outdir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
// Workers compress on their own: the precompressed copies stay out of the static-assets upload.
writeFileSync(join(outdir, '.assetsignore'), '*.br\n*.gz\n');

// The CJK font range files of attestations (server/attestation/fallback-fonts.ts), for the Worker, which
// reads them through its ASSETS binding (no server path serves them): each package's unicode.json and
// its numbered regular-weight WOFF files (≈9 MB in all, 10–60 KB each; Node reads node_modules instead).
const requireFromHere = createRequire(import.meta.url);
for (const pkg of ['noto-sans-sc', 'noto-sans-jp', 'noto-sans-kr']) {
  const from = dirname(requireFromHere.resolve(`@fontsource/${pkg}`));
  const to = join(outdir, 'fonts', pkg);
  mkdirSync(join(to, 'files'), { recursive: true });
  copyFileSync(join(from, 'unicode.json'), join(to, 'unicode.json'));
  for (const file of readdirSync(join(from, 'files'))) if (/-\d+-400-normal\.woff$/.test(file)) copyFileSync(join(from, 'files', file), join(to, 'files', file));
}
