<?php
/**
 * Deleting the plugin removes its options and its cached server check, on every site of a network.
 * Blocks and shortcodes already in posts stay in the content (and render nothing once the plugin is gone).
 *
 * @package FreskMissions
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

$fresk_missions_cleanup = static function (): void {
	delete_option( 'fresk_missions_server_url' );
	delete_option( 'fresk_missions_default_lang' );
	delete_transient( 'fresk_missions_health' );
};

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids', 'number' => 0 ) ) as $fresk_missions_site ) {
		switch_to_blog( $fresk_missions_site );
		$fresk_missions_cleanup();
		restore_current_blog();
	}
} else {
	$fresk_missions_cleanup();
}
