/**
 * Fonts for the scripts the bundled Noto Sans lacks: Chinese, Japanese, Korean. Noto Sans SC, JP and KR
 * (SIL OFL 1.1) from the `@fontsource/noto-sans-{sc,jp,kr}` packages, which split each font by unicode
 * range into small WOFF files (10–60 KB each) and list the ranges in `unicode.json`. Only when a text has
 * characters the main font lacks are the few range files that cover them loaded and embedded (subset).
 *
 * WOFF (zlib), not the packages' WOFF2: @pdf-lib/fontkit reads WOFF2 but subsets it wrong (it copies the
 * transformed `glyf` bytes as they are), so the embedded glyphs would be garbage.
 *
 * Where the files come from is the runtime's business (`setFallbackFontLoader`): on Node, node_modules
 * (server/node.ts); on Workers, the static assets (`npm run build` copies them to dist/widget/fonts/,
 * served to no one, read through the ASSETS binding by server/worker.ts). Without a loader, such
 * characters print without glyphs, as before.
 */

/** Reads `<package>/unicode.json` or `<package>/files/<file>.woff` (package: `noto-sans-sc`…); null if absent. */
export type FontFileLoader = (path: string) => Promise<Uint8Array | null>;

export const fallbackPackages = ['noto-sans-sc', 'noto-sans-jp', 'noto-sans-kr'] as const;
type Pkg = (typeof fallbackPackages)[number];

/** The range files of the regular weight, e.g. noto-sans-sc/files/noto-sans-sc-115-400-normal.woff. */
export const fallbackFileName = (pkg: string, slice: string) => `${pkg}/files/${pkg}-${slice}-400-normal.woff`;

let loader: FontFileLoader | null = null;
let ranges: Promise<Map<Pkg, { slice: string; ranges: [number, number][] }[]>> | null = null;
/** Font files kept per process/isolate (a few tens of KB each), most recently used last. */
const files = new Map<string, Promise<Uint8Array | null>>();
const MAX_CACHED_FILES = 24;

export function setFallbackFontLoader(l: FontFileLoader | null): void {
  loader = l;
  ranges = null;
  files.clear();
}

function parseRanges(css: string): [number, number][] {
  return css.split(',').map((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(a, 16), parseInt(b ?? a, 16)];
  });
}

function loadRanges(l: FontFileLoader) {
  let complete = true;
  const p = (ranges ??= Promise.all(
    fallbackPackages.map(async (pkg) => {
      const bytes = await l(`${pkg}/unicode.json`).catch(() => null);
      // A table that could not be read is asked again next time (not kept for the process's life).
      if (!bytes) complete = false;
      const json = bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as Record<string, string>) : {};
      // Numbered slices only ("[115]"): the named ones (latin, cyrillic…) are the main font's job.
      const slices = Object.entries(json)
        .filter(([k]) => /^\[\d+\]$/.test(k))
        .map(([k, v]) => ({ slice: k.slice(1, -1), ranges: parseRanges(v) }));
      return [pkg, slices] as const;
    }),
  ).then((entries) => {
    if (!complete && ranges === p) ranges = null;
    return new Map(entries);
  }));
  return p;
}

function loadFile(l: FontFileLoader, path: string): Promise<Uint8Array | null> {
  let p = files.get(path);
  if (p) files.delete(path);
  else {
    const loading: Promise<Uint8Array | null> = l(path)
      .catch(() => null)
      .then((bytes) => {
        if (!bytes && files.get(path) === loading) files.delete(path);
        return bytes;
      });
    p = loading;
  }
  files.set(path, p);
  while (files.size > MAX_CACHED_FILES) files.delete(files.keys().next().value!);
  return p;
}

/**
 * The order fonts are tried in for a text: Korean if it has Hangul, Japanese if it has kana, Chinese
 * otherwise (the shared Han characters then take that language's forms).
 */
function preference(text: string): Pkg[] {
  if (/[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/.test(text)) return ['noto-sans-kr', 'noto-sans-jp', 'noto-sans-sc'];
  if (/[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/.test(text)) return ['noto-sans-jp', 'noto-sans-sc', 'noto-sans-kr'];
  return ['noto-sans-sc', 'noto-sans-jp', 'noto-sans-kr'];
}

/**
 * For each code point of `missing` (characters of `text` the main font lacks): the font file that covers
 * it, loaded. Characters no file covers are left out.
 */
export async function fallbackFontsFor(text: string, missing: number[]): Promise<Map<number, { path: string; bytes: Uint8Array }>> {
  const out = new Map<number, { path: string; bytes: Uint8Array }>();
  const l = loader;
  if (!l || missing.length === 0) return out;
  const table = await loadRanges(l);
  const order = preference(text);
  const pathOf = new Map<number, string>();
  for (const cp of missing) {
    search: for (const pkg of order) {
      for (const { slice, ranges: rs } of table.get(pkg) ?? []) {
        if (rs.some(([a, b]) => a <= cp && cp <= b)) {
          pathOf.set(cp, fallbackFileName(pkg, slice));
          break search;
        }
      }
    }
  }
  const loaded = new Map<string, Uint8Array | null>();
  await Promise.all([...new Set(pathOf.values())].map(async (path) => loaded.set(path, await loadFile(l, path))));
  for (const [cp, path] of pathOf) {
    const bytes = loaded.get(path);
    if (bytes) out.set(cp, { path, bytes });
  }
  return out;
}
