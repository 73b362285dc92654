/**
 * Comparing two apps over real HTTP (the fast paths' tests: the same request to the app with a fast path and to
 * the app without it must get the same answer): each app listens on a free loopback port until the file ends.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';
import { createApp, type AppOptions } from '../../server/app.ts';
import type { World } from './helpers.ts';

type Server = ReturnType<typeof serve>;
const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

/** `w`'s dependencies served by `createApp(deps, opts)` on 127.0.0.1; its base URL. */
export async function listen(w: World, opts: AppOptions) {
  const app = createApp(w.deps, opts);
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** What a client sees: status, headers (all but `date`, in order) and the body's bytes (base64). */
export async function seen(base: string, path: string, init: RequestInit = {}) {
  const res = await fetch(base + path, init);
  const body = Buffer.from(await res.arrayBuffer()).toString('base64');
  return { status: res.status, headers: [...res.headers].filter(([k]) => k !== 'date'), body };
}
