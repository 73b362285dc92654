#!/usr/bin/env bash
# Run a real WordPress 6.5.5 site on 127.0.0.1 with Debian's PHP 8.2 (php -S) and
# SQLite (the official "SQLite Database Integration" drop-in), fully offline:
# only Debian's archive (php-cli, php-sqlite3) and the npm registry (WordPress
# files and the SQLite plugin, taken from two npm tarballs) are used.
#
# Copied from the shared recipe recipes/wordpress-local.sh (tested on Debian, about 20 s from a bare
# machine) so that the plugin's end-to-end test (e2e.mjs) is self-contained. Changes from the recipe:
# WP_DOWNLOADS (a download cache shared by runs), unzip/curl installed when missing, PLUGIN_DIR optional,
# a PHP check that pipefail cannot get wrong.
#
#   PLUGIN_DIR=path/to/plugin wordpress-local.sh start   # set up (if needed) and start, leave it running
#   wordpress-local.sh start                              # the same without a plugin (e2e.mjs uploads the zip)
#   wordpress-local.sh stop                               # stop it (the whole process group)
#
# Env: PLUGIN_DIR (optional: the plugin folder, symlinked into wp-content/plugins and activated),
#      WP_WORK (work dir, default $TMPDIR/fresk-wordpress), WP_PORT (8088),
#      WP_PAGES (optional: a PHP array literal of slug => post_content pages to create),
#      WP_FRESH=1 (wipe the site and its database before start),
#      WP_DOWNLOADS (where the two npm tarballs are kept, default $WP_WORK/downloads).
# Admin login: admin / password. Pitfalls met on the way are noted beside the code.
set -euo pipefail

WORK=${WP_WORK:-${TMPDIR:-/tmp}/fresk-wordpress}
PORT=${WP_PORT:-8088}
PLUGIN_DIR=${PLUGIN_DIR:-}
PLUGIN_SLUG=$( [ -n "$PLUGIN_DIR" ] && basename "$PLUGIN_DIR" || true )
URL="http://127.0.0.1:$PORT"
SITE="$WORK/wordpress"
DL="${WP_DOWNLOADS:-$WORK/downloads}"
PIDFILE="$WORK/php-server.pid"
LOG="$WORK/php-server.log"

# Pinned npm packages (tarballs only; their dependencies are NOT installed):
#  - @wp-playground/wordpress-builds@0.9.19: WordPress 6.2-6.5 builds; wp-6.5.zip holds the
#    PHP files of WP 6.5.5, public/wp-6.5/ the CSS/JS/images stripped from that zip.
#  - @wp-playground/cli@3.1.56: ships sqlite-database-integration.zip (plugin v3.0.2).
WP_BUILDS_PKG=@wp-playground/wordpress-builds@0.9.19
WP_BUILD=6.5
PG_CLI_PKG=@wp-playground/cli@3.1.56

log() { printf '[wordpress-local %(%H:%M:%S)T] %s\n' -1 "$*"; }

ensure_php() {
  # grep without -q reads all of php -m: with -q it may exit early, php gets SIGPIPE and pipefail says "missing".
  if command -v php >/dev/null && php -m 2>/dev/null | grep -i '^pdo_sqlite$' >/dev/null \
     && command -v unzip >/dev/null && command -v curl >/dev/null; then return; fi
  log "installing php-cli + php-sqlite3 (and unzip, curl) from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends php-cli php-sqlite3 php-xml php-mbstring unzip curl >/dev/null
}

fetch_tarballs() {
  mkdir -p "$DL"
  if [ ! -f "$DL/wordpress-builds.tgz" ]; then
    log "npm pack $WP_BUILDS_PKG (~160 MB)"
    local f; f=$(cd "$DL" && npm pack --silent "$WP_BUILDS_PKG" | tail -1)
    mv "$DL/$f" "$DL/wordpress-builds.tgz"
  fi
  if [ ! -f "$DL/playground-cli.tgz" ]; then
    log "npm pack $PG_CLI_PKG"
    local f; f=$(cd "$DL" && npm pack --silent "$PG_CLI_PKG" | tail -1)
    mv "$DL/$f" "$DL/playground-cli.tgz"
  fi
}

build_site() {
  if [ "${WP_FRESH:-0}" = 1 ]; then rm -rf "$SITE"; fi
  if [ -f "$SITE/wp-config.php" ]; then return; fi
  log "building WordPress tree in $SITE"
  local tmp="$WORK/extract"
  rm -rf "$tmp" "$SITE"; mkdir -p "$tmp" "$SITE"
  tar -xzf "$DL/wordpress-builds.tgz" -C "$tmp" \
    "package/src/wordpress/wp-$WP_BUILD.zip" "package/public/wp-$WP_BUILD"
  tar -xzf "$DL/playground-cli.tgz" -C "$tmp" package/sqlite-database-integration.zip
  unzip -q "$tmp/package/src/wordpress/wp-$WP_BUILD.zip" -d "$SITE"
  cp -r "$tmp/package/public/wp-$WP_BUILD/." "$SITE/"           # static assets
  # public/ only has the static files of these two themes (no PHP): drop them.
  rm -rf "$SITE/wordpress-remote-asset-paths" "$SITE/wp-config.php" \
         "$SITE/wp-content/themes/twentytwentythree" "$SITE/wp-content/themes/twentytwentytwo"
  # SQLite drop-in
  unzip -q "$tmp/package/sqlite-database-integration.zip" -d "$tmp/sqlite"
  mv "$tmp/sqlite/plugin-sqlite-database-integration" "$SITE/wp-content/plugins/sqlite-database-integration"
  sed -e "s#{SQLITE_IMPLEMENTATION_FOLDER_PATH}#$SITE/wp-content/plugins/sqlite-database-integration#" \
      -e "s#{SQLITE_PLUGIN}#sqlite-database-integration/load.php#" \
      "$SITE/wp-content/plugins/sqlite-database-integration/db.copy" > "$SITE/wp-content/db.php"
  rm -rf "$tmp"
  # Our plugin, symlinked so edits are live.
  if [ -n "$PLUGIN_DIR" ]; then ln -sfn "$PLUGIN_DIR" "$SITE/wp-content/plugins/$PLUGIN_SLUG"; fi

  cat > "$SITE/wp-config.php" <<EOF
<?php
define( 'DB_NAME', 'wordpress' );   // ignored by the SQLite drop-in
define( 'DB_USER', '' ); define( 'DB_PASSWORD', '' ); define( 'DB_HOST', 'localhost' );
define( 'DB_CHARSET', 'utf8mb4' ); define( 'DB_COLLATE', '' );
define( 'DB_DIR', __DIR__ . '/wp-content/database/' ); define( 'DB_FILE', '.ht.sqlite' );
define( 'AUTH_KEY', 'ci' ); define( 'SECURE_AUTH_KEY', 'ci' ); define( 'LOGGED_IN_KEY', 'ci' ); define( 'NONCE_KEY', 'ci' );
define( 'AUTH_SALT', 'ci' ); define( 'SECURE_AUTH_SALT', 'ci' ); define( 'LOGGED_IN_SALT', 'ci' ); define( 'NONCE_SALT', 'ci' );
\$table_prefix = 'wp_';
define( 'WP_HOME', '$URL' ); define( 'WP_SITEURL', '$URL' );
define( 'WP_DEBUG', true ); define( 'WP_DEBUG_LOG', true ); define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );       // offline: never try wordpress.org
define( 'AUTOMATIC_UPDATER_DISABLED', true ); define( 'WP_AUTO_UPDATE_CORE', false );
define( 'DISABLE_WP_CRON', true ); define( 'FS_METHOD', 'direct' );
if ( ! defined( 'ABSPATH' ) ) { define( 'ABSPATH', __DIR__ . '/' ); }
require_once ABSPATH . 'wp-settings.php';
EOF

  mkdir -p "$SITE/wp-content/mu-plugins"
  cat > "$SITE/wp-content/mu-plugins/ci-offline.php" <<'EOF'
<?php
// CI: no sendmail on the machine, no wordpress.org update checks.
add_filter( 'pre_wp_mail', '__return_false' );
foreach ( array( '_maybe_update_core', '_maybe_update_plugins', '_maybe_update_themes' ) as $f ) {
	remove_action( 'admin_init', $f );
}
remove_action( 'init', 'wp_schedule_update_checks' );
add_filter( 'pre_site_transient_update_core', '__return_null' );
EOF

  # Router for `php -S`: real files are served as-is, the rest goes to WordPress.
  cat > "$WORK/router.php" <<'EOF'
<?php
$path = parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH );
$file = $_SERVER['DOCUMENT_ROOT'] . $path;
if ( $path !== '/' && is_file( $file ) ) { return false; }
if ( is_dir( $file ) && is_file( rtrim( $file, '/' ) . '/index.php' ) ) { return false; }
$_SERVER['SCRIPT_NAME'] = '/index.php';
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
EOF

  log "installing WordPress (wp_install via php-cli; no wp-cli needed)"
  php -d display_errors=stderr -r '
    define( "WP_INSTALLING", true );
    $_SERVER["HTTP_HOST"] = "127.0.0.1"; $_SERVER["REQUEST_URI"] = "/";
    require $argv[1] . "/wp-load.php";
    require_once ABSPATH . "wp-admin/includes/upgrade.php";
    if ( ! is_blog_installed() ) { wp_install( "Fresk CI", "admin", "admin@example.com", false, "", "password" ); }
    echo "installed WordPress ", get_bloginfo( "version" ), "\n";' "$SITE"

  log "activating ${PLUGIN_SLUG:-no plugin} and creating test pages"
  php -d display_errors=stderr -r '
    $_SERVER["HTTP_HOST"] = "127.0.0.1"; $_SERVER["REQUEST_URI"] = "/";
    require $argv[1] . "/wp-load.php";
    require_once ABSPATH . "wp-admin/includes/plugin.php";
    $main = null;
    if ( $argv[2] !== "" ) {
      foreach ( get_plugins() as $file => $data ) { if ( strpos( $file, $argv[2] . "/" ) === 0 ) { $main = $file; } }
      if ( ! $main ) { fwrite( STDERR, "plugin $argv[2] not found\n" ); exit( 1 ); }
      $r = activate_plugin( $main );
      if ( is_wp_error( $r ) ) { fwrite( STDERR, $r->get_error_message() . "\n" ); exit( 1 ); }
    }
    global $wp_rewrite;   // set + flush: a bare update_option() can leave stale rewrite rules
    $wp_rewrite->set_permalink_structure( "/%postname%/" ); $wp_rewrite->flush_rules( false );
    $pages = $argv[3] !== "" ? eval( "return " . $argv[3] . ";" ) : array();
    foreach ( $pages as $slug => $content ) {
      if ( ! get_page_by_path( $slug ) ) {
        wp_insert_post( array( "post_type" => "page", "post_status" => "publish", "post_title" => $slug,
                               "post_name" => $slug, "post_content" => $content ) );
      }
    }
    echo "active: ", $main ?: "(none)", "\n";' "$SITE" "$PLUGIN_SLUG" "${WP_PAGES:-}"
}

start_server() {
  if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    log "already running (pid $(cat "$PIDFILE"))"; return
  fi
  log "starting php -S on $URL"
  # PHP_CLI_SERVER_WORKERS: several requests at once (a browser loading wp-admin needs it).
  # setsid: own process group, so `stop` can end the forked workers too (killing only the
  # parent leaves the workers listening on the port).
  PHP_CLI_SERVER_WORKERS=4 setsid php -S "127.0.0.1:$PORT" -t "$SITE" "$WORK/router.php" >"$LOG" 2>&1 < /dev/null &
  echo $! > "$PIDFILE"
  for _ in $(seq 1 60); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/wp-login.php")" = 200 ]; then
      log "up: $URL (admin / password), pid $(cat "$PIDFILE")"; return
    fi
    sleep 0.5
  done
  log "server did not come up"; cat "$LOG"; exit 1
}

stop_server() {
  if [ -f "$PIDFILE" ]; then
    local pid; pid=$(cat "$PIDFILE")
    # Kill the whole process group (parent + PHP_CLI_SERVER_WORKERS children) started by setsid.
    kill -TERM -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 25); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.2; done
    rm -f "$PIDFILE"; log "stopped pid $pid"
  fi
}

mkdir -p "$WORK"
case "${1:-}" in
  start) ensure_php; fetch_tarballs; build_site; start_server ;;
  stop)  stop_server ;;
  *) echo "usage: [PLUGIN_DIR=...] $0 start | $0 stop" >&2; exit 2 ;;
esac
