/**
 * Global setup of both test:worker projects: the inputs of a Worker build must be there and current.
 *   - dist/widget with its manifest.json (wrangler.toml serves it as static assets; `wrangler deploy --dry-run` refuses a missing
 *     assets directory), with the CJK font files of attestations: built with `npm run build` when missing;
 *   - server/migrations.generated.ts, the SQL migrations bundled as text: refreshed from schema/migrations
 *     (as wrangler's [build] command does before every build), so the tests run the current SQL.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeMigrationsBundle } from '../../server/gen-migrations.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default function prepare() {
  if (writeMigrationsBundle()) console.warn('[test:worker] schema/migrations changed: rewrote server/migrations.generated.ts (commit it).');
  if (!existsSync(`${root}/dist/widget/fresk-invite.js`) || !existsSync(`${root}/dist/widget/manifest.json`) || !existsSync(`${root}/dist/widget/fonts/noto-sans-kr/unicode.json`)) execFileSync(process.execPath, ['widget/build.mjs'], { cwd: root, stdio: 'inherit' });
}
