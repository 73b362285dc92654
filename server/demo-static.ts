/**
 * Node only, demo mode: the demo pages under `/demo/`, with the same security headers as every other page
 * (CSP, nosniff, no framing), and the loopback-only listening addresses — the demo mints admin tokens for
 * anyone who asks (`/dev/token`), so it must never be reachable from the network.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { Config } from './config.ts';
import { pageHeaders } from './pages.ts';

/** Where the server listens: every interface normally; loopback only (IPv4 and IPv6) in demo mode. */
export function listenHosts(config: Pick<Config, 'demo'>): (string | undefined)[] {
  return config.demo ? ['127.0.0.1', '::1'] : [undefined];
}

export function serveDemoPages(app: Hono, config: Config, root: string): void {
  app.get('/', (c) => c.redirect('/demo/'));
  app.use('/demo/*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(pageHeaders(config))) if (name !== 'Content-Type') c.res.headers.set(name, value);
  });
  app.use('/demo/*', serveStatic({ root, rewriteRequestPath: (p) => (p.endsWith('/') ? `${p}index.html` : p) }));
}
