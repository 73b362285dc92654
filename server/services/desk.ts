import { and, asc, desc, eq, gt, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { coordinationRetributions, facilitators, missions, orderLines, organizations, retributionRequests } from '../../schema/index.ts';
import type { Deps } from '../context.ts';
import type { Db, Tx } from '../db.ts';
import { notFound } from '../errors.ts';
import { invoiceRefusal } from '../../domain/rules.ts';
import { audit, writeMission } from './write.ts';
import type { Caller } from './identity.ts';
import type { Kind, OfFilter, RequestStatus } from '../../domain/enums/index.ts';

/** The association's desk: the back office's writes (order, paid requests, invoices) and its lists. */

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

// Money-related actions leave an append-only trace in the same transaction (write.ts `audit`).

/** Replaces the order of an open mission (`mission_closed` once closed); the old and new orders are audited. */
export async function updateOrder(deps: Deps, me: Caller, input: { missionId: string; order: { kind: Kind; quantity: number }[] }) {
  return writeMission(deps, me, input.missionId, async (tx, _row, { audit }) => {
    const before = await tx.select({ kind: orderLines.kind, quantity: orderLines.quantity }).from(orderLines).where(eq(orderLines.missionId, input.missionId));
    await tx.delete(orderLines).where(eq(orderLines.missionId, input.missionId));
    if (input.order.length) await tx.insert(orderLines).values(input.order.map((l) => ({ missionId: input.missionId, ...l })));
    await audit('mission.order_updated', { before, after: input.order });
    return { missionId: input.missionId };
  });
}

/**
 * Marks something staff pay once handled (a retribution request, a coordination retribution): idempotent,
 * a second call answers the first `processedAt` and changes nothing; the first is audited.
 */
async function markProcessed<R extends { processedAt: number | null }>(
  deps: Deps,
  me: Caller,
  find: (tx: Tx) => Promise<R | undefined>,
  mark: (tx: Tx, now: number) => Promise<unknown>,
  trace: (row: R) => { action: string; missionId: string; detail: unknown },
) {
  const now = deps.clock.now();
  return deps.database.write(async (tx) => {
    const row = await find(tx);
    if (!row) throw notFound();
    if (row.processedAt !== null) return { processedAt: iso(row.processedAt)! };
    await mark(tx, now);
    const { action, missionId, detail } = trace(row);
    await audit(tx, now, me.facilitatorId, action, missionId, detail);
    return { processedAt: iso(now)! };
  });
}

/** Marks a retribution request handled. */
export const markRequestProcessed = (deps: Deps, me: Caller, requestId: string) =>
  markProcessed(
    deps,
    me,
    (tx) => tx.query.retributionRequests.findFirst({ where: eq(retributionRequests.id, requestId) }),
    (tx, now) => tx.update(retributionRequests).set({ processedAt: now }).where(and(eq(retributionRequests.id, requestId), isNull(retributionRequests.processedAt))),
    (r) => ({ action: 'retributions.processed', missionId: r.missionId, detail: { requestId, period: r.period } }),
  );

/** Marks a closed mission's coordination retribution handled. */
export const markCoordinationProcessed = (deps: Deps, me: Caller, missionId: string) =>
  markProcessed(
    deps,
    me,
    (tx) => tx.query.coordinationRetributions.findFirst({ where: eq(coordinationRetributions.missionId, missionId) }),
    (tx, now) => tx.update(coordinationRetributions).set({ processedAt: now }).where(eq(coordinationRetributions.missionId, missionId)),
    (fee) => ({ action: 'coordination_retribution.processed', missionId, detail: { facilitatorId: fee.facilitatorId } }),
  );

/** Marks a closed mission invoiced (`mission_not_closed` while open); a second call answers the first `invoicedAt`. */
export async function markInvoiced(deps: Deps, me: Caller, input: { missionId: string; reference?: string }) {
  // Invoicing is the one write a closed mission takes, and only a closed one: its lock is the reverse.
  return writeMission(deps, me, input.missionId, async (tx, row, { now, audit }) => {
    if (row.mission.invoicedAt !== null) return { invoicedAt: iso(row.mission.invoicedAt)! };
    await tx.update(missions).set({ invoicedAt: now, invoiceReference: input.reference ?? null }).where(eq(missions.id, input.missionId));
    await audit('mission.invoiced', { reference: input.reference ?? null });
    return { invoicedAt: iso(now)! };
  }, { lock: (row) => invoiceRefusal(row.mission) });
}

/** A search term for LIKE, its wildcards taken literally. */
const likeTerm = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Facilitators by name or email, filtered by compliance, in email order with a keyset cursor (the last
 * item's id). `sessions` counts the sessions each is registered on.
 */
export async function listFacilitators(db: Db, input: { query?: string; of?: OfFilter; cursor?: string; limit: number }) {
  const after = input.cursor ? await db.query.facilitators.findFirst({ where: eq(facilitators.id, input.cursor) }) : undefined;
  if (input.cursor && !after) return { items: [], nextCursor: null }; // an unknown cursor ends the list
  const term = input.query ? likeTerm(input.query) : null;
  const compliance: Record<string, SQL> = {
    unknown: isNull(facilitators.ofCompliant),
    yes: eq(facilitators.ofCompliant, true),
    no: eq(facilitators.ofCompliant, false),
  };
  const rows = await db
    .select({
      facilitatorId: facilitators.id,
      name: facilitators.name,
      email: facilitators.email,
      ofCompliant: facilitators.ofCompliant,
      sessions: sql<number>`(SELECT count(*) FROM session_facilitators sf WHERE sf.facilitator_id = ${facilitators.id})`,
    })
    .from(facilitators)
    .where(
      and(
        term ? sql`(lower(${facilitators.name}) LIKE ${term} ESCAPE '\\' OR ${facilitators.email} LIKE ${term} ESCAPE '\\')` : undefined,
        input.of ? compliance[input.of] : undefined,
        after ? gt(facilitators.email, after.email) : undefined,
      ),
    )
    .orderBy(asc(facilitators.email))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map((r) => ({ ...r, ofCompliant: r.ofCompliant ?? null, sessions: Number(r.sessions) }));
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1].facilitatorId : null };
}

/**
 * The coordination retributions recorded at closing, newest first, each as a line of its own: the mission,
 * its client, the coordinator, when it was recorded and whether staff handled it.
 */
export async function listCoordinationRetributions(db: Db, input: { status?: RequestStatus; cursor?: string; limit: number }) {
  const after = input.cursor ? await db.query.coordinationRetributions.findFirst({ where: eq(coordinationRetributions.missionId, input.cursor) }) : undefined;
  if (input.cursor && !after) return []; // an unknown cursor ends the list
  const rows = await db
    .select({
      missionId: coordinationRetributions.missionId,
      missionTitle: missions.title,
      organization: { name: organizations.name, sector: organizations.sector },
      facilitatorId: facilitators.id,
      name: facilitators.name,
      email: facilitators.email,
      recordedAt: coordinationRetributions.recordedAt,
      processedAt: coordinationRetributions.processedAt,
    })
    .from(coordinationRetributions)
    .innerJoin(missions, eq(missions.id, coordinationRetributions.missionId))
    .innerJoin(organizations, eq(organizations.id, missions.organizationId))
    .innerJoin(facilitators, eq(facilitators.id, coordinationRetributions.facilitatorId))
    .where(
      and(
        input.status === 'pending' ? isNull(coordinationRetributions.processedAt) : input.status === 'processed' ? isNotNull(coordinationRetributions.processedAt) : undefined,
        after
          ? or(
              lt(coordinationRetributions.recordedAt, after.recordedAt),
              and(eq(coordinationRetributions.recordedAt, after.recordedAt), lt(coordinationRetributions.missionId, after.missionId)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(coordinationRetributions.recordedAt), desc(coordinationRetributions.missionId))
    .limit(input.limit);
  return rows.map((r) => ({ ...r, recordedAt: iso(r.recordedAt)!, processedAt: iso(r.processedAt) }));
}
