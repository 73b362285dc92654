/** The Node side of fallback-fonts.ts: the range files read from node_modules/@fontsource/<package>/ at run time. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fallbackPackages, type FontFileLoader } from './fallback-fonts.ts';

const require = createRequire(import.meta.url);

export const nodeFontLoader: FontFileLoader = async (path) => {
  const [pkg, ...rest] = path.split('/');
  if (!(fallbackPackages as readonly string[]).includes(pkg) || rest.some((p) => !/^[\w.-]+$/.test(p) || p.startsWith('.'))) return null;
  // The package's main file (index.css) sits at its root; its `exports` do not list package.json.
  const dir = dirname(require.resolve(`@fontsource/${pkg}`));
  return readFile(join(dir, ...rest)).catch(() => null);
};
