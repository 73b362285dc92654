#!/usr/bin/env bash
# `npm test`: the whole suite — type check, server (vitest; the integration examples in PHP and Python), Workers, widgets in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash test/ensure-chromium.sh
npm run --silent build
npx tsc -p .
bash test/ensure-php.sh
npx vitest run
npm run --silent test:worker
npx web-test-runner
