/**
 * Where the page may go after a magic-link sign-in: a path of this origin, or nothing. `next` is resolved
 * as the browser would resolve it (so `/\evil.example`, `/%5Cevil.example` once decoded, or a tab that
 * browsers drop, `/\t/evil.example`, all come out as another origin and are refused).
 */
export function sameOriginPath(next: string | null | undefined, origin: string): string | null {
  if (!next || !next.startsWith('/') || next.length > 500) return null;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
