#!/usr/bin/env bash
# `npm test`: the whole suite — type check, server (vitest) and widgets in Chromium (@web/test-runner).
set -euo pipefail
cd "$(dirname "$0")/.."
bash test/ensure-chromium.sh
npm run --silent build
npx tsc -p .
npx vitest run
npm run --silent test:worker
npx web-test-runner
