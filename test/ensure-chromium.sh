#!/usr/bin/env bash
# The browser tests run in Debian's Chromium (no test tool downloads its own browser).
# Installs it when missing and we are root on Debian; otherwise says how to get one.
set -euo pipefail
if [ -n "${CHROME_PATH:-}" ] && [ -x "${CHROME_PATH}" ]; then exit 0; fi
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing: installing Debian's chromium package (apt-get)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  [ -x /usr/bin/chromium ] && exit 0
fi
cat >&2 <<'MSG'
The widget tests need a Chromium browser and none was found.
  - On Debian/Ubuntu as root:   apt-get install -y chromium
  - Elsewhere: install Chromium or Chrome and set CHROME_PATH=/path/to/chromium
MSG
exit 1
