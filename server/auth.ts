/**
 * HS256 JSON Web Tokens with WebCrypto (Node 20 and Workers alike). Only HS256 is accepted, `exp` is
 * required, and the claims are checked for shape: anything else is refused as UNAUTHORIZED.
 */
export interface Claims {
  sub: string;
  email: string;
  name: string;
  role: 'facilitator' | 'admin';
  of?: boolean;
  exp: number;
  iat?: number;
}

const enc = new TextEncoder();

function b64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromB64url(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('bad base64url');
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

const keys = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    keys.set(secret, key);
  }
  return key;
}

/** HMAC-SHA256 of `message` with `secret`, base64url. Also the basis of link tokens. */
export async function hmac(secret: string, message: string): Promise<string> {
  const sig = await crypto.subtle.sign('HMAC', await hmacKey(secret), enc.encode(message));
  return b64url(new Uint8Array(sig));
}

/** Signs claims as an HS256 JWT (used by the demo sign-in and the magic link). */
export async function signJwt(claims: Claims, secret: string): Promise<string> {
  const head = b64url(enc.encode(JSON.stringify({ alg: 'HS256', typ: 'JWT' })));
  const body = b64url(enc.encode(JSON.stringify(claims)));
  return `${head}.${body}.${await hmac(secret, `${head}.${body}`)}`;
}

/** Verifies an HS256 JWT and returns its claims, or null for anything not acceptable. */
export async function verifyJwt(token: string, secret: string, nowMs: number): Promise<Claims | null> {
  try {
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const [head, body, sig] = parts;
    const header = JSON.parse(new TextDecoder().decode(fromB64url(head)));
    if (header?.alg !== 'HS256') return null;
    const ok = await crypto.subtle.verify('HMAC', await hmacKey(secret), fromB64url(sig) as BufferSource, enc.encode(`${head}.${body}`));
    if (!ok) return null;
    const c = JSON.parse(new TextDecoder().decode(fromB64url(body)));
    if (typeof c !== 'object' || c === null) return null;
    if (typeof c.exp !== 'number' || !Number.isFinite(c.exp) || c.exp * 1000 <= nowMs) return null;
    if (typeof c.nbf === 'number' && c.nbf * 1000 > nowMs + 60_000) return null;
    // A portal's user id is often an integer: it is taken as its decimal string (API.md "Trust").
    if (Number.isSafeInteger(c.sub)) c.sub = String(c.sub);
    if (typeof c.sub !== 'string' || !c.sub || c.sub.length > 200) return null;
    if (typeof c.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(c.email) || c.email.length > 254) return null;
    if (c.role !== 'facilitator' && c.role !== 'admin') return null;
    if (c.of !== undefined && typeof c.of !== 'boolean') return null;
    const name = typeof c.name === 'string' ? c.name.slice(0, 120) : '';
    return { sub: c.sub, email: c.email.toLowerCase(), name, role: c.role, of: c.of, exp: c.exp };
  } catch {
    return null;
  }
}
