import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { chunks, isUniqueViolation } from './chunks.ts';
import { facilitators, missions, retributionLines, retributionRequests, sessionFacilitators, sessions } from '../../schema/index.ts';
import { parisMonth, startOfNextParisMonth, toParisIso } from '../../domain/time.ts';
import type { Deps } from '../context.ts';
import type { Db } from '../db.ts';
import { DomainError } from '../errors.ts';
import { retributionOwedSql } from './rules-sql.ts';
import { writeMission } from './write.ts';
import type { Caller } from './identity.ts';
import { enqueueEmail } from './outbox.ts';
import type { RequestStatus } from '../../domain/enums/index.ts';

/**
 * The month's retribution request of a mission: every `remunere` facilitator of every ended, planned
 * session not yet requested. One per mission per Paris calendar month — the unique (mission, period)
 * index makes concurrent requests settle on exactly one.
 */
export async function requestRetributions(deps: Deps, me: Caller, missionId: string) {
  const period = parisMonth(deps.clock.now());
  return writeMission(deps, me, missionId, async (tx, { mission, organization }, { now, audit }) => {
    const done = await tx.query.retributionRequests.findFirst({
      where: and(eq(retributionRequests.missionId, missionId), eq(retributionRequests.period, period)),
    });
    if (done) {
      throw new DomainError('retributions_already_requested_this_month', { nextAllowedAt: toParisIso(startOfNextParisMonth(now)) });
    }
    const due = await tx
      .select({
        sessionId: sessions.id,
        facilitatorId: facilitators.id,
        name: facilitators.name,
        email: facilitators.email,
        kind: sessions.kind,
        startsAt: sessions.startsAtIso,
        endsAt: sessions.endsAtIso,
        timezone: sessions.timezone,
      })
      .from(sessionFacilitators)
      .innerJoin(sessions, eq(sessions.id, sessionFacilitators.sessionId))
      .innerJoin(facilitators, eq(facilitators.id, sessionFacilitators.facilitatorId))
      .where(
        and(
          eq(sessions.missionId, missionId),
          retributionOwedSql('sessions', 'session_facilitators', now),
        ),
      )
      .orderBy(asc(sessions.startsAt), asc(sessions.id), asc(facilitators.id));
    if (!due.length) throw new DomainError('nothing_to_request');
    const requestId = crypto.randomUUID();
    try {
      await tx.insert(retributionRequests).values({ id: requestId, missionId, period, requestedAt: now, requestedBy: me.facilitatorId });
    } catch (error) {
      // Another process or Worker isolate requested this month between our check and our insert.
      if (isUniqueViolation(error)) throw new DomainError('retributions_already_requested_this_month', { nextAllowedAt: toParisIso(startOfNextParisMonth(now)) });
      throw error;
    }
    for (const slice of chunks(due, 300)) {
      await tx.insert(retributionLines).values(slice.map((d) => ({ requestId, sessionId: d.sessionId, facilitatorId: d.facilitatorId })));
    }
    await audit('retributions.requested', { requestId, period, lines: due.map((d) => ({ sessionId: d.sessionId, facilitatorId: d.facilitatorId })) });
    const coordinator = await tx.query.facilitators.findFirst({ where: eq(facilitators.id, mission.coordinatorId) });
    await enqueueEmail(tx, now, {
      template: 'retribution_request',
      to: deps.config.associationEmail,
      lang: 'fr',
      data: {
        requestId,
        period,
        missionTitle: mission.title,
        organizationName: organization.name,
        coordinatorName: coordinator?.name || coordinator?.email || '',
        coordinatorEmail: coordinator?.email ?? '',
        lines: due.map(({ name, email, kind, startsAt, endsAt, timezone }) => ({ name, email, kind, startsAt, endsAt, timezone })),
      },
    });
    return { requestId, period, lines: due.map((d) => ({ sessionId: d.sessionId, facilitatorId: d.facilitatorId })) };
  }, { kick: true });
}

/** How `admin.retributionRequests` narrows and pages the list. */
export interface RequestFilter {
  requestId?: string;
  status?: RequestStatus;
  /** Keyset paging: the id of the last request of the previous page. */
  cursor?: string;
  limit?: number;
}

/** Retribution requests with their lines, newest first (for staff, who write the invoices). */
export async function listRetributionRequests(db: Db, filter: RequestFilter = {}) {
  const after = filter.cursor ? await db.query.retributionRequests.findFirst({ where: eq(retributionRequests.id, filter.cursor) }) : undefined;
  if (filter.cursor && !after) return []; // an unknown cursor ends the list rather than starting it over
  const query = db
    .select()
    .from(retributionRequests)
    .where(
      and(
        filter.requestId ? eq(retributionRequests.id, filter.requestId) : undefined,
        filter.status === 'pending' ? isNull(retributionRequests.processedAt) : filter.status === 'processed' ? isNotNull(retributionRequests.processedAt) : undefined,
        after
          ? or(lt(retributionRequests.requestedAt, after.requestedAt), and(eq(retributionRequests.requestedAt, after.requestedAt), lt(retributionRequests.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(retributionRequests.requestedAt), desc(retributionRequests.id));
  const requests = filter.limit ? await query.limit(filter.limit) : await query;
  if (!requests.length) return [];
  const linesOf = (ids: string[]) =>
    db
    .select({
      requestId: retributionLines.requestId,
      sessionId: retributionLines.sessionId,
      facilitatorId: retributionLines.facilitatorId,
      name: facilitators.name,
      email: facilitators.email,
      kind: sessions.kind,
      startsAt: sessions.startsAtIso,
      endsAt: sessions.endsAtIso,
      status: sessionFacilitators.status,
    })
    .from(retributionLines)
    .innerJoin(facilitators, eq(facilitators.id, retributionLines.facilitatorId))
    .innerJoin(sessions, eq(sessions.id, retributionLines.sessionId))
    .leftJoin(sessionFacilitators, and(eq(sessionFacilitators.sessionId, retributionLines.sessionId), eq(sessionFacilitators.facilitatorId, retributionLines.facilitatorId)))
    .where(inArray(retributionLines.requestId, ids))
    .orderBy(asc(sessions.startsAt), asc(facilitators.id));
  // Each request's lines come whole from one slice, so their order holds.
  const lines = (await Promise.all(chunks(requests.map((r) => r.id)).map(linesOf))).flat();
  const titles = new Map(
    (await db.select({ id: missions.id, title: missions.title }).from(missions).where(inArray(missions.id, [...new Set(requests.map((r) => r.missionId))]))).map((m) => [m.id, m.title]),
  );
  return requests.map((r) => ({
    requestId: r.id,
    missionId: r.missionId,
    missionTitle: titles.get(r.missionId) ?? '',
    period: r.period,
    requestedAt: new Date(r.requestedAt).toISOString(),
    processedAt: r.processedAt === null ? null : new Date(r.processedAt).toISOString(),
    lines: lines
      .filter((l) => l.requestId === r.id)
      .map(({ sessionId, facilitatorId, name, email, kind, startsAt, endsAt, status }) => ({
        sessionId,
        facilitatorId,
        name,
        email,
        kind,
        startedAt: startsAt,
        endedAt: endsAt,
        status: status ?? 'remunere',
      })),
  }));
}
