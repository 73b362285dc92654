import type { Config } from './config.ts';
import { faviconLink } from './favicon.ts';
import { stableFiles, widgetPath, type WidgetManifest } from './widget-files.ts';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (v: string) => v.replace(/[&<>"']/g, (c) => ESC[c]);

/** Headers for every HTML page the server renders: strict CSP, no framing, no sniffing, no referrer (tokens in URLs). */
export function pageHeaders(config: Config, extra: { connect?: string[] } = {}): Record<string, string> {
  const connect = ["'self'", ...(extra.connect ?? [])].join(' ');
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      `connect-src ${connect}`,
      "img-src 'self' data:",
      "font-src 'self'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store',
    ...(config.appUrl.startsWith('https:') ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
  };
}

/** What search engines and link previews show for a page that does not say more. */
export const defaultDescription = 'Fresk missions : ateliers et formations de la Fresque du Climat, organisés avec votre structure.';

/**
 * A standalone page around one element. `/widget/fresk-page.js` keeps the magic-link JWT (localStorage)
 * and hands it to the portal elements; the element does the rest. Works with JS only; the noscript text
 * says so in both languages. Each has a description for link previews. Pages reached through a personal
 * token, or that need a sign-in, say `noindex`; only a page meant to be passed around (`index: true`, the
 * session's public signup page) may be indexed. The files are referenced by their content-hashed names
 * (cached for a year) when `assets` knows them; the bundle and the chunks it imports statically are
 * `modulepreload`ed so they download in parallel. No `preconnect`: the API is this page's own origin,
 * whose connection the page itself came through. `inner` is HTML the server rendered inside the element
 * (the signup form, server/signup-form.ts): the page then works without JavaScript and has no noscript
 * notice; `scripts: false` leaves the scripts out (the answer to a form posted without JavaScript).
 */
export function elementPage(opts: { title: string; description?: string; index?: boolean; lang?: 'fr' | 'en'; element: string; attrs: Record<string, string>; bundle: 'fresk-invite' | 'fresk-missions' | 'fresk-day'; text?: string; inner?: string; scripts?: boolean; assets?: WidgetManifest }) {
  const assets = opts.assets ?? stableFiles;
  const bundle = `${opts.bundle}.js`;
  const scripts = opts.scripts ?? true;
  const preload = [widgetPath(assets, bundle), ...(assets.preload[bundle] ?? []).map((f) => `/widget/${f}`)]
    .map((href) => `<link rel="modulepreload" href="${href}">\n`)
    .join('');
  const attrs = Object.entries(opts.attrs)
    .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
    .join('');
  return `<!doctype html>
<html lang="${opts.lang ?? 'fr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${opts.index ? '' : '<meta name="robots" content="noindex, nofollow">\n'}<meta name="description" content="${escapeHtml(opts.description ?? defaultDescription)}">
<title>${escapeHtml(opts.title)}</title>
${faviconLink}
<link rel="stylesheet" href="${widgetPath(assets, 'page.css')}">
${scripts ? `${preload}<script type="module" src="${widgetPath(assets, bundle)}"></script>
<script type="module" src="${widgetPath(assets, 'fresk-page.js')}"></script>
` : ''}</head>
<body>
<main>
<${opts.element}${attrs}>${opts.inner ?? escapeHtml(opts.text ?? '')}</${opts.element}>
${opts.inner === undefined ? '<noscript><p>Cette page a besoin de JavaScript. / This page needs JavaScript.</p></noscript>\n' : ''}</main>
</body>
</html>`;
}
