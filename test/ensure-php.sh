#!/usr/bin/env bash
# The integration examples (docs/examples/client.php) run in Debian's PHP CLI, as a portal would run them.
# Installs it when missing and we are root on Debian; otherwise says how to get one.
set -euo pipefail
if [ -n "${PHP_PATH:-}" ] && [ -x "${PHP_PATH}" ]; then exit 0; fi
if command -v php >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "PHP is missing: installing Debian's php-cli package (apt-get)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq php-cli >/dev/null
  command -v php >/dev/null 2>&1 && exit 0
fi
cat >&2 <<'MSG'
The integration test of the PHP example needs the PHP command-line interpreter and none was found.
  - On Debian/Ubuntu as root:   apt-get install -y php-cli
  - Elsewhere: install PHP 8 and set PHP_PATH=/path/to/php
MSG
exit 1
