#!/usr/bin/env bash
# `npm run test:clocks`: the server and widget suites in the time zones farthest from Paris (UTC+14 and
# UTC−10), the server's at an evening "now" too — proof that no test and no rule depends on the hour, the
# date's edge or the machine's zone. Not part of `npm test` (it runs the suites three more times).
set -euo pipefail
cd "$(dirname "$0")/.."
bash test/ensure-chromium.sh
npm run --silent build
for zone in Pacific/Kiritimati America/Adak; do
  echo "== TZ=$zone, server suite at 21:30 Paris"
  TZ=$zone FRESK_TEST_NOW=2027-03-01T21:30:00+01:00 npx vitest run
  echo "== TZ=$zone, widget suite"
  TZ=$zone npx web-test-runner
done
echo "== server suite at 23:30 Paris (the next UTC day is already Tuesday in Kiritimati)"
FRESK_TEST_NOW=2027-03-01T23:30:00+01:00 npx vitest run
