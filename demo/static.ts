/**
 * The demo's pages: `/demo/` on the Fresk server, with the same security headers as every other page
 * (CSP, nosniff, no framing), and the "WordPress page on another origin" served on a port of its own.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../server/config.ts';
import type { Deps } from '../server/context.ts';
import { pageHeaders } from '../server/pages.ts';
import { demoSignupCode } from './seed.ts';

/** The repository's root: `/demo/<file>` is demo/<file>. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function serveDemoPages(app: Hono, config: Config, dir: string = root): void {
  app.get('/', (c) => c.redirect('/demo/'));
  app.use('/demo/*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(pageHeaders(config))) if (name !== 'Content-Type') c.res.headers.set(name, value);
  });
  app.use('/demo/*', serveStatic({ root: dir, rewriteRequestPath: (p) => (p.endsWith('/') ? `${p}index.html` : p) }));
}

/**
 * demo/wordpress/index.html with a real signup code of the seeded open session, under a strict CSP that
 * allows scripts and API calls to the Fresk server only.
 */
export function wordpressDemo(deps: Deps): Hono {
  const app = new Hono();
  const api = deps.config.appUrl;
  app.get('/', async (c) => {
    const html = readFileSync(resolve(root, 'demo/wordpress/index.html'), 'utf8')
      .replaceAll('{{API}}', api)
      .replaceAll('{{SIGNUP_CODE}}', await demoSignupCode(deps));
    return c.html(html, 200, {
      'Content-Security-Policy': `default-src 'none'; script-src 'self' ${api}; style-src 'self'; connect-src ${api}; img-src 'self' data:; base-uri 'none'; form-action 'none'`,
    });
  });
  app.use('/*', serveStatic({ root: resolve(root, 'demo/wordpress') }));
  return app;
}
