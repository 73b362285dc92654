/**
 * `/widget/*` on Node: the files of dist/widget, precompressed by widget/build.mjs (`.br`, `.gz`) and sent
 * as the client's Accept-Encoding allows (brotli, then gzip, else as is), with `Vary: Accept-Encoding`.
 * Hashed names (listed in manifest.json) are cached for a year as immutable; the stable names of API.md for
 * five minutes, with an ETag and 304 answers after that. Files are read once and kept in memory until
 * their modification time changes (a rebuild while the server runs).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { immutableCache, stableCache, stableFiles, type WidgetManifest } from './widget-files.ts';

interface Entry {
  mtimeMs: number;
  etag: string;
  bodies: { identity: Uint8Array; br?: Uint8Array; gzip?: Uint8Array };
}

const types: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', json: 'application/json; charset=utf-8' };

/** Which encoding to send: brotli, then gzip, when the client accepts it (q > 0) and a precompressed copy exists. */
export function negotiateEncoding(acceptEncoding: string | undefined, available: { br?: unknown; gzip?: unknown }): 'br' | 'gzip' | 'identity' {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name.trim(), q ? Number(q[1]) : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? (accepted.has('*') ? accepted.get('*')! : 0)) > 0;
  if (available.br && ok('br')) return 'br';
  if (available.gzip && ok('gzip')) return 'gzip';
  return 'identity';
}

/** The dist/widget manifest, re-read when the file changes; the stable names when there is none. */
export function nodeWidgetManifest(dir: string): () => WidgetManifest {
  let cached: { mtimeMs: number; manifest: WidgetManifest } | undefined;
  return () => {
    const file = join(dir, 'manifest.json');
    try {
      const { mtimeMs } = statSync(file);
      if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, manifest: JSON.parse(readFileSync(file, 'utf8')) as WidgetManifest };
      return cached.manifest;
    } catch {
      return stableFiles;
    }
  };
}

export function nodeWidgetAssets(dir: string, manifest = nodeWidgetManifest(dir)): MiddlewareHandler {
  const cache = new Map<string, Entry>();
  const load = (file: string): Entry | undefined => {
    const path = join(dir, file);
    let mtimeMs: number;
    try {
      const stat = statSync(path);
      if (!stat.isFile()) return undefined;
      mtimeMs = stat.mtimeMs;
    } catch {
      return undefined;
    }
    const hit = cache.get(file);
    if (hit?.mtimeMs === mtimeMs) return hit;
    const identity = readFileSync(path);
    const copy = (ext: string) => (existsSync(path + ext) && statSync(path + ext).mtimeMs >= mtimeMs ? readFileSync(path + ext) : undefined);
    const entry: Entry = {
      mtimeMs,
      etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 16)}"`,
      bodies: { identity, br: copy('.br'), gzip: copy('.gz') },
    };
    cache.set(file, entry);
    return entry;
  };

  return async (c: Context, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const file = c.req.path.replace(/^\/widget\//, '');
    const ext = /^[A-Za-z0-9][\w.-]*\.(js|css)$/.exec(file)?.[1];
    if (!ext) return next();
    const entry = load(file);
    if (!entry) return next();
    const immutable = manifest().immutable.includes(file);
    const encoding = negotiateEncoding(c.req.header('accept-encoding'), entry.bodies);
    const headers: Record<string, string> = {
      'Content-Type': types[ext],
      'Cache-Control': immutable ? immutableCache : stableCache,
      Vary: 'Accept-Encoding',
      ETag: entry.etag,
    };
    if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
    const inm = c.req.header('if-none-match');
    if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === entry.etag || t.trim() === '*')) return c.body(null, 304, headers);
    // Hono answers HEAD with the GET answer's headers and no body.
    return c.body(entry.bodies[encoding]! as Uint8Array<ArrayBuffer>, 200, headers);
  };
}
