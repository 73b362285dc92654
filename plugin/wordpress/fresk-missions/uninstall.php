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
	// The cached signup forms (includes/render.php), one per server, session code and language.
	global $wpdb;
	foreach ( array( '_transient_fresk_missions_form_', '_transient_timeout_fresk_missions_form_' ) as $fresk_missions_prefix ) {
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( $fresk_missions_prefix ) . '%' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	}
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
