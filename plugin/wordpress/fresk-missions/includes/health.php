<?php
/**
 * Is the Fresk server set, reachable, and does it allow this site? `GET <server>/health` with this site's
 * Origin: 200 `{"ok":true}` means reachable, and the CORS answer tells whether the widgets' calls from the
 * site's pages will be allowed. The answer is cached in a transient; the settings page always checks anew.
 *
 * @package FreskMissions
 */

defined( 'ABSPATH' ) || exit;

/**
 * The server's state: `unset`, `ok`, `unreachable` (with `detail`) or `origin_refused`.
 *
 * @param bool $fresh Skip the cache.
 * @return array{state:string,url:string,detail:string}
 */
function fresk_missions_server_status( bool $fresh = false ): array {
	$url = fresk_missions_server_url();
	if ( '' === $url ) {
		return array( 'state' => 'unset', 'url' => '', 'detail' => '' );
	}
	$cached = get_transient( FRESK_MISSIONS_HEALTH );
	if ( ! $fresh && is_array( $cached ) && ( $cached['url'] ?? '' ) === $url && isset( $cached['state'], $cached['detail'] ) ) {
		return $cached;
	}
	$status = fresk_missions_check_server( $url );
	set_transient( FRESK_MISSIONS_HEALTH, $status, 'ok' === $status['state'] ? 10 * MINUTE_IN_SECONDS : MINUTE_IN_SECONDS );
	return $status;
}

/**
 * Asks `<url>/health`, as a page of this site would.
 *
 * @param string $url The server's base URL.
 * @return array{state:string,url:string,detail:string}
 */
function fresk_missions_check_server( string $url ): array {
	$origin   = fresk_missions_site_origin();
	$response = wp_remote_get(
		$url . '/health',
		array(
			'timeout'     => 3,
			'redirection' => 0,
			'headers'     => array( 'Accept' => 'application/json', 'Origin' => $origin ),
		)
	);
	if ( is_wp_error( $response ) ) {
		return array( 'state' => 'unreachable', 'url' => $url, 'detail' => $response->get_error_message() );
	}
	$code = (int) wp_remote_retrieve_response_code( $response );
	$body = json_decode( (string) wp_remote_retrieve_body( $response ), true );
	if ( 200 !== $code || ! is_array( $body ) || true !== ( $body['ok'] ?? null ) ) {
		$detail = sprintf( /* translators: %d: an HTTP status code. */ __( 'HTTP %d from /health', 'fresk-missions' ), $code );
		return array( 'state' => 'unreachable', 'url' => $url, 'detail' => $detail );
	}
	$allowed = (string) wp_remote_retrieve_header( $response, 'access-control-allow-origin' );
	if ( '' !== $origin && $allowed !== $origin && '*' !== $allowed ) {
		return array( 'state' => 'origin_refused', 'url' => $url, 'detail' => $origin );
	}
	return array( 'state' => 'ok', 'url' => $url, 'detail' => '' );
}

/**
 * Drops the cached state when the URL changes.
 */
add_action( 'update_option_' . FRESK_MISSIONS_OPTION_SERVER, static fn () => delete_transient( FRESK_MISSIONS_HEALTH ) );

/**
 * The admin notice, for people who can fix it: the URL is not set, the server does not answer, or it
 * does not allow this site's origin.
 */
function fresk_missions_admin_notice(): void {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$screen   = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
	$settings = $screen && 'settings_page_fresk-missions' === $screen->id;
	$status   = fresk_missions_server_status( $settings );
	if ( 'ok' === $status['state'] ) {
		return;
	}
	$link = $settings ? '' : sprintf( ' <a href="%s">%s</a>', esc_url( fresk_missions_settings_url() ), esc_html__( 'Open Settings → Fresk', 'fresk-missions' ) );
	switch ( $status['state'] ) {
		case 'unset':
			$message = esc_html__( 'Fresk missions: the server URL is not set, so the signup forms cannot show.', 'fresk-missions' );
			break;
		case 'origin_refused':
			$message = sprintf(
				/* translators: 1: the server URL; 2: this site's origin; 3: the server setting's name. */
				esc_html__( 'Fresk missions: the server %1$s answers but does not allow this site (%2$s). Add the origin to its %3$s.', 'fresk-missions' ),
				'<code>' . esc_html( $status['url'] ) . '</code>',
				'<code>' . esc_html( $status['detail'] ) . '</code>',
				'<code>FRESK_ALLOWED_ORIGINS</code>'
			);
			break;
		default:
			$message = sprintf(
				/* translators: 1: the server URL; 2: the error. */
				esc_html__( 'Fresk missions: the server %1$s is not reachable (%2$s).', 'fresk-missions' ),
				'<code>' . esc_html( $status['url'] ) . '</code>',
				esc_html( $status['detail'] )
			);
	}
	printf( '<div class="notice notice-warning fresk-missions-notice" data-state="%s"><p>%s%s</p></div>', esc_attr( $status['state'] ), $message, $link ); // phpcs:ignore WordPress.Security.EscapeOutput -- escaped above.
}
