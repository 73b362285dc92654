/**
 * How the Node server delivers the widget files (server/node-widget-assets.ts): precompressed brotli or
 * gzip as Accept-Encoding allows, `Vary: Accept-Encoding`, a year of immutable caching for content-hashed
 * names, five minutes plus ETag/304 for the stable names of API.md; and the pages reference the hashed
 * names with `modulepreload`. Builds the bundles when dist/widget has no manifest.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { negotiateEncoding, nodeWidgetAssets, nodeWidgetManifest } from '../../server/node-widget-assets.ts';
import { elementPage } from '../../server/pages.ts';
import type { WidgetManifest } from '../../server/widget-files.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = join(root, 'dist/widget');
let manifest: WidgetManifest;
const app = new Hono();
app.use('/widget/*', nodeWidgetAssets(dir));

beforeAll(() => {
  if (!existsSync(join(dir, 'manifest.json'))) execFileSync(process.execPath, ['widget/build.mjs'], { cwd: root, stdio: 'ignore' });
  manifest = nodeWidgetManifest(dir)();
}, 120_000);

const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

describe('widget files on Node', () => {
  it('sends brotli, else gzip, else the file as is, and says it varies with Accept-Encoding', async () => {
    const raw = readFileSync(join(dir, 'fresk-invite.js'));
    const br = await get('/widget/fresk-invite.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(br.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).equals(raw)).toBe(true);
    const gz = await get('/widget/fresk-invite.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(raw)).toBe(true);
    const plain = await get('/widget/fresk-invite.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await plain.arrayBuffer()).equals(raw)).toBe(true);
  });

  it('honours q=0 and the wildcard', () => {
    const both = { br: 1, gzip: 1 };
    expect(negotiateEncoding('br;q=0, gzip', both)).toBe('gzip');
    expect(negotiateEncoding('*', both)).toBe('br');
    expect(negotiateEncoding('*;q=0, identity', both)).toBe('identity');
    expect(negotiateEncoding('br', { gzip: 1 })).toBe('identity');
  });

  it('caches hashed names for a year and stable names for five minutes, answering 304 to a current ETag', async () => {
    const hashed = manifest.files['fresk-missions.js'];
    expect(hashed).toMatch(/^fresk-missions\.[0-9a-f]{8}\.js$/);
    const immutable = await get(`/widget/${hashed}`, { 'accept-encoding': 'br' });
    expect(immutable.status).toBe(200);
    expect(immutable.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const chunk of manifest.preload['fresk-missions.js']) {
      expect((await get(`/widget/${chunk}`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    const stable = await get('/widget/fresk-missions.js');
    expect(stable.headers.get('cache-control')).toBe('public, max-age=300');
    const etag = stable.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await get('/widget/fresk-missions.js', { 'if-none-match': etag, 'accept-encoding': 'br' });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await get('/widget/fresk-missions.js', { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('serves only built .js and .css files: not the manifest, nor a precompressed copy, nor a path outside', async () => {
    for (const path of ['/widget/manifest.json', '/widget/fresk-invite.js.br', '/widget/nope.js', '/widget/..%2Fpackage.json', '/widget/../package.json']) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it('gives pages the hashed names, with the bundle and its static chunks modulepreloaded', () => {
    const html = elementPage({ title: 't', element: 'fresk-missions', bundle: 'fresk-missions', attrs: {}, assets: manifest });
    const hashed = manifest.files['fresk-missions.js'];
    expect(html).toContain(`<script type="module" src="/widget/${hashed}"></script>`);
    expect(html).toContain(`<link rel="modulepreload" href="/widget/${hashed}">`);
    for (const chunk of manifest.preload['fresk-missions.js']) expect(html).toContain(`<link rel="modulepreload" href="/widget/${chunk}">`);
    expect(html).toContain(`<link rel="stylesheet" href="/widget/${manifest.files['page.css']}">`);
    expect(html).toContain(`src="/widget/${manifest.files['fresk-page.js']}"`);
    // Without a manifest, the stable names.
    expect(elementPage({ title: 't', element: 'fresk-invite', bundle: 'fresk-invite', attrs: {} })).toContain('<script type="module" src="/widget/fresk-invite.js"></script>');
  });
});
