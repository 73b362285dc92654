// Adds up the counts that each runner printed in a test log (vitest, web-test-runner, the WordPress
// end-to-end test) and prints one closing line: `tests: N passed, M failed`.
import { readFileSync } from 'node:fs';

const text = readFileSync(process.argv[2], 'utf8').replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
let passed = 0;
let failed = 0;
// vitest: "      Tests  334 passed (334)" or "Tests  2 failed | 332 passed (334)"
for (const m of text.matchAll(/^\s*Tests\s+(.*)\(\d+\)\s*$/gm)) {
  passed += Number(/(\d+) passed/.exec(m[1])?.[1] ?? 0);
  failed += Number(/(\d+) failed/.exec(m[1])?.[1] ?? 0);
}
// web-test-runner: the last progress line of each run, "Chrome: |…| 10/10 test files | 52 passed, 0 failed"
const wtr = [...text.matchAll(/Chrome: \|[^|]*\| (\d+)\/(\d+) test files \| (\d+) passed, (\d+) failed/g)].filter((m) => m[1] === m[2]).pop();
if (wtr) {
  passed += Number(wtr[3]);
  failed += Number(wtr[4]);
}
// the WordPress test: "wordpress: 11 passed, 0 failed"
for (const m of text.matchAll(/^wordpress: (\d+) passed, (\d+) failed/gm)) {
  passed += Number(m[1]);
  failed += Number(m[2]);
}
console.log(`tests: ${passed} passed, ${failed} failed`);
