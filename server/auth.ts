import type { Role } from '../domain/enums/index.ts';
import { digest } from './digest.ts';

/**
 * HS256 JSON Web Tokens, their HMAC from server/digest.ts (node:crypto on Node, WebCrypto on Workers). Only HS256
 * is accepted, `exp` is required, and the claims are checked for shape: anything else is refused as UNAUTHORIZED.
 */
export interface Claims {
  sub: string;
  email: string;
  name: string;
  role: Role;
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

function fromB64url(s: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('bad base64url');
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** HMAC-SHA256 of `message` with `secret`, base64url. Also the basis of link tokens. */
export async function hmac(secret: string, message: string): Promise<string> {
  return b64url(await digest.hmac(secret, message));
}

/** Signs claims as an HS256 JWT (used by the demo sign-in and the magic link). */
export async function signJwt(claims: Claims, secret: string): Promise<string> {
  const head = b64url(enc.encode(JSON.stringify({ alg: 'HS256', typ: 'JWT' })));
  const body = b64url(enc.encode(JSON.stringify(claims)));
  return `${head}.${body}.${await hmac(secret, `${head}.${body}`)}`;
}

/** Tokens may live at most this long ahead of now: a leaked one cannot serve for years. */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;

/** Why a bearer token was not taken: `claim` names the claim at fault when the signature was good. */
export type JwtVerdict = { claims: Claims } | { claims: null; claim?: string };

/**
 * Verifies an HS256 JWT. A bad signature, another algorithm or garbage gives `{claims:null}`; a good
 * signature over unacceptable claims names the claim, so a portal developer sees what to fix.
 * `sub` may be a string or an integer (PHP portals), taken as its decimal string; `of` is a boolean or absent.
 */
export async function checkJwt(token: string, secret: string, nowMs: number): Promise<JwtVerdict> {
  let c: Record<string, unknown>;
  try {
    const parts = token.split('.');
    if (parts.length !== 3) return { claims: null };
    const [head, body, sig] = parts;
    const header = JSON.parse(new TextDecoder().decode(fromB64url(head)));
    if (header?.alg !== 'HS256') return { claims: null };
    const ok = await digest.hmacVerify(secret, `${head}.${body}`, fromB64url(sig));
    if (!ok) return { claims: null };
    c = JSON.parse(new TextDecoder().decode(fromB64url(body)));
  } catch {
    return { claims: null };
  }
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return { claims: null };
  const refuse = (claim: string) => ({ claims: null, claim });
  const exp = c.exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return refuse('exp');
  // Expired is the ordinary end of a session, not a portal bug: a plain `unauthorized` (sign in again).
  if (exp * 1000 <= nowMs) return { claims: null };
  if (exp * 1000 > nowMs + MAX_TOKEN_LIFETIME_SECONDS * 1000) return refuse('exp');
  if (c.nbf !== undefined && (typeof c.nbf !== 'number' || c.nbf * 1000 > nowMs + 60_000)) return refuse('nbf');
  const sub = typeof c.sub === 'number' && Number.isSafeInteger(c.sub) && c.sub >= 0 ? String(c.sub) : c.sub;
  if (typeof sub !== 'string' || !sub || sub.length > 200) return refuse('sub');
  if (typeof c.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(c.email) || c.email.length > 254) return refuse('email');
  if (c.role !== 'facilitator' && c.role !== 'admin') return refuse('role');
  if (c.of !== undefined && c.of !== null && typeof c.of !== 'boolean') return refuse('of');
  if (c.name !== undefined && c.name !== null && typeof c.name !== 'string') return refuse('name');
  const name = typeof c.name === 'string' ? c.name.slice(0, 120) : '';
  const iat = typeof c.iat === 'number' && Number.isFinite(c.iat) ? c.iat : undefined;
  return {
    claims: { sub, email: c.email.toLowerCase(), name, role: c.role, of: typeof c.of === 'boolean' ? c.of : undefined, exp, iat },
  };
}

/** Verifies an HS256 JWT and returns its claims, or null for anything not acceptable. */
export async function verifyJwt(token: string, secret: string, nowMs: number): Promise<Claims | null> {
  return (await checkJwt(token, secret, nowMs)).claims;
}
