import { and, eq, isNull, sql } from 'drizzle-orm';
import { tokens } from '../../schema/index.ts';
import { hmac } from '../auth.ts';
import { digest } from '../digest.ts';
import type { Db, Tx } from '../db.ts';
import { prepared } from './prepared.ts';

export type TokenPurpose = (typeof tokens.$inferSelect)['purpose'];
export type TokenRow = typeof tokens.$inferSelect;

/**
 * Link secrets. A token's secret is HMAC(server secret, id), cut to 32 base64url characters (192 bits);
 * the database keeps only the id and SHA-256(secret), so a leaked backup lets nobody join, register or
 * cancel. Links are rendered (for email, for the coordinator) by recomputing the secret from the id.
 */
export async function secretFor(authSecret: string, tokenId: string): Promise<string> {
  return (await hmac(await linkKey(authSecret), `fresk-link:${tokenId}`)).slice(0, 32);
}

const linkKeys = new Map<string, Promise<string>>();
/**
 * The key that link secrets are derived with: HMAC(server secret, a fixed label), so the raw secret that
 * signs JWTs never signs anything else (a link secret can never be replayed as, or help forge, a JWT signature).
 */
export function linkKey(authSecret: string): Promise<string> {
  let key = linkKeys.get(authSecret);
  if (!key) linkKeys.set(authSecret, (key = hmac(authSecret, 'fresk link-secret key v1')));
  return key;
}

/** SHA-256, lowercase hex: what the database keeps of a secret. */
export const sha256 = (value: string): Promise<string> => digest.sha256Hex(value);

export interface NewToken {
  /** A pre-chosen id (e.g. referenced by a row inserted first); a random UUID otherwise. */
  id?: string;
  purpose: TokenPurpose;
  sessionId?: string;
  email?: string;
  subjectId?: string;
  expiresAt?: number | null;
}

/** One token's row: its id (given or random), the hash of its secret; and the secret, for the caller's link. */
async function newTokenRow(authSecret: string, now: number, t: NewToken) {
  const id = t.id ?? crypto.randomUUID();
  const secret = await secretFor(authSecret, id);
  const row = {
    id,
    hash: await sha256(secret),
    purpose: t.purpose,
    sessionId: t.sessionId ?? null,
    email: t.email ?? null,
    subjectId: t.subjectId ?? null,
    expiresAt: t.expiresAt ?? null,
    createdAt: now,
  };
  return { row, issued: { id, secret } };
}

/** The insert of one token, built once per client (every registration issues its cancel token: issue 19). */
const insertToken = prepared((db) =>
  db
    .insert(tokens)
    .values({
      id: sql.placeholder('id'),
      hash: sql.placeholder('hash'),
      purpose: sql.placeholder('purpose'),
      sessionId: sql.placeholder('sessionId'),
      email: sql.placeholder('email'),
      subjectId: sql.placeholder('subjectId'),
      expiresAt: sql.placeholder('expiresAt'),
      createdAt: sql.placeholder('createdAt'),
    })
    .prepare(),
);

/** Stores a new token (id + hash) and returns its id and secret. */
export async function issueToken(tx: Tx, authSecret: string, now: number, t: NewToken): Promise<{ id: string; secret: string }> {
  const { row, issued } = await newTokenRow(authSecret, now, t);
  await insertToken(tx).run(row);
  return issued;
}

/** Stores several tokens in one statement (invite lists: one round trip to Turso, not one per address). */
export async function issueTokens(tx: Tx, authSecret: string, now: number, list: NewToken[]): Promise<{ id: string; secret: string }[]> {
  if (!list.length) return [];
  const rows = await Promise.all(list.map((t) => newTokenRow(authSecret, now, t)));
  await tx.insert(tokens).values(rows.map((r) => r.row));
  return rows.map((r) => r.issued);
}

/** The usable token behind a secret, if any: known, of one of `purposes`, not revoked, used or expired. */
export async function findUsableToken(db: Db | Tx, secret: string, purposes: TokenPurpose[], now: number): Promise<TokenRow | null> {
  if (!isSecretShaped(secret)) return null;
  const row = await db.query.tokens.findFirst({ where: eq(tokens.hash, await sha256(secret)) });
  return row && isUsable(row, purposes, now) ? row : null;
}

/** Only such strings can be link secrets; anything else is refused before any hashing or query. */
export const isSecretShaped = (secret: string) => /^[A-Za-z0-9_-]{16,64}$/.test(secret);

/** A stored token is usable when it is of one of `purposes` and neither revoked, used nor expired. */
export function isUsable(row: TokenRow, purposes: readonly TokenPurpose[], now: number): boolean {
  if (!purposes.includes(row.purpose)) return false;
  if (row.revokedAt !== null || row.usedAt !== null) return false;
  return row.expiresAt === null || row.expiresAt > now;
}

/** Marks a single-use token used; false when another request consumed it first (atomic). */
export async function consumeToken(tx: Tx, tokenId: string, now: number): Promise<boolean> {
  const res = await tx
    .update(tokens)
    .set({ usedAt: now })
    .where(and(eq(tokens.id, tokenId), isNull(tokens.usedAt)));
  return res.rowsAffected === 1;
}

export async function revokeToken(tx: Tx, tokenId: string, now: number): Promise<void> {
  await tx.update(tokens).set({ revokedAt: now }).where(eq(tokens.id, tokenId));
}
