// The widget bundles' size budgets (gzip -9), read by bench/bundle-size.mjs (figures) and by
// test/server/bundle-budget.test.ts (a size is not a timing: the test fails over budget).
//
// - fresk-invite.js, the public signup form: 16 KB (issue 19), on any WordPress page and any phone.
// - the portal's first view: fresk-missions.js plus the chunks it imports statically (manifest.json
//   "preload"), what a browser must fetch before <fresk-missions> shows anything. The views loaded on
//   demand (planner, staff desk, sign-in, facilitator invitation) are chunks outside it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const KB = 1024;
export const budgets = [
  { name: 'fresk-invite.js', files: () => ['fresk-invite.js'], gzipBudget: 16 * KB },
  { name: 'fresk-missions.js first view', entry: 'fresk-missions.js', gzipBudget: 30 * KB },
  // The day-of-session pages' bundle (self check-in, survey): phones on a training room's Wi-Fi.
  { name: 'fresk-day.js', files: () => ['fresk-day.js'], gzipBudget: 22 * KB },
];

/** Each budget's files and their gzip -9 size, summed file by file (as a browser downloads them). */
export function measureBudgets(dir) {
  const manifestFile = join(dir, 'manifest.json');
  const manifest = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : { preload: {} };
  return budgets.map((b) => {
    const files = b.entry ? [b.entry, ...(manifest.preload[b.entry] ?? [])] : b.files();
    const missing = files.filter((f) => !existsSync(join(dir, f)));
    if (missing.length) return { ...b, files, missing };
    const gzip = files.reduce((n, f) => n + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
    return { ...b, files, gzip, ok: gzip <= b.gzipBudget };
  });
}
