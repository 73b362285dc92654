<?php
/**
 * Settings → Fresk: the server URL and the default language, through the Settings API (options.php checks
 * the `manage_options` capability and the form's nonce; every value is sanitised on the way in and escaped
 * on the way out).
 *
 * @package FreskMissions
 */

defined( 'ABSPATH' ) || exit;

/**
 * Registers both options with their sanitisers. On `init`, so a value written from code or the REST API is
 * sanitised too, not only one saved through the form.
 */
function fresk_missions_register_settings(): void {
	register_setting(
		'fresk_missions',
		FRESK_MISSIONS_OPTION_SERVER,
		array(
			'type'              => 'string',
			'description'       => 'Base URL of the Fresk missions server.',
			'sanitize_callback' => 'fresk_missions_sanitize_server_url',
			'default'           => '',
			'show_in_rest'      => false,
		)
	);
	register_setting(
		'fresk_missions',
		FRESK_MISSIONS_OPTION_LANG,
		array(
			'type'              => 'string',
			'description'       => 'Default language of the Fresk widgets (fr or en).',
			'sanitize_callback' => 'fresk_missions_sanitize_lang',
			'default'           => 'fr',
			'show_in_rest'      => false,
		)
	);
}

/**
 * Adds a settings error once (WordPress runs the sanitiser twice when the option did not exist yet).
 *
 * @param string $code    Error code.
 * @param string $message Translated message.
 */
function fresk_missions_settings_error( string $code, string $message ): void {
	if ( ! function_exists( 'add_settings_error' ) ) {
		return; // Outside wp-admin (code, REST): the value is refused silently.
	}
	foreach ( get_settings_errors( FRESK_MISSIONS_OPTION_SERVER ) as $error ) {
		if ( $error['code'] === $code ) {
			return;
		}
	}
	add_settings_error( FRESK_MISSIONS_OPTION_SERVER, $code, $message, 'error' );
}

/**
 * Keeps a valid http(s) URL (normalised, no trailing slash) or '' to clear it; anything else is refused
 * with a message and the previous value stays.
 *
 * @param mixed $value Submitted value.
 */
function fresk_missions_sanitize_server_url( $value ): string {
	if ( ! is_string( $value ) || '' === trim( $value ) ) {
		return '';
	}
	$url = fresk_missions_normalize_url( $value );
	if ( '' === $url ) {
		fresk_missions_settings_error(
			'fresk_missions_invalid_url',
			__( 'The Fresk server URL must be an http:// or https:// address, such as https://missions.example.org. The previous value was kept.', 'fresk-missions' )
		);
		$previous = get_option( FRESK_MISSIONS_OPTION_SERVER, '' );
		return is_string( $previous ) ? $previous : '';
	}
	return $url;
}

/**
 * 'fr' or 'en'; anything else falls back to 'fr'.
 *
 * @param mixed $value Submitted value.
 */
function fresk_missions_sanitize_lang( $value ): string {
	return in_array( $value, array( 'fr', 'en' ), true ) ? $value : 'fr';
}

/**
 * Settings → Fresk.
 */
function fresk_missions_add_settings_page(): void {
	add_options_page(
		__( 'Fresk missions', 'fresk-missions' ),
		'Fresk',
		'manage_options',
		'fresk-missions',
		'fresk_missions_render_settings_page'
	);
}

/**
 * The section and its two fields.
 */
function fresk_missions_register_settings_fields(): void {
	add_settings_section( 'fresk_missions_server', __( 'Server', 'fresk-missions' ), 'fresk_missions_render_settings_section', 'fresk-missions' );
	add_settings_field(
		FRESK_MISSIONS_OPTION_SERVER,
		__( 'Server URL', 'fresk-missions' ),
		'fresk_missions_render_server_field',
		'fresk-missions',
		'fresk_missions_server',
		array( 'label_for' => FRESK_MISSIONS_OPTION_SERVER )
	);
	add_settings_field(
		FRESK_MISSIONS_OPTION_LANG,
		__( 'Default language', 'fresk-missions' ),
		'fresk_missions_render_lang_field',
		'fresk-missions',
		'fresk_missions_server',
		array( 'label_for' => FRESK_MISSIONS_OPTION_LANG )
	);
}

/**
 * The section's text: what the server must allow, and whether it answers.
 */
function fresk_missions_render_settings_section(): void {
	$origin = fresk_missions_site_origin();
	echo '<p>' . esc_html__( 'The Fresk missions server that holds the sessions. The plugin ships its own copy of the widgets; they call this server from your visitors’ browsers.', 'fresk-missions' ) . '</p>';
	if ( '' !== $origin ) {
		echo '<p>' . sprintf(
			/* translators: 1: the site's origin, e.g. https://www.example.org; 2: the server setting's name. */
			esc_html__( 'The server must allow this site’s origin, %1$s, in its %2$s setting.', 'fresk-missions' ),
			'<code>' . esc_html( $origin ) . '</code>',
			'<code>FRESK_ALLOWED_ORIGINS</code>'
		) . '</p>';
	}
	$status = fresk_missions_server_status();
	if ( 'ok' === $status['state'] ) {
		echo '<p class="fresk-missions-status"><span class="dashicons dashicons-yes-alt" aria-hidden="true"></span> ' . esc_html__( 'Connected: the server answers and allows this site.', 'fresk-missions' ) . '</p>';
	}
}

/**
 * The server URL field.
 */
function fresk_missions_render_server_field(): void {
	printf(
		'<input type="url" id="%1$s" name="%1$s" value="%2$s" class="regular-text code" placeholder="https://missions.example.org" maxlength="500" spellcheck="false" aria-describedby="%1$s-description"><p class="description" id="%1$s-description">%3$s</p>',
		esc_attr( FRESK_MISSIONS_OPTION_SERVER ),
		esc_attr( fresk_missions_server_url() ),
		esc_html__( 'Base URL of the server, without /trpc: the address its /health answers on.', 'fresk-missions' )
	);
}

/**
 * The default language field.
 */
function fresk_missions_render_lang_field(): void {
	$current = fresk_missions_default_lang();
	printf( '<select id="%1$s" name="%1$s" aria-describedby="%1$s-description">', esc_attr( FRESK_MISSIONS_OPTION_LANG ) );
	foreach ( array( 'fr' => 'Français', 'en' => 'English' ) as $value => $label ) {
		printf( '<option value="%1$s"%2$s>%3$s</option>', esc_attr( $value ), selected( $current, $value, false ), esc_html( $label ) );
	}
	printf(
		'</select><p class="description" id="%1$s-description">%2$s</p>',
		esc_attr( FRESK_MISSIONS_OPTION_LANG ),
		esc_html__( 'Language of the forms when a block or shortcode does not choose one.', 'fresk-missions' )
	);
}

/**
 * The page. WordPress prints the "Settings saved" and error notices above it (options-head.php).
 */
function fresk_missions_render_settings_page(): void {
	if ( ! current_user_can( 'manage_options' ) ) {
		wp_die( esc_html__( 'Sorry, you are not allowed to manage these settings.', 'fresk-missions' ), 403 );
	}
	echo '<div class="wrap"><h1>' . esc_html( get_admin_page_title() ) . '</h1>';
	echo '<form action="' . esc_url( admin_url( 'options.php' ) ) . '" method="post">';
	settings_fields( 'fresk_missions' );
	do_settings_sections( 'fresk-missions' );
	submit_button();
	echo '</form>';
	echo '<h2>' . esc_html__( 'On your pages', 'fresk-missions' ) . '</h2>';
	echo '<p>' . esc_html__( 'Add the “Fresk — inscription” block (or the shortcode below) with the session’s signup code, and the “Fresk — missions” block for the facilitator space.', 'fresk-missions' ) . '</p>';
	echo '<p><code>[fresk_invite code="…" lang="fr"]</code> <code>[fresk_missions]</code></p>';
	echo '</div>';
}
