// Missions: creation, the lists, the dashboard and closing (about 300 lines). They stay together because
// all of them read the order counters (`orderCounters`, one statement for many missions) and closing
// re-reads them for its audit row and email.
import { and, desc, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { coordinationRetributions, facilitators, missions, orderLines, organizations, retributionRequests } from '../../schema/index.ts';
import { parisMonth, startOfNextParisMonth, toParisIso } from '../../domain/time.ts';
import type { Deps } from '../context.ts';
import type { Database, Db } from '../db.ts';
import { DomainError, notFound } from '../errors.ts';
import { expectedFacilitators, retributionTag, sessionEnded, sessionPayable } from '../../domain/rules.ts';
import { mayCoordinate, missionFor, sessionView, type MissionAccess } from './access.ts';
import { AnswerCache, type Entry } from './answer-cache.ts';
import { trpcBody } from '../fast-path.ts';
import { prepared } from './prepared.ts';
import { awaitsRequestSql, expectedFacilitatorsSql, retributionOwedSql, sessionOpenSql } from './rules-sql.ts';
import { audit, writeMission } from './write.ts';
import type { Caller } from './identity.ts';
import { enqueueEmail } from './outbox.ts';
import { closeWarnings, dayAfterView, missionSatisfaction } from './mission-day-after.ts';
import type { Kind, MissionStatus, Sector } from '../../domain/enums/index.ts';


export interface CreateMissionInput {
  title: string;
  organization: { name: string; sector: Sector };
  coordinator: { email: string; name?: string };
  order: { kind: Kind; quantity: number }[];
}

/** Staff create a mission from a won opportunity; the coordinator is emailed a link to it. */
export async function createMission(deps: Deps, me: Caller, input: CreateMissionInput) {
  const now = deps.clock.now();
  const missionId = crypto.randomUUID();
  await deps.database.write(async (tx) => {
    let org = await tx.query.organizations.findFirst({
      where: and(eq(organizations.name, input.organization.name), eq(organizations.sector, input.organization.sector)),
    });
    if (!org) {
      org = { id: crypto.randomUUID(), name: input.organization.name, sector: input.organization.sector, createdAt: now };
      await tx.insert(organizations).values(org);
    }
    let coordinator = await tx.query.facilitators.findFirst({ where: eq(facilitators.email, input.coordinator.email) });
    if (!coordinator) {
      coordinator = {
        id: crypto.randomUUID(),
        portalId: null,
        email: input.coordinator.email,
        name: input.coordinator.name ?? '',
        ofCompliant: null,
        ofSetByStaffAt: null,
        tokensNotBefore: null,
        erasedAt: null,
        createdAt: now,
      };
      await tx.insert(facilitators).values(coordinator);
    } else if (input.coordinator.name && !coordinator.name) {
      await tx.update(facilitators).set({ name: input.coordinator.name }).where(eq(facilitators.id, coordinator.id));
    }
    await tx.insert(missions).values({ id: missionId, organizationId: org.id, coordinatorId: coordinator.id, title: input.title, createdAt: now });
    if (input.order.length) await tx.insert(orderLines).values(input.order.map((l) => ({ missionId, ...l })));
    await audit(tx, now, me.facilitatorId, 'mission.created', missionId, { title: input.title, order: input.order, coordinatorId: coordinator.id });
    await enqueueEmail(tx, now, {
      template: 'mission_assigned',
      to: coordinator.email,
      lang: 'fr',
      data: { missionId, missionTitle: input.title, organizationName: org.name, coordinatorName: input.coordinator.name || coordinator.name || coordinator.email },
    });
  });
  deps.kickOutbox?.();
  return { missionId };
}

/** How `admin.missions` narrows the list: mission status, and invoiced or not (closed missions only are ever invoiced). */
export interface MissionFilter {
  coordinatorId?: string;
  status?: MissionStatus;
  invoiced?: boolean;
  /** Keyset paging: the id of the last mission of the previous page. */
  cursor?: string;
  limit?: number;
}

/** Missions with their order counters, newest first: mine (as coordinator), or all of them for staff. */
export async function listMissions(db: Db, now: number, filter: MissionFilter) {
  const after = filter.cursor ? await db.query.missions.findFirst({ where: eq(missions.id, filter.cursor) }) : undefined;
  if (filter.cursor && !after) return []; // an unknown cursor ends the list rather than starting it over
  const where = and(
    filter.coordinatorId ? eq(missions.coordinatorId, filter.coordinatorId) : undefined,
    filter.status ? eq(missions.status, filter.status) : undefined,
    filter.invoiced === undefined ? undefined : filter.invoiced ? isNotNull(missions.invoicedAt) : isNull(missions.invoicedAt),
    after ? or(lt(missions.createdAt, after.createdAt), and(eq(missions.createdAt, after.createdAt), gt(missions.id, after.id))) : undefined,
  );
  const query = db
    .select({ mission: missions, organization: organizations, coordinator: { facilitatorId: facilitators.id, name: facilitators.name, email: facilitators.email } })
    .from(missions)
    .innerJoin(organizations, eq(organizations.id, missions.organizationId))
    .innerJoin(facilitators, eq(facilitators.id, missions.coordinatorId))
    .where(where)
    .orderBy(desc(missions.createdAt), missions.id);
  const rows = filter.limit ? await query.limit(filter.limit) : await query;
  if (!rows.length) return [];
  // In chunks: one bound parameter per mission, and SQLite takes at most 32,766 in a statement.
  const counters = new Map<string, OrderCounter[]>();
  for (let i = 0; i < rows.length; i += 500) {
    for (const [id, lines] of await orderCounters(db, now, rows.slice(i, i + 500).map((r) => r.mission.id))) counters.set(id, lines);
  }
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return rows.map(({ mission, organization, coordinator }) => ({
    id: mission.id,
    title: mission.title,
    status: mission.status,
    closedAt: iso(mission.closedAt),
    invoicedAt: iso(mission.invoicedAt),
    invoiceReference: mission.invoiceReference,
    organization: { name: organization.name, sector: organization.sector },
    coordinator: { ...coordinator, id: coordinator.facilitatorId },
    order: (counters.get(mission.id) ?? []).map(({ kind, ordered, planned, delivered }) => ({ kind, ordered, planned, delivered })),
  }));
}

export interface OrderCounter {
  kind: Kind;
  ordered: number;
  planned: number;
  /** Facilitator interventions on ended, non-cancelled sessions. */
  delivered: number;
  sessions: number;
  openSlots: number;
  over: number;
}

/**
 * The order counters of several missions in two statements: ordered quantities, and per kind the
 * facilitator registrations (`planned`, and `delivered` for the sessions ended by `now`), sessions and
 * open slots of the non-cancelled sessions.
 */
async function orderCounters(db: Db, now: number, missionIds: string[]): Promise<Map<string, OrderCounter[]>> {
  const ordered = await db.select().from(orderLines).where(inArray(orderLines.missionId, missionIds));
  // Facilitators are counted per session with a correlated subquery (a search on the session_facilitators
  // primary key), so the cost follows the missions asked for, not the size of the whole table.
  const planned = await db.all<{ mission_id: string; kind: Kind; planned: number; delivered: number; sessions: number; open_slots: number }>(sql`
    SELECT mission_id, kind,
      coalesce(sum(n), 0) AS planned,
      coalesce(sum(CASE WHEN ends_at <= ${now} THEN n ELSE 0 END), 0) AS delivered,
      count(*) AS sessions,
      coalesce(sum(max(0, expected - n)), 0) AS open_slots
    FROM (
      SELECT s.mission_id, s.kind, s.ends_at, ${expectedFacilitatorsSql('s')} AS expected,
        (SELECT count(*) FROM session_facilitators sf WHERE sf.session_id = s.id) AS n
      FROM sessions s
      WHERE s.status = 'planned' AND s.mission_id IN (${sql.join(missionIds.map((id) => sql`${id}`), sql`, `)})
    )
    GROUP BY mission_id, kind`);
  const out = new Map<string, OrderCounter[]>();
  const line = (missionId: string, kind: Kind) => {
    const list = out.get(missionId) ?? [];
    out.set(missionId, list);
    let l = list.find((x) => x.kind === kind);
    if (!l) list.push((l = { kind, ordered: 0, planned: 0, delivered: 0, sessions: 0, openSlots: 0, over: 0 }));
    return l;
  };
  for (const o of ordered) line(o.missionId, o.kind).ordered = o.quantity;
  for (const p of planned) Object.assign(line(p.mission_id, p.kind), { planned: Number(p.planned), delivered: Number(p.delivered), sessions: Number(p.sessions), openSlots: Number(p.open_slots) });
  for (const list of out.values()) {
    for (const l of list) l.over = Math.max(0, l.planned - l.ordered);
    list.sort((a, b) => a.kind.localeCompare(b.kind));
  }
  return out;
}

interface SessionSummaryRow extends Record<string, unknown> {
  id: string;
  fac: number;
  parts: number;
  waiting: number;
  pending: number;
  requested: number;
  present: number;
  marked: number;
  to_send: number;
}

/** Per-session counts in one statement: facilitators, participants, retributions pending and requested. */
// The registrations are read once per session for their four counts (participants, present, marked, to
// send): they were four correlated counts, the largest share of SQLite's own time in missions.get (issue 19).
async function sessionSummaries(db: Db, missionId: string) {
  const rows = await db.all<SessionSummaryRow>(sql`
    SELECT s.id,
      (SELECT count(*) FROM session_facilitators sf WHERE sf.session_id = s.id) AS fac,
      (SELECT count(*) FROM waitlist_entries w WHERE w.session_id = s.id) AS waiting,
      (SELECT count(*) FROM session_facilitators sf WHERE sf.session_id = s.id AND ${awaitsRequestSql('sf')}) AS pending,
      (SELECT count(*) FROM retribution_lines rl WHERE rl.session_id = s.id) AS requested,
      coalesce(r.parts, 0) AS parts, coalesce(r.present, 0) AS present, coalesce(r.marked, 0) AS marked, coalesce(r.to_send, 0) AS to_send
    FROM sessions s
    LEFT JOIN (
      SELECT session_id,
        count(*) AS parts,
        sum(CASE WHEN attendance = 'present' THEN 1 ELSE 0 END) AS present,
        sum(CASE WHEN attendance <> 'unknown' THEN 1 ELSE 0 END) AS marked,
        sum(CASE WHEN attendance = 'present' AND follow_up_sent_at IS NULL THEN 1 ELSE 0 END) AS to_send
      FROM registrations WHERE session_id IN (SELECT id FROM sessions WHERE mission_id = ${missionId}) GROUP BY session_id
    ) r ON r.session_id = s.id
    WHERE s.mission_id = ${missionId}`);
  return new Map(rows.map((r) => [r.id, r]));
}


// The dashboard's sessions and this month's retribution request, built by drizzle once per client (issue 19).
const missionSessions = prepared((db) =>
  db.query.sessions.findMany({ where: (s, { eq }) => eq(s.missionId, sql.placeholder('missionId')), orderBy: (s, { asc }) => [asc(s.startsAt), asc(s.id)] }).prepare(),
);
const monthRequest = prepared((db) =>
  db.query.retributionRequests.findFirst({ where: and(eq(retributionRequests.missionId, sql.placeholder('missionId')), eq(retributionRequests.period, sql.placeholder('period'))) }).prepare(),
);

/**
 * Mission dashboards cached exactly (answer-cache.ts): per mission, whoever reads it, since the answer does not
 * depend on the caller; access is checked on every call against the cached mission's coordinator (a change of
 * coordinator is a write, which drops the entry) and the caller's current role. At most 200 of them: they are large.
 */
export const MISSION_CACHE_SIZE = 200;
type Dashboard = { coordinatorId: string; answer: Awaited<ReturnType<typeof dashboard>> };
const dashboards = new AnswerCache<Dashboard>(MISSION_CACHE_SIZE);

/** The coordinator's dashboard of one mission: order counters, sessions, retributions and closing state. */
export async function getMission(deps: Deps, me: Caller, missionId: string) {
  const { coordinatorId, answer } = await dashboards.get(deps.database, missionId, deps.clock.now(), async (now, changesAt) => {
    const row = await missionFor(deps.database.db, me, missionId);
    return { coordinatorId: row.mission.coordinatorId, answer: await dashboard(deps.database.db, row, now, changesAt) };
  });
  if (!mayCoordinate(me, { coordinatorId })) throw notFound();
  return answer;
}

/** A hit only, never a computation (server/missions-fast-path.ts): `missionId`'s cached dashboard if still exact at `now`. */
export const cachedDashboard = (database: Database, missionId: string, now: number): Entry<Dashboard> | undefined => dashboards.hit(database, missionId, now);

/**
 * The body tRPC sends `me` for a cached dashboard (`getMission`'s answer on a hit), or undefined when `me` may not
 * see it (`getMission` refuses: NOT_FOUND). Made on the entry's first use and kept with it.
 */
export const dashboardBody = (entry: Entry<Dashboard>, me: Caller): string | undefined =>
  mayCoordinate(me, entry.answer) ? trpcBody(entry, (cached) => cached.answer) : undefined;

/**
 * The dashboard at `now`; `changesAt` receives the instants where it changes with the clock alone: each session's
 * start and end (`ended`, the tags, `delivered`, the closing blockers and warnings) and the next Paris month
 * (this month's retribution request).
 */
async function dashboard(db: Db, { mission, organization }: MissionAccess, now: number, changesAt: number[]) {
  const [counters, sessionRows, summaries, thisMonth] = await Promise.all([
    orderCounters(db, now, [mission.id]),
    missionSessions(db).execute({ missionId: mission.id }),
    sessionSummaries(db, mission.id),
    monthRequest(db).execute({ missionId: mission.id, period: parisMonth(now) }),
  ]);
  changesAt.push(startOfNextParisMonth(now));
  const sessions = sessionRows.map((s) => {
    const sum = summaries.get(s.id)!;
    changesAt.push(s.startsAt, s.endsAt);
    const ended = sessionEnded(s, now);
    return {
      id: s.id,
      ...sessionView(s),
      ended,
      facilitatorsCount: Number(sum.fac),
      expectedFacilitators: expectedFacilitators(s),
      participantsCount: Number(sum.parts),
      waitlistCount: Number(sum.waiting),
      capacity: s.capacity,
      retributionTag: retributionTag(s, now, Number(sum.pending), Number(sum.requested)),
      pendingRetributions: sessionPayable(s, now) ? Number(sum.pending) : 0,
      ...dayAfterView(s, now, sum),
    };
  });
  const pending = sessions.filter((s) => s.pendingRetributions > 0);
  const closed = mission.status === 'closed';
  const blockers: string[] = [];
  if (closed) blockers.push('mission_closed');
  else {
    if (sessions.some((s) => s.status === 'planned' && !s.ended)) blockers.push('sessions_not_ended');
    if (pending.length) blockers.push('retributions_pending');
  }
  return {
    id: mission.id,
    title: mission.title,
    status: mission.status,
    closedAt: mission.closedAt === null ? null : new Date(mission.closedAt).toISOString(),
    organization: { name: organization.name, sector: organization.sector },
    order: counters.get(mission.id) ?? [],
    sessions,
    retributions: {
      canRequest: !closed && !thisMonth && pending.length > 0,
      nextAllowedAt: thisMonth ? toParisIso(startOfNextParisMonth(now)) : null,
      alreadyRequestedThisMonth: !!thisMonth,
      pending: pending.map((s) => ({ sessionId: s.id, facilitators: s.pendingRetributions })),
    },
    satisfaction: await missionSatisfaction(db, mission.id),
    close: { canClose: blockers.length === 0, blockers, warnings: closeWarnings(sessions, counters.get(mission.id) ?? []) },
  };
}

/**
 * Closes a mission once every planned session has ended and every retribution was requested: locks it,
 * records the coordinator's coordination retribution, tells the association, and audits it.
 */
export async function closeMission(deps: Deps, me: Caller, missionId: string) {
  return writeMission(
    deps,
    me,
    missionId,
    async (tx, row, { now, audit }) => {
    const [state] = await tx.all<{ not_ended: number; pending: number }>(sql`
      SELECT
        (SELECT count(*) FROM sessions s WHERE s.mission_id = ${missionId} AND ${sessionOpenSql('s', now)}) AS not_ended,
        (SELECT count(*) FROM session_facilitators sf JOIN sessions s ON s.id = sf.session_id
          WHERE s.mission_id = ${missionId} AND ${retributionOwedSql('s', 'sf', now)}) AS pending`);
    if (Number(state.not_ended) > 0) throw new DomainError('sessions_not_ended');
    if (Number(state.pending) > 0) throw new DomainError('retributions_pending');
    const updated = await tx
      .update(missions)
      .set({ status: 'closed', closedAt: now })
      .where(and(eq(missions.id, missionId), eq(missions.status, 'open')));
    if (updated.rowsAffected !== 1) throw new DomainError('mission_closed');
    await tx.insert(coordinationRetributions).values({ missionId, facilitatorId: row.mission.coordinatorId, recordedAt: now });
    const coordinator = await tx.query.facilitators.findFirst({ where: eq(facilitators.id, row.mission.coordinatorId) });
    const counters = await orderCounters(tx as unknown as Db, now, [missionId]);
    await audit('mission.closed', { coordinationRetribution: row.mission.coordinatorId, order: counters.get(missionId) ?? [] });
    await enqueueEmail(tx, now, {
      template: 'mission_closed',
      to: deps.config.associationEmail,
      lang: 'fr',
      data: {
        missionId,
        missionTitle: row.mission.title,
        organizationName: row.organization.name,
        coordinatorName: coordinator?.name || coordinator?.email || '',
        coordinatorEmail: coordinator?.email ?? '',
        closedAt: new Date(now).toISOString(),
        order: (counters.get(missionId) ?? []).map(({ kind, ordered, planned, delivered, sessions }) => ({ kind, ordered, planned, delivered, sessions })),
      },
    });
    return { closedAt: new Date(now).toISOString() };
    },
    { kick: true },
  );
}
