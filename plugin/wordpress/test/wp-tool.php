<?php
/**
 * What e2e.mjs does to WordPress from the command line (there is no WP-CLI here): boots wp-load.php of the
 * site and runs one command, answering JSON on stdout.
 *
 *   php wp-tool.php <site dir> <port> prepare
 *   php wp-tool.php <site dir> <port> state
 *   php wp-tool.php <site dir> <port> setup '{"server":"http://…","code":"…"}'
 *   php wp-tool.php <site dir> <port> render '{"content":"[fresk_invite code=…]","as":"admin"}'
 *   php wp-tool.php <site dir> <port> locale '{"user":"admin","locale":"fr_FR"}'
 *   php wp-tool.php <site dir> <port> uninstall
 *
 * @package FreskMissions
 */

[ , $site, $port, $command ] = $argv + array( null, null, null, null );
$input = json_decode( $argv[4] ?? '{}', true ) ?: array();
$_SERVER['HTTP_HOST']   = '127.0.0.1:' . $port;
$_SERVER['REQUEST_URI'] = '/';
require $site . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once ABSPATH . 'wp-admin/includes/user.php';
require_once ABSPATH . 'wp-admin/includes/file.php';

const PLUGIN = 'fresk-missions/fresk-missions.php';

/** Options of the plugin, as stored (null when absent). */
function fresk_test_options(): array {
	$out = array();
	foreach ( array( 'fresk_missions_server_url', 'fresk_missions_default_lang', '_transient_fresk_missions_health' ) as $name ) {
		$out[ $name ] = get_option( $name, null );
	}
	// The signup forms cached for a minute (includes/render.php): how many, null when none.
	global $wpdb;
	$forms = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( '_transient_fresk_missions_form_' ) . '%' ) );
	$out['_transient_fresk_missions_form_*'] = $forms ? $forms : null;
	return $out;
}

/** Creates a published page (once) and returns its id and link. */
function fresk_test_page( string $slug, string $title, string $content ): array {
	$page = get_page_by_path( $slug );
	$id   = $page ? $page->ID : wp_insert_post(
		array( 'post_type' => 'page', 'post_status' => 'publish', 'post_title' => $title, 'post_name' => $slug, 'post_content' => $content, 'post_author' => 1 ),
		true
	);
	if ( is_wp_error( $id ) ) {
		fwrite( STDERR, $id->get_error_message() . "\n" );
		exit( 1 );
	}
	return array( 'id' => $id, 'url' => get_permalink( $id ) );
}

switch ( $command ) {
	case 'state':
		$out = array(
			'version' => get_bloginfo( 'version' ),
			'active'  => is_plugin_active( PLUGIN ),
			'plugin'  => get_plugins()[ PLUGIN ] ?? null,
			'options' => fresk_test_options(),
		);
		break;

	case 'prepare':
		// No "verify the administration email" screen after logging in.
		update_option( 'admin_email_lifespan', time() + YEAR_IN_SECONDS );
		$out = array( 'ok' => true );
		break;

	case 'setup':
		if ( isset( $input['server'] ) ) {
			update_option( 'fresk_missions_server_url', $input['server'] );
		}
		$code = $input['code'];
		update_option( 'blogname', 'ACME — engagement climat' );
		$out  = array(
			'server' => get_option( 'fresk_missions_server_url' ),
			'pages'  => array(
				'block'       => fresk_test_page( 'fresk-block', 'Fresque du Climat : inscrivez-vous', "<!-- wp:paragraph -->\n<p>Trois heures pour comprendre le dérèglement climatique, en équipe. Inscrivez-vous ci-dessous.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:fresk/invite {\"code\":\"$code\",\"lang\":\"fr\"} /-->" ),
				'shortcode'   => fresk_test_page( 'fresk-shortcode', 'Climate Fresk workshop', "<p>Sign up below.</p>\n\n[fresk_invite code=\"$code\" lang=\"en\"]" ),
				'space'       => fresk_test_page( 'fresk-space', 'Espace animateur·ice', '[fresk_missions]' ),
				'space_block' => fresk_test_page( 'fresk-space-block', 'Espace animateur·ice (bloc)', '<!-- wp:fresk/missions {"lang":"en"} /-->' ),
				'plain'       => fresk_test_page( 'plain', 'A page without Fresk', '<p>Nothing to load here.</p>' ),
			),
		);
		// The editor without its welcome guide, for the live-preview check and the screenshot.
		$admin = get_user_by( 'login', 'admin' );
		update_user_meta(
			$admin->ID,
			$GLOBALS['wpdb']->get_blog_prefix() . 'persisted_preferences',
			array(
				'core/edit-post' => array( 'welcomeGuide' => false, 'welcomeGuideTemplate' => false ),
				'core'           => array( 'enableChoosePatternModal' => false, 'fixedToolbar' => true, 'isInspectorControlsTabsHintVisible' => false ),
				'_modified'      => gmdate( 'c' ),
			)
		);
		// Someone who may not change settings.
		if ( ! get_user_by( 'login', 'subscriber' ) ) {
			wp_insert_user( array( 'user_login' => 'subscriber', 'user_pass' => 'password', 'user_email' => 'subscriber@example.com', 'role' => 'subscriber' ) );
		}
		break;

	case 'render':
		// Renders content as a visitor (or as `as`), optionally with a tampered stored server URL (as if the
		// database had been written to directly), a default language and a `fresk_missions_token` filter.
		if ( ! empty( $input['as'] ) ) {
			wp_set_current_user( get_user_by( 'login', $input['as'] )->ID );
		}
		if ( isset( $input['rawServer'] ) ) {
			add_filter( 'pre_option_fresk_missions_server_url', fn () => $input['rawServer'] );
		}
		if ( isset( $input['defaultLang'] ) ) {
			add_filter( 'pre_option_fresk_missions_default_lang', fn () => $input['defaultLang'] );
		}
		if ( isset( $input['token'] ) ) {
			add_filter( 'fresk_missions_token', fn () => $input['token'] );
		}
		$out = array( 'html' => do_shortcode( do_blocks( $input['content'] ) ) );
		break;

	case 'locale':
		$user = get_user_by( 'login', $input['user'] );
		update_user_meta( $user->ID, 'locale', $input['locale'] );
		$out = array( 'locale' => get_user_meta( $user->ID, 'locale', true ) );
		break;

	case 'uninstall':
		deactivate_plugins( PLUGIN );
		$before = fresk_test_options();
		$result = delete_plugins( array( PLUGIN ) ); // Runs uninstall.php, then removes the files.
		wp_cache_flush();
		$out = array(
			'before'  => $before,
			'deleted' => true === $result,
			'error'   => is_wp_error( $result ) ? $result->get_error_message() : null,
			'files'   => file_exists( WP_PLUGIN_DIR . '/fresk-missions' ),
			'options' => fresk_test_options(),
		);
		break;

	default:
		fwrite( STDERR, "unknown command $command\n" );
		exit( 2 );
}
echo wp_json_encode( $out ), "\n";
