// Builds the widget bundles with esbuild: one ES module per entry, minified, for every browser since 2021.
// `node widget/build.mjs` (npm run build). An entry whose source does not exist yet is skipped, so the
// portal bundle can be built while another element is still being written. Also builds the script and
// stylesheet of the server's own pages (/widget/fresk-page.js, /widget/page.css).
import { build } from 'esbuild';
import ts from 'typescript';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';

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
if (process.argv.includes('--if-missing') && entries.every(([, output]) => existsSync(join(root, output)))) process.exit(0);

for (const [entry, output] of entries) {
  const source = join(root, entry);
  if (!existsSync(source)) {
    throw new Error(`${entry} is missing`);
  }
  const outfile = join(root, output);
  await build({
    entryPoints: [source],
    outfile,
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
    plugins: [collapseTemplateWhitespace],
  });
  const bytes = readFileSync(outfile);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  if (/\beval\s*\(|new Function\s*\(/.test(bytes.toString('utf8'))) {
    throw new Error(`${entry}: the bundle calls eval or new Function, which a strict CSP forbids`);
  }
  console.log(`${relative(root, outfile)}  ${(bytes.length / 1024).toFixed(1)} KB, ${(gzip / 1024).toFixed(1)} KB gzip`);
}
