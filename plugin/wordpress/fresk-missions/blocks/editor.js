/**
 * Editor side of the "Fresk — inscription" (fresk/invite) and "Fresk — missions" (fresk/missions) blocks.
 * Plain JavaScript on WordPress's globals, no build step. Both blocks are dynamic (rendered by PHP), so
 * `save` returns null; the editor shows a live preview: the real widget, loaded into the editor's canvas
 * from the plugin's own bundle, made inert so that clicks select the block instead of registering anyone.
 */
( function ( blocks, element, blockEditor, components, i18n ) {
	'use strict';

	var el = element.createElement;
	var Fragment = element.Fragment;
	var useEffect = element.useEffect;
	var useRef = element.useRef;
	var useState = element.useState;
	var __ = i18n.__;
	var InspectorControls = blockEditor.InspectorControls;
	var useBlockProps = blockEditor.useBlockProps;
	var PanelBody = components.PanelBody;
	var TextControl = components.TextControl;
	var SelectControl = components.SelectControl;
	var Placeholder = components.Placeholder;
	var Disabled = components.Disabled;
	var ExternalLink = components.ExternalLink;

	/** From PHP: { server, lang, scripts: { 'fresk-invite', 'fresk-missions' }, settingsUrl }. */
	var config = window.freskMissionsEditor || { server: '', lang: 'fr', scripts: {}, settingsUrl: '' };

	/**
	 * A signup code from what the editor typed or pasted: the code itself, or the session's participant link
	 * (…/signup/<code>). '' when it is neither.
	 */
	function parseCode( value ) {
		var text = String( value || '' ).trim();
		var link = /\/signup\/([A-Za-z0-9_-]+)\/?(?:[?#].*)?$/.exec( text );
		if ( link ) {
			return link[ 1 ];
		}
		return /^[A-Za-z0-9_-]{1,100}$/.test( text ) ? text : '';
	}

	/**
	 * Defines the widget's custom element in the document that shows the block: the editor's canvas is an
	 * iframe with its own window (and its own custom element registry) when WordPress iframes it.
	 */
	function useWidgetScript( ref, tag ) {
		useEffect(
			function () {
				var node = ref.current;
				var src = config.scripts[ tag ];
				if ( ! node || ! src ) {
					return;
				}
				var doc = node.ownerDocument;
				var win = doc.defaultView;
				if ( ( win && win.customElements && win.customElements.get( tag ) ) || doc.querySelector( 'script[data-fresk-widget="' + tag + '"]' ) ) {
					return;
				}
				var script = doc.createElement( 'script' );
				script.type = 'module';
				script.src = src;
				script.setAttribute( 'data-fresk-widget', tag );
				doc.head.appendChild( script );
			},
			[ tag ]
		);
	}

	/** The block's language setting ('' = the site's default from Settings → Fresk). */
	function languageControl( props, label ) {
		var fallback = config.lang === 'en' ? 'English' : 'Français';
		return el( SelectControl, {
			label: label,
			value: props.attributes.lang,
			options: [
				{ value: '', label: __( 'Site default', 'fresk-missions' ) + ' (' + fallback + ')' },
				{ value: 'fr', label: 'Français' },
				{ value: 'en', label: 'English' },
			],
			__nextHasNoMarginBottom: true,
			onChange: function ( value ) {
				props.setAttributes( { lang: value } );
			},
		} );
	}

	function serverMissing( icon, label ) {
		return el(
			Placeholder,
			{ icon: icon, label: label, instructions: __( 'Set the Fresk server URL first, in Settings → Fresk.', 'fresk-missions' ) },
			config.settingsUrl ? el( 'a', { className: 'components-button is-secondary', href: config.settingsUrl }, __( 'Open the Fresk settings', 'fresk-missions' ) ) : null
		);
	}

	function CodeControl( props ) {
		var draftState = useState( props.code );
		var draft = draftState[ 0 ];
		var setDraft = draftState[ 1 ];
		var invalid = draft.trim() !== '' && parseCode( draft ) === '';
		return el( TextControl, {
			label: __( 'Session signup code or participant link', 'fresk-missions' ),
			help: invalid
				? __( 'This is neither a signup code nor a participant link (…/signup/<code>).', 'fresk-missions' )
				: __( 'Copy the participant link from the session in the Fresk session planner and paste it here.', 'fresk-missions' ),
			value: draft,
			autoComplete: 'off',
			spellCheck: false,
			__nextHasNoMarginBottom: true,
			onChange: function ( value ) {
				setDraft( value );
				props.onChange( parseCode( value ) );
			},
		} );
	}

	/** A block in the editor: its preview (`body`) in the content, its settings in one sidebar panel. */
	function blockView( blockProps, body, title, settings ) {
		return el(
			Fragment,
			null,
			el( InspectorControls, null, el.apply( null, [ PanelBody, { title: title } ].concat( settings ) ) ),
			el( 'div', blockProps, body )
		);
	}

	blocks.registerBlockType( 'fresk/invite', {
		edit: function ( props ) {
			var attributes = props.attributes;
			var ref = useRef( null );
			var blockProps = useBlockProps( { ref: ref } );
			var lang = attributes.lang || config.lang;
			useWidgetScript( ref, 'fresk-invite' );
			var setCode = function ( code ) {
				props.setAttributes( { code: code } );
			};
			var body;
			if ( ! config.server ) {
				body = serverMissing( 'groups', 'Fresk — inscription' );
			} else if ( ! attributes.code ) {
				body = el(
					Placeholder,
					{ icon: 'groups', label: 'Fresk — inscription', instructions: __( 'The signup form of one session. Which session?', 'fresk-missions' ) },
					el( 'div', { style: { width: '100%' } }, el( CodeControl, { code: attributes.code, onChange: setCode } ) )
				);
			} else {
				body = el( Disabled, null, el( 'fresk-invite', { code: attributes.code, api: config.server, lang: lang } ) );
			}
			return blockView( blockProps, body, __( 'Session', 'fresk-missions' ), [
				el( CodeControl, { code: attributes.code, onChange: setCode } ),
				el( 'div', { style: { height: '16px' } } ),
				languageControl( props, __( 'Language of the form', 'fresk-missions' ) ),
				attributes.code && config.server
					? el( 'p', null, el( ExternalLink, { href: config.server + '/signup/' + encodeURIComponent( attributes.code ) }, __( 'Open the signup page on the Fresk server', 'fresk-missions' ) ) )
					: null,
			] );
		},
		save: function () {
			return null;
		},
	} );

	blocks.registerBlockType( 'fresk/missions', {
		edit: function ( props ) {
			var attributes = props.attributes;
			var ref = useRef( null );
			var blockProps = useBlockProps( { ref: ref } );
			useWidgetScript( ref, 'fresk-missions' );
			var body = config.server
				? el( Disabled, null, el( 'fresk-missions', { api: config.server, lang: attributes.lang || config.lang } ) )
				: serverMissing( 'clipboard', 'Fresk — missions' );
			return blockView( blockProps, body, __( 'Facilitator space', 'fresk-missions' ), [
				el( 'p', null, __( 'Facilitators see their missions here once signed in; without a portal token they sign in with a link sent by email.', 'fresk-missions' ) ),
				languageControl( props, __( 'Language', 'fresk-missions' ) ),
			] );
		},
		save: function () {
			return null;
		},
	} );
} )( window.wp.blocks, window.wp.element, window.wp.blockEditor, window.wp.components, window.wp.i18n );
