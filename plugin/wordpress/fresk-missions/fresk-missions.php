<?php
/**
 * Plugin Name:       Fresk missions
 * Plugin URI:        https://fresqueduclimat.org/
 * Description:       Drop the Climate Fresk session signup form and the facilitator space onto any page: a block and a shortcode for each, served from the plugin's own copy of the widgets.
 * Version:           0.1.0
 * Requires at least: 6.5
 * Requires PHP:      8.1
 * Author:            La Fresque du Climat
 * License:           MIT
 * License URI:       https://opensource.org/licenses/MIT
 * Text Domain:       fresk-missions
 * Domain Path:       /languages
 *
 * @package FreskMissions
 */

defined( 'ABSPATH' ) || exit;

define( 'FRESK_MISSIONS_VERSION', '0.1.0' );
define( 'FRESK_MISSIONS_FILE', __FILE__ );
define( 'FRESK_MISSIONS_DIR', __DIR__ );

/** Option names (removed by uninstall.php). */
const FRESK_MISSIONS_OPTION_SERVER = 'fresk_missions_server_url';
const FRESK_MISSIONS_OPTION_LANG   = 'fresk_missions_default_lang';
/** Transient that caches the last reachability check of the server (removed by uninstall.php). */
const FRESK_MISSIONS_HEALTH        = 'fresk_missions_health';

require_once __DIR__ . '/includes/helpers.php';
require_once __DIR__ . '/includes/render.php';
require_once __DIR__ . '/includes/blocks.php';
require_once __DIR__ . '/includes/settings.php';
require_once __DIR__ . '/includes/health.php';

add_action(
	'init',
	static function () {
		load_plugin_textdomain( 'fresk-missions', false, dirname( plugin_basename( FRESK_MISSIONS_FILE ) ) . '/languages' );
	},
	0
);

add_action( 'init', 'fresk_missions_register_settings' );
add_action( 'init', 'fresk_missions_register_script_modules' );
add_action( 'init', 'fresk_missions_register_blocks' );
add_action( 'init', 'fresk_missions_register_shortcodes' );
add_action( 'admin_menu', 'fresk_missions_add_settings_page' );
add_action( 'admin_init', 'fresk_missions_register_settings_fields' );
add_action( 'admin_notices', 'fresk_missions_admin_notice' );
add_filter( 'plugin_action_links_' . plugin_basename( __FILE__ ), 'fresk_missions_action_links' );
