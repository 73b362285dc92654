/**
 * The widget files as widget/build.mjs writes them in dist/widget: the stable names of API.md
 * (`fresk-missions.js`), a content-hashed copy of each (`fresk-missions.3f9a1c2e.js`) and the portal's
 * chunks (`sign-in.7JTIRWOF.js`), listed in dist/widget/manifest.json. Runtime-agnostic: the Node server
 * reads the manifest from disk, the Worker through its assets binding.
 */
export interface WidgetManifest {
  /** Stable name → content-hashed name. */
  files: Record<string, string>;
  /** Stable name of an entry → the chunks it imports statically (to `modulepreload` beside it). */
  preload: Record<string, string[]>;
  /** Every file whose name changes with its content. */
  immutable: string[];
}

/** No manifest (a build without one): the stable names. */
export const stableFiles: WidgetManifest = { files: {}, preload: {}, immutable: [] };

/** A hashed name changes with its content: cached for a year, never revalidated. */
export const immutableCache = 'public, max-age=31536000, immutable';
/** A stable name (API.md's `/widget/fresk-invite.js`) may change with a deploy: five minutes, then revalidated. */
export const stableCache = 'public, max-age=300';

/** The name a file is built under with its 8-character content hash (ours in hex, esbuild's chunks in base32). */
export const isHashedName = (file: string) => /\.[A-Za-z0-9]{8}\.(?:js|css)$/.test(file);

/** The URL path of a widget file, hashed when the manifest knows it. */
export const widgetPath = (assets: WidgetManifest, file: string) => `/widget/${assets.files[file] ?? file}`;
