<?php
/**
 * The two dynamic blocks: "Fresk — inscription" (fresk/invite) and "Fresk — missions" (fresk/missions).
 * Their editor script is plain JavaScript on WordPress's globals (no build step): blocks/editor.js.
 *
 * @package FreskMissions
 */

defined( 'ABSPATH' ) || exit;

/**
 * Registers the editor script and both blocks.
 */
function fresk_missions_register_blocks(): void {
	$editor = 'blocks/editor.js';
	wp_register_script(
		'fresk-missions-editor',
		plugins_url( $editor, FRESK_MISSIONS_FILE ),
		array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n' ),
		fresk_missions_asset_version( $editor ),
		array( 'in_footer' => false )
	);
	wp_set_script_translations( 'fresk-missions-editor', 'fresk-missions', FRESK_MISSIONS_DIR . '/languages' );
	add_action( 'enqueue_block_editor_assets', 'fresk_missions_editor_config' );

	register_block_type( FRESK_MISSIONS_DIR . '/blocks/invite', array( 'render_callback' => 'fresk_missions_render_invite_block' ) );
	register_block_type( FRESK_MISSIONS_DIR . '/blocks/missions', array( 'render_callback' => 'fresk_missions_render_missions_block' ) );
}

/**
 * What the editor's live preview needs: the server, the default language and the bundles to load into the
 * editor's canvas (its own document when iframed).
 */
function fresk_missions_editor_config(): void {
	$config = array(
		'server'      => fresk_missions_server_url(),
		'lang'        => fresk_missions_default_lang(),
		'scripts'     => array(
			'fresk-invite'   => fresk_missions_versioned_asset( 'fresk-invite.js' ),
			'fresk-missions' => fresk_missions_versioned_asset( 'fresk-missions.js' ),
		),
		'settingsUrl' => current_user_can( 'manage_options' ) ? fresk_missions_settings_url() : '',
	);
	wp_add_inline_script( 'fresk-missions-editor', 'window.freskMissionsEditor = ' . wp_json_encode( $config ) . ';', 'before' );
}

/**
 * A bundle's URL with its version, or '' when missing.
 *
 * @param string $file File name in assets/.
 */
function fresk_missions_versioned_asset( string $file ): string {
	$url = fresk_missions_asset_url( $file );
	return '' === $url ? '' : add_query_arg( 'ver', rawurlencode( fresk_missions_asset_version( $file ) ), $url );
}

/**
 * Front end of "Fresk — inscription".
 *
 * @param array<string,mixed> $attributes Block attributes (`code`, `lang`).
 */
function fresk_missions_render_invite_block( array $attributes ): string {
	$html = fresk_missions_invite_markup( $attributes );
	return '' === $html ? '' : sprintf( '<div %s>%s</div>', get_block_wrapper_attributes(), $html );
}

/**
 * Front end of "Fresk — missions".
 *
 * @param array<string,mixed> $attributes Block attributes (`lang`).
 */
function fresk_missions_render_missions_block( array $attributes ): string {
	$html = fresk_missions_missions_markup( $attributes );
	return '' === $html ? '' : sprintf( '<div %s>%s</div>', get_block_wrapper_attributes(), $html );
}
