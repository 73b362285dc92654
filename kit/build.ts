/**
 * The integrators' kit, built after the widgets by `npm run build`:
 *   dist/openapi.json            the API's OpenAPI 3.1 description (server/openapi.ts, the same as GET /openapi.json)
 *   dist/client/                 createFreskClient (client/index.ts) and the router's declaration files
 *   dist/custom-elements.json    the custom elements manifest (kit/elements.ts; docs/elements.md is generated from it)
 * Fails the build when a declaration cannot be emitted, so the router's types stay nameable.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { openApiDocument } from '../server/openapi.ts';
import { analyze } from './elements.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

writeFileSync(join(dist, 'openapi.json'), JSON.stringify(openApiDocument(), null, 2) + '\n');
console.log('dist/openapi.json');

execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'client/tsconfig.json')], { stdio: 'inherit' });
await build({
  entryPoints: [join(root, 'client/index.ts')],
  outfile: join(dist, 'client/client/index.js'),
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  logLevel: 'warning',
});
writeFileSync(join(dist, 'client/index.js'), "export * from './client/index.js';\n");
writeFileSync(join(dist, 'client/index.d.ts'), "export * from './client/index.js';\n");
console.log('dist/client/index.js, index.d.ts (and the router\'s declarations)');

analyze(dist);
console.log('dist/custom-elements.json');
