import type { Config } from './config.ts';

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

/**
 * A standalone page around one element. `/widget/fresk-page.js` keeps the magic-link JWT (localStorage)
 * and hands it to the portal elements; the element does the rest. Works with JS only; the noscript text
 * says so in both languages.
 */
export function elementPage(opts: { title: string; lang?: 'fr' | 'en'; element: string; attrs: Record<string, string>; bundle: 'fresk-invite' | 'fresk-missions' | 'fresk-day'; text?: string }) {
  const attrs = Object.entries(opts.attrs)
    .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
    .join('');
  return `<!doctype html>
<html lang="${opts.lang ?? 'fr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(opts.title)}</title>
<link rel="stylesheet" href="/widget/page.css">
<script type="module" src="/widget/${opts.bundle}.js"></script>
<script type="module" src="/widget/fresk-page.js"></script>
</head>
<body>
<main>
<${opts.element}${attrs}>${escapeHtml(opts.text ?? '')}</${opts.element}>
<noscript><p>Cette page a besoin de JavaScript. / This page needs JavaScript.</p></noscript>
</main>
</body>
</html>`;
}
