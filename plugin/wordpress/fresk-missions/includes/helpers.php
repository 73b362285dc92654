<?php
/**
 * Small helpers shared by the blocks, the shortcodes and the settings page.
 *
 * @package FreskMissions
 */

defined( 'ABSPATH' ) || exit;

/**
 * The Fresk server's base URL from the settings, without a trailing slash; '' when not set.
 */
function fresk_missions_server_url(): string {
	$url = get_option( FRESK_MISSIONS_OPTION_SERVER, '' );
	return is_string( $url ) ? untrailingslashit( $url ) : '';
}

/**
 * The default language of the widgets from the settings: 'fr' (the default) or 'en'.
 */
function fresk_missions_default_lang(): string {
	$lang = get_option( FRESK_MISSIONS_OPTION_LANG, 'fr' );
	return in_array( $lang, array( 'fr', 'en' ), true ) ? $lang : 'fr';
}

/**
 * A block's or shortcode's language: 'fr' or 'en', or the default language when empty or unknown.
 *
 * @param mixed $lang The attribute's value.
 */
function fresk_missions_lang( $lang ): string {
	$lang = is_string( $lang ) ? strtolower( trim( $lang ) ) : '';
	return in_array( $lang, array( 'fr', 'en' ), true ) ? $lang : fresk_missions_default_lang();
}

/**
 * Normalises a session signup code. Accepts the code itself or the whole participant link
 * (`https://<server>/signup/<code>`), as coordinators copy it from the session planner.
 * Codes are base64url: anything else gives ''.
 *
 * @param mixed $value The attribute's value.
 */
function fresk_missions_sanitize_code( $value ): string {
	if ( ! is_string( $value ) ) {
		return '';
	}
	$value = trim( $value );
	if ( preg_match( '#/signup/([A-Za-z0-9_-]+)/?(?:[?\#].*)?$#', $value, $m ) ) {
		$value = $m[1];
	}
	return preg_match( '/^[A-Za-z0-9_-]{1,100}$/', $value ) ? $value : '';
}

/**
 * Normalises a server URL: an absolute http(s) URL without query, fragment or trailing slash; '' otherwise.
 *
 * @param mixed $value The submitted value.
 */
function fresk_missions_normalize_url( $value ): string {
	if ( ! is_string( $value ) ) {
		return '';
	}
	$value = trim( $value );
	if ( '' === $value || strlen( $value ) > 500 ) {
		return '';
	}
	$parts = wp_parse_url( $value );
	if ( ! is_array( $parts ) || empty( $parts['scheme'] ) || empty( $parts['host'] )
		|| ! in_array( strtolower( $parts['scheme'] ), array( 'http', 'https' ), true )
		|| isset( $parts['query'] ) || isset( $parts['fragment'] ) || isset( $parts['user'] ) ) {
		return '';
	}
	$url = esc_url_raw( $value, array( 'http', 'https' ) );
	return '' === $url ? '' : untrailingslashit( $url );
}

/**
 * The origin (scheme://host[:port]) of this site's public pages, which the Fresk server must allow.
 */
function fresk_missions_site_origin(): string {
	$parts = wp_parse_url( home_url() );
	if ( ! is_array( $parts ) || empty( $parts['host'] ) ) {
		return '';
	}
	$origin = ( $parts['scheme'] ?? 'https' ) . '://' . $parts['host'];
	return isset( $parts['port'] ) ? $origin . ':' . $parts['port'] : $origin;
}

/**
 * The URL of the settings page.
 */
function fresk_missions_settings_url(): string {
	return admin_url( 'options-general.php?page=fresk-missions' );
}

/**
 * "Settings" link on the Plugins screen.
 *
 * @param array<int|string,string> $links The plugin's action links.
 * @return array<int|string,string>
 */
function fresk_missions_action_links( array $links ): array {
	if ( current_user_can( 'manage_options' ) ) {
		array_unshift(
			$links,
			sprintf( '<a href="%s">%s</a>', esc_url( fresk_missions_settings_url() ), esc_html__( 'Settings', 'fresk-missions' ) )
		);
	}
	return $links;
}
