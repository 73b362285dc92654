import { eq, inArray, or, sql } from 'drizzle-orm';
import { erasedIdentities, facilitators } from '../../schema/index.ts';
import { MAX_TOKEN_LIFETIME_SECONDS, type Claims } from '../auth.ts';
import type { Deps } from '../context.ts';
import type { Db, Tx } from '../db.ts';
import { DomainError } from '../errors.ts';
import { isPersonName } from '../validation.ts';
import { sha256 } from './tokens.ts';
import { prepared } from './prepared.ts';
import type { Role } from '../../domain/enums/index.ts';

/** The facilitator records a portal token names, by its `sub` or its email (placeholders `sub`, `email`). */
const callerQuery = prepared((q) =>
  q
    .select()
    .from(facilitators)
    .where(or(eq(facilitators.portalId, sql.placeholder('sub')), eq(facilitators.email, sql.placeholder('email'))))
    .prepare(),
);
/** The record a token minted by this server names (placeholder `id`). */
const preparedLocal = prepared((db) => db.query.facilitators.findFirst({ where: eq(facilitators.id, sql.placeholder('id')) }).prepare());

/** The signed-in person, as procedures see them. */
export interface Caller {
  facilitatorId: string;
  role: Role;
  email: string;
  name: string;
}

/** Sub of tokens minted by this server's magic link: `fresk:<facilitatorId>`. */
export const LOCAL_SUB_PREFIX = 'fresk:';

type Row = typeof facilitators.$inferSelect;

/**
 * When the token was issued, as far as we can tell: `iat`, or — for tokens without it — the earliest
 * instant its `exp` allows (tokens live at most 24 hours), so a revocation never lets an old token through.
 */
function issuedAtMs(claims: Claims): number {
  return (claims.iat ?? claims.exp - MAX_TOKEN_LIFETIME_SECONDS) * 1000;
}

/** Whether the record refuses the token: issued before its "not before" (staff revoked), or the person was erased. */
const isRevoked = (row: Row, claims: Claims) => row.erasedAt !== null || (row.tokensNotBefore !== null && issuedAtMs(claims) < row.tokensNotBefore);

/** Refuses a token issued before the record's "not before" (staff revoked, or the person was erased). */
function assertNotRevoked(row: Row, claims: Claims): void {
  if (isRevoked(row, claims)) throw new DomainError('unauthorized');
}

const callerOf = (row: Row, claims: Claims): Caller => ({ facilitatorId: row.id, role: claims.role, email: row.email, name: row.name });
const isLocal = (claims: Claims) => claims.sub.startsWith(LOCAL_SUB_PREFIX);
/** The record a token minted by this server names. */
const localRecord = (db: Db, claims: Claims) => preparedLocal(db).execute({ id: claims.sub.slice(LOCAL_SUB_PREFIX.length) });
/**
 * The records a portal token names, in one statement for both (each column is unique, so at most two rows): every
 * signed-in call starts here, so it runs prepared once per client, in a write transaction too (issue 19: building
 * its SQL was ~8 % of a cached missions.get).
 */
const portalRecords = (q: Db | Tx, claims: Claims) => callerQuery(q).all({ sub: claims.sub, email: claims.email });

/** The record of a portal token among the rows its `sub` or email found, or why none may be taken (a conflict). */
function match(rows: Row[], claims: Claims): { row?: Row; conflict?: string } {
  const bySub = rows.find((r) => r.portalId === claims.sub);
  const byEmail = rows.find((r) => r.email === claims.email);
  if (bySub) return byEmail && byEmail.id !== bySub.id ? { conflict: 'email of another record' } : { row: bySub };
  if (byEmail?.portalId && byEmail.portalId !== claims.sub) return { conflict: 'record bound to another sub' };
  return { row: byEmail };
}

const wantedOf = (row: Row | undefined, claims: Claims) => (row && row.ofSetByStaffAt != null ? row.ofCompliant : (claims.of ?? row?.ofCompliant ?? null));
const wantedName = (row: Row | undefined, claims: Claims) => (claims.name && isPersonName(claims.name) ? claims.name : (row?.name ?? ''));
/** Whether a portal token's record already says what the claims say (nothing to write). */
const isCurrent = (row: Row, claims: Claims) =>
  row.portalId === claims.sub && row.email === claims.email && row.name === wantedName(row, claims) && row.ofCompliant === wantedOf(row, claims);

/**
 * The caller when one read decides it and `resolveCaller` would write nothing, log nothing and refuse nothing: the
 * record exists, is not revoked, and (for a portal token) already says what the claims say. Otherwise undefined, and
 * only `resolveCaller` may answer (it binds, updates or creates the record, logs a conflict, or refuses). For the
 * paths in front of tRPC (server/missions-fast-path.ts), which leave every such request to it. One read, prepared
 * once per `db`; a database error propagates.
 */
export async function currentCaller(deps: Deps, claims: Claims): Promise<Caller | undefined> {
  const { db } = deps.database;
  if (isLocal(claims)) {
    const row = await localRecord(db, claims);
    return row && !isRevoked(row, claims) ? callerOf(row, claims) : undefined;
  }
  const { row, conflict } = match(await portalRecords(db, claims), claims);
  return row && !conflict && !isRevoked(row, claims) && isCurrent(row, claims) ? callerOf(row, claims) : undefined;
}

/** Hashes under which an erased identity is remembered (see schema/erased-identities.ts). */
export const erasureHashes = (sub: string | null, email: string | null) =>
  Promise.all([sub ? sha256(`sub:${sub}`) : null, email ? sha256(`email:${email}`) : null]).then((h) => h.filter((x): x is string => !!x));

const isUniqueViolation = (e: unknown) => /UNIQUE constraint failed|SQLITE_CONSTRAINT/i.test(String((e as Error)?.message ?? '') + String((e as { cause?: Error })?.cause?.message ?? ''));

/**
 * Finds the facilitator record for the token's claims and keeps it in step with them. One identity per
 * person:
 *  - a token minted by this server (`fresk:<id>`) is the record itself and never rewrites it;
 *  - a portal token is matched by `sub`; else by email, which binds the record to that `sub` the first
 *    time — but a record already bound to another `sub` is never taken over (`identity_conflict`), and a
 *    portal user whose new email belongs to another record is refused the same way (no split identity);
 *  - staff's word on compliance wins over the portal's `of` claim;
 *  - nothing is written when nothing changed, so a plain read stays a read.
 */
export async function resolveCaller(deps: Deps, claims: Claims): Promise<Caller> {
  const { db } = deps.database;
  const caller = (row: Row) => callerOf(row, claims);

  if (isLocal(claims)) {
    const row = await localRecord(db, claims);
    if (!row) throw new DomainError('unauthorized');
    assertNotRevoked(row, claims);
    return caller(row);
  }

  const find = async (q: Db | Tx) => {
    const { row, conflict: why } = match(await portalRecords(q, claims), claims);
    return why ? conflict(why) : row;
  };
  const conflict = (why: string): never => {
    console.warn(`[auth] identity_conflict: ${why} (token refused, nothing changed)`);
    throw new DomainError('identity_conflict');
  };

  const row = await find(db);
  if (row) assertNotRevoked(row, claims);
  if (row && isCurrent(row, claims)) return caller(row);

  try {
    const updated = await deps.database.write(async (tx) => {
      const current = await find(tx);
      if (!current) {
        const erased = await tx.select().from(erasedIdentities).where(inArray(erasedIdentities.hash, await erasureHashes(claims.sub, claims.email)));
        if (erased.some((e) => issuedAtMs(claims) < e.erasedAt)) throw new DomainError('unauthorized');
        const created: Row = {
          id: crypto.randomUUID(),
          portalId: claims.sub,
          email: claims.email,
          name: wantedName(undefined, claims),
          ofCompliant: wantedOf(undefined, claims),
          createdAt: deps.clock.now(),
          ofSetByStaffAt: null,
          tokensNotBefore: null,
          erasedAt: null,
        };
        await tx.insert(facilitators).values(created);
        return created;
      }
      assertNotRevoked(current, claims);
      if (isCurrent(current, claims)) return current;
      const next = { portalId: claims.sub, email: claims.email, name: wantedName(current, claims), ofCompliant: wantedOf(current, claims) };
      await tx.update(facilitators).set(next).where(eq(facilitators.id, current.id));
      return { ...current, ...next };
    });
    return caller(updated);
  } catch (error) {
    // Another request (or Worker isolate) wrote this sub or email between our read and our write: the
    // same person's first use racing is fine (take what it wrote); anything else is a conflict, not a 500.
    if (!isUniqueViolation(error)) throw error;
    const again = await find(db);
    if (again && isCurrent(again, claims)) return caller(again);
    return conflict('concurrent binding');
  }
}
