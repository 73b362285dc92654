<?php
/**
 * The widgets on the page: the module scripts (the plugin's own copy of the bundles, registered once and
 * enqueued only by a block or shortcode that renders), the `[fresk_invite]` and `[fresk_missions]`
 * shortcodes, and the markup both blocks share with them.
 *
 * @package FreskMissions
 */

defined( 'ABSPATH' ) || exit;

/** Script module ids → bundle file in assets/ (copied from dist/widget by `npm run build:plugin`). */
const FRESK_MISSIONS_MODULES = array(
	'@fresk/invite'   => 'fresk-invite.js',
	'@fresk/missions' => 'fresk-missions.js',
);

/**
 * Registers the two widget bundles as script modules (WordPress 6.5). Nothing is printed until a block or
 * shortcode enqueues one: pages without a Fresk widget load no Fresk script.
 */
function fresk_missions_register_script_modules(): void {
	foreach ( FRESK_MISSIONS_MODULES as $id => $file ) {
		$url = fresk_missions_asset_url( $file );
		if ( '' !== $url ) {
			wp_register_script_module( $id, $url, array(), fresk_missions_asset_version( $file ) );
		}
	}
}

/**
 * The public URL of a bundle, or '' when the bundle is missing (a checkout where `npm run build:plugin`
 * has not run).
 *
 * @param string $file File name in assets/.
 */
function fresk_missions_asset_url( string $file ): string {
	return is_readable( FRESK_MISSIONS_DIR . '/assets/' . $file ) ? plugins_url( 'assets/' . $file, FRESK_MISSIONS_FILE ) : '';
}

/**
 * A file's version for its `?ver=`: the content hash the build wrote (assets/versions.php), so a new bundle
 * is never served from a stale cache; the plugin's version and the file's time as a fallback.
 *
 * @param string $file File name in assets/, or a path from the plugin's folder (`blocks/editor.js`).
 */
function fresk_missions_asset_version( string $file ): string {
	static $versions = null;
	if ( null === $versions ) {
		$manifest = FRESK_MISSIONS_DIR . '/assets/versions.php';
		$versions = is_readable( $manifest ) ? (array) include $manifest : array();
	}
	$path = str_contains( $file, '/' ) ? $file : 'assets/' . $file;
	if ( isset( $versions[ $path ] ) && is_string( $versions[ $path ] ) ) {
		return $versions[ $path ];
	}
	$time = @filemtime( FRESK_MISSIONS_DIR . '/' . $path ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
	return FRESK_MISSIONS_VERSION . ( $time ? '.' . $time : '' );
}

/**
 * Resource hints printed once per page, just before the first widget (`preconnect` and `modulepreload`
 * are allowed in the body): a connection to the Fresk server opened while the bundle downloads (the
 * widget calls the API as soon as it runs; `crossorigin` because those calls are CORS requests without
 * credentials), and the bundle with the chunks it imports statically fetched in parallel rather than one
 * after another (in classic themes the module script itself is printed in the footer). The bundle keeps
 * its `?ver=<content hash>` (WordPress's way to bust caches; the site's web server decides the cache
 * headers); the chunks are named by their content hash and have no query, as the bundle imports them.
 *
 * @param string $module Script module id (a key of FRESK_MISSIONS_MODULES).
 */
function fresk_missions_resource_hints( string $module ): string {
	static $printed = array();
	$file  = FRESK_MISSIONS_MODULES[ $module ];
	$hints = '';
	if ( ! isset( $printed['server'] ) ) {
		$printed['server'] = true;
		$origin            = wp_parse_url( fresk_missions_server_url() );
		if ( isset( $origin['scheme'], $origin['host'] ) ) {
			$hints .= sprintf( '<link rel="preconnect" href="%s" crossorigin="anonymous">', esc_url( $origin['scheme'] . '://' . $origin['host'] . ( isset( $origin['port'] ) ? ':' . $origin['port'] : '' ) ) );
		}
	}
	if ( ! isset( $printed[ $module ] ) ) {
		$printed[ $module ] = true;
		static $chunks = null;
		if ( null === $chunks ) {
			$list   = FRESK_MISSIONS_DIR . '/assets/preload.php';
			$chunks = is_readable( $list ) ? (array) include $list : array();
		}
		$urls = array( add_query_arg( 'ver', rawurlencode( fresk_missions_asset_version( $file ) ), fresk_missions_asset_url( $file ) ) );
		foreach ( (array) ( $chunks[ $file ] ?? array() ) as $chunk ) {
			if ( is_string( $chunk ) && '' !== fresk_missions_asset_url( $chunk ) ) {
				$urls[] = fresk_missions_asset_url( $chunk );
			}
		}
		foreach ( $urls as $url ) {
			$hints .= sprintf( '<link rel="modulepreload" href="%s">', esc_url( $url ) );
		}
	}
	return $hints;
}

/**
 * What a block or shortcode shows when it cannot render the widget: a hint for people who can fix it
 * (editors), nothing for visitors.
 *
 * @param string $message Already translated message.
 */
function fresk_missions_render_problem( string $message ): string {
	if ( ! current_user_can( 'edit_posts' ) ) {
		return '';
	}
	return sprintf( '<p class="fresk-missions-problem"><strong>Fresk :</strong> %s</p>', esc_html( $message ) );
}

/** How long the rendered signup form of a session is kept (like pretix's widget cache): seats left may lag by as much. */
const FRESK_MISSIONS_FORM_TTL = MINUTE_IN_SECONDS;

/**
 * The signup form of a session as the Fresk server renders it (`GET <server>/signup/<code>/form?lang=…`):
 * the session's summary and a plain HTML form posting to `<server>/signup/<code>`, printed inside
 * `<fresk-invite>` so that it is usable before the widget's script runs and works without JavaScript (the
 * element takes it over, typed values included, once defined). Cached for a minute in a transient keyed by
 * the server, the session code and the language, failures included (an unreachable server then costs one
 * short request a minute, not one per page view); '' when the server did not answer with a form. What comes
 * back is filtered to the form's own tags and attributes (wp_kses), whatever the server sends.
 *
 * @param string $server The Fresk server's base URL.
 * @param string $code   Session signup code (already sanitized).
 * @param string $lang   'fr' or 'en'.
 */
function fresk_missions_invite_form( string $server, string $code, string $lang ): string {
	$key  = 'fresk_missions_form_' . md5( $server . '|' . $code . '|' . $lang );
	$html = get_transient( $key );
	if ( ! is_string( $html ) ) {
		$response = wp_remote_get(
			$server . '/signup/' . rawurlencode( $code ) . '/form?lang=' . $lang,
			array( 'timeout' => 3, 'redirection' => 0, 'headers' => array( 'Accept' => 'text/html' ) )
		);
		$ok   = ! is_wp_error( $response ) && 200 === (int) wp_remote_retrieve_response_code( $response );
		$html = $ok ? fresk_missions_kses_form( (string) wp_remote_retrieve_body( $response ) ) : '';
		set_transient( $key, $html, FRESK_MISSIONS_FORM_TTL );
	}
	return $html;
}

/**
 * The server's rendered form, reduced to the tags and attributes the form uses.
 *
 * @param string $html What the server answered.
 */
function fresk_missions_kses_form( string $html ): string {
	$text  = array( 'class' => true );
	$boxes = array( 'class' => true, 'role' => true, 'data-info' => true );
	return trim(
		wp_kses(
			$html,
			array(
				'h2'     => array(),
				'h3'     => array(),
				'p'      => $boxes,
				'div'    => $boxes,
				'dl'     => array(),
				'dt'     => array(),
				'dd'     => array(),
				'span'   => $text,
				'a'      => array( 'href' => true, 'rel' => true, 'class' => true ),
				'form'   => array( 'class' => true, 'method' => true, 'action' => true, 'data-info' => true ),
				'label'  => $text,
				'input'  => array( 'type' => true, 'name' => true, 'value' => true, 'autocomplete' => true, 'maxlength' => true, 'required' => true, 'spellcheck' => true, 'checked' => true, 'aria-invalid' => true ),
				'button' => array( 'type' => true ),
			),
			array( 'http', 'https' )
		)
	);
}

/**
 * The `<fresk-invite>` element with the server-rendered form inside (see fresk_missions_invite_form), its
 * no-JavaScript fallback link, and the module enqueued.
 *
 * @param array<string,mixed> $atts `code`, `lang`.
 */
function fresk_missions_invite_markup( array $atts ): string {
	$server = fresk_missions_server_url();
	$code   = fresk_missions_sanitize_code( $atts['code'] ?? '' );
	$lang   = fresk_missions_lang( $atts['lang'] ?? '' );
	if ( '' === $server ) {
		return fresk_missions_render_problem( __( 'the Fresk server URL is not set (Settings → Fresk).', 'fresk-missions' ) );
	}
	if ( '' === $code ) {
		return fresk_missions_render_problem( __( 'this signup form has no valid session signup code.', 'fresk-missions' ) );
	}
	if ( '' === fresk_missions_asset_url( FRESK_MISSIONS_MODULES['@fresk/invite'] ) ) {
		return fresk_missions_render_problem( __( 'the widget bundle is missing from the plugin (assets/).', 'fresk-missions' ) );
	}
	wp_enqueue_script_module( '@fresk/invite' );
	// The fallback link speaks the widget's language, not the site's: it stands in for the widget.
	$label = 'en' === $lang ? 'Sign up for this session' : 'S’inscrire à cette session';
	return fresk_missions_resource_hints( '@fresk/invite' ) . sprintf(
		'<fresk-invite code="%1$s" api="%2$s" lang="%3$s">%6$s</fresk-invite><noscript><a class="fresk-invite-link" href="%4$s">%5$s</a></noscript>',
		esc_attr( $code ),
		esc_url( $server ),
		esc_attr( $lang ),
		esc_url( $server . '/signup/' . rawurlencode( $code ) ),
		esc_html( $label ),
		fresk_missions_invite_form( $server, $code, $lang )
	);
}

/**
 * The `<fresk-missions>` element (the facilitator space) and its fallback link, and the module enqueued.
 * Without a token the element shows the magic-link sign-in. A site whose users are the association's
 * facilitators can mint the portal's JWT for the logged-in user with the `fresk_missions_token` filter
 * (then do not cache those pages).
 *
 * @param array<string,mixed> $atts `lang`.
 */
function fresk_missions_missions_markup( array $atts ): string {
	$server = fresk_missions_server_url();
	$lang   = fresk_missions_lang( $atts['lang'] ?? '' );
	if ( '' === $server ) {
		return fresk_missions_render_problem( __( 'the Fresk server URL is not set (Settings → Fresk).', 'fresk-missions' ) );
	}
	if ( '' === fresk_missions_asset_url( FRESK_MISSIONS_MODULES['@fresk/missions'] ) ) {
		return fresk_missions_render_problem( __( 'the widget bundle is missing from the plugin (assets/).', 'fresk-missions' ) );
	}
	wp_enqueue_script_module( '@fresk/missions' );
	/**
	 * Filters the JWT given to the facilitator space (`token` attribute). Empty by default: the element
	 * then signs the facilitator in by magic link.
	 *
	 * @param string  $token The JWT (HS256, signed with the server's FRESK_AUTH_SECRET, with `exp`).
	 * @param WP_User $user  The current user (ID 0 when logged out).
	 */
	$token = apply_filters( 'fresk_missions_token', '', wp_get_current_user() );
	$token = is_string( $token ) && preg_match( '/^[A-Za-z0-9_.-]{1,4000}$/', $token ) ? $token : '';
	$label = 'en' === $lang ? 'Open my Fresk missions' : 'Ouvrir mes missions Fresk';
	return fresk_missions_resource_hints( '@fresk/missions' ) . sprintf(
		'<fresk-missions api="%1$s" lang="%2$s"%3$s></fresk-missions><noscript><a class="fresk-missions-link" href="%4$s">%5$s</a></noscript>',
		esc_url( $server ),
		esc_attr( $lang ),
		'' === $token ? '' : ' token="' . esc_attr( $token ) . '"',
		esc_url( $server . '/missions' ),
		esc_html( $label )
	);
}

/**
 * `[fresk_invite code="…" lang="fr"]` and `[fresk_missions lang="fr"]`.
 */
function fresk_missions_register_shortcodes(): void {
	add_shortcode( 'fresk_invite', 'fresk_missions_invite_shortcode' );
	add_shortcode( 'fresk_missions', 'fresk_missions_missions_shortcode' );
}

/**
 * The `[fresk_invite]` shortcode.
 *
 * @param array<string,string>|string $atts Shortcode attributes.
 */
function fresk_missions_invite_shortcode( $atts ): string {
	$atts = shortcode_atts( array( 'code' => '', 'lang' => '' ), is_array( $atts ) ? $atts : array(), 'fresk_invite' );
	$html = fresk_missions_invite_markup( $atts );
	return '' === $html ? '' : '<div class="fresk-invite">' . $html . '</div>';
}

/**
 * The `[fresk_missions]` shortcode.
 *
 * @param array<string,string>|string $atts Shortcode attributes.
 */
function fresk_missions_missions_shortcode( $atts ): string {
	$atts = shortcode_atts( array( 'lang' => '' ), is_array( $atts ) ? $atts : array(), 'fresk_missions' );
	$html = fresk_missions_missions_markup( $atts );
	return '' === $html ? '' : '<div class="fresk-missions">' . $html . '</div>';
}
