import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { registrations, retributionLines, sessionFacilitators, sessions, facilitators, waitlistEntries } from '../../schema/index.ts';
import type { Deps } from '../context.ts';
import type { Tx } from '../db.ts';
import { DomainError } from '../errors.ts';
import { parseInstant } from '../validation.ts';
import { awaitsRequest, expectedFacilitators, retributionState, retributionTag, sessionEnded, slotsLeft } from '../../domain/rules.ts';
import { sessionFor, sessionView, type SessionRow } from './access.ts';
import { writeMission, writeSession } from './write.ts';
import type { Caller } from './identity.ts';
import { invitationsOf, notifySessionChanged, tellPeople } from './notices.ts';
import { promoteFromWaitlist, waitlistOf } from './waitlist.ts';
import { issueToken, revokeToken, secretFor } from './tokens.ts';
import { checkInUrl } from './attendance.ts';
import type { Kind, Lang, SessionLink } from '../../domain/enums/index.ts';

export interface SessionFields {
  kind: Kind;
  startsAt: string;
  endsAt: string;
  location: { mode: 'onsite'; address: string } | { mode: 'online'; url: string };
  capacity: number;
  extraFacilitators: number;
  coordinatorFacilitates?: boolean;
  language?: Lang;
  title?: string | null;
  timezone?: string;
}

function interval(startsAt: string, endsAt: string) {
  const start = parseInstant(startsAt)!;
  const end = parseInstant(endsAt)!;
  if (end <= start) throw new DomainError('ends_before_start', { fieldErrors: { endsAt: ['Must be after startsAt'] } });
  return { start, end };
}

/** The links the coordinator shares, rendered from the token ids (secrets are never stored). */
export async function sessionLinks(deps: Deps, s: SessionRow) {
  return {
    facilitatorInviteUrl: `${deps.config.appUrl}/join/${await secretFor(deps.config.authSecret, s.facilitatorLinkId)}`,
    participantSignupUrl: `${deps.config.appUrl}/signup/${await secretFor(deps.config.authSecret, s.signupLinkId)}`,
    checkInUrl: await checkInUrl(deps, s),
  };
}

/** Plans a session; the coordinator becomes its first facilitator unless `coordinatorFacilitates:false`. */
export async function createSession(deps: Deps, me: Caller, input: SessionFields & { missionId: string }) {
  const { start, end } = interval(input.startsAt, input.endsAt);
  const sessionId = crypto.randomUUID();
  const session = await writeMission(deps, me, input.missionId, async (tx, { mission }, { now }) => {
    const secret = deps.config.authSecret;
    const facilitatorLink = await issueToken(tx, secret, now, { purpose: 'facilitator_link', sessionId });
    const signupLink = await issueToken(tx, secret, now, { purpose: 'signup_link', sessionId });
    const checkInLink = await issueToken(tx, secret, now, { purpose: 'checkin_link', sessionId });
    const coordinatorFacilitates = input.coordinatorFacilitates ?? true;
    const row: SessionRow = {
      id: sessionId,
      missionId: mission.id,
      kind: input.kind,
      title: input.title ?? null,
      startsAt: start,
      endsAt: end,
      startsAtIso: input.startsAt,
      endsAtIso: input.endsAt,
      timezone: input.timezone ?? 'Europe/Paris',
      locationMode: input.location.mode,
      address: input.location.mode === 'onsite' ? input.location.address : null,
      url: input.location.mode === 'online' ? input.location.url : null,
      capacity: input.capacity,
      extraFacilitators: input.extraFacilitators,
      coordinatorFacilitates,
      language: input.language ?? 'fr',
      status: 'planned',
      facilitatorLinkId: facilitatorLink.id,
      signupLinkId: signupLink.id,
      checkInLinkId: checkInLink.id,
      attendanceRemindedAt: null,
      createdAt: now,
      sequence: 0,
    };
    await tx.insert(sessions).values(row);
    if (coordinatorFacilitates) {
      await tx.insert(sessionFacilitators).values({ sessionId, facilitatorId: mission.coordinatorId, registeredAt: now });
    }
    return row;
  });
  return { sessionId, ...(await sessionLinks(deps, session)) };
}

/** True once a retribution of this session was requested: its dates and existence are then settled. */
async function retributionsRequested(tx: Tx, sessionId: string): Promise<boolean> {
  return !!(await tx.query.retributionLines.findFirst({ where: eq(retributionLines.sessionId, sessionId) }));
}

/** Changes any field of a session but its mission. */
export async function updateSession(deps: Deps, me: Caller, input: Partial<SessionFields> & { sessionId: string }) {
  await writeSession(deps, me, input.sessionId, async (tx, { session, mission, organization }, { now }) => {
    if (session.status === 'cancelled') throw new DomainError('session_cancelled');
    const startsAt = input.startsAt ?? session.startsAtIso;
    const endsAt = input.endsAt ?? session.endsAtIso;
    const { start, end } = interval(startsAt, endsAt);
    if ((start !== session.startsAt || end !== session.endsAt) && (await retributionsRequested(tx, session.id))) {
      // The paid session happened when it happened: its dates are part of a request already sent.
      throw new DomainError('retribution_requested');
    }
    if (input.capacity !== undefined) {
      const [{ n }] = await tx.select({ n: sql<number>`count(*)` }).from(registrations).where(eq(registrations.sessionId, session.id));
      if (input.capacity < Number(n)) {
        throw new DomainError('capacity_below_registrations', {
          fieldErrors: { capacity: [`${n} participants are already registered`] },
        });
      }
    }
    const patch: Partial<SessionRow> = {
      startsAt: start,
      endsAt: end,
      startsAtIso: startsAt,
      endsAtIso: endsAt,
      ...(input.kind && { kind: input.kind }),
      ...(input.title !== undefined && { title: input.title }),
      ...(input.capacity !== undefined && { capacity: input.capacity }),
      ...(input.extraFacilitators !== undefined && { extraFacilitators: input.extraFacilitators }),
      ...(input.language && { language: input.language }),
      ...(input.timezone && { timezone: input.timezone }),
      ...(input.location && {
        locationMode: input.location.mode,
        address: input.location.mode === 'onsite' ? input.location.address : null,
        url: input.location.mode === 'online' ? input.location.url : null,
      }),
    };
    if (input.coordinatorFacilitates !== undefined && input.coordinatorFacilitates !== session.coordinatorFacilitates) {
      patch.coordinatorFacilitates = input.coordinatorFacilitates;
      const mine = and(eq(sessionFacilitators.sessionId, session.id), eq(sessionFacilitators.facilitatorId, mission.coordinatorId));
      if (input.coordinatorFacilitates) {
        await tx.insert(sessionFacilitators).values({ sessionId: session.id, facilitatorId: mission.coordinatorId, registeredAt: now }).onConflictDoNothing();
      } else {
        const requested = await tx.query.retributionLines.findFirst({
          where: and(eq(retributionLines.sessionId, session.id), eq(retributionLines.facilitatorId, mission.coordinatorId)),
        });
        if (!requested) await tx.delete(sessionFacilitators).where(mine);
      }
    }
    const updated = { ...session, ...patch };
    const moved = updated.startsAt !== session.startsAt || updated.endsAt !== session.endsAt;
    const relocated = updated.locationMode !== session.locationMode || updated.address !== session.address || updated.url !== session.url;
    if (moved || relocated) updated.sequence = session.sequence + 1;
    await tx.update(sessions).set({ ...patch, sequence: updated.sequence }).where(eq(sessions.id, session.id));
    if (moved || relocated) await notifySessionChanged(tx, now, session, updated, organization, moved);
    // A larger capacity fills itself from the waiting list, in this transaction.
    if (updated.capacity > session.capacity) await promoteFromWaitlist(tx, now, updated, organization);
  }, { kick: true });
  return { sessionId: input.sessionId };
}

/** Cancels a session: it stops counting in the order and takes no one any more. */
export async function cancelSession(deps: Deps, me: Caller, sessionId: string) {
  await writeSession(deps, me, sessionId, async (tx, { session, mission, organization }) => {
    if (session.status === 'cancelled') return;
    if (await retributionsRequested(tx, session.id)) throw new DomainError('retribution_requested');
    const sequence = session.sequence + 1;
    await tx.update(sessions).set({ status: 'cancelled', sequence }).where(eq(sessions.id, sessionId));
    // Everyone on the session hears of it (a cancelled past session tells no one).
    if (session.endsAt > deps.clock.now()) {
      const people = [
        ...(await tx.select({ name: registrations.name, email: registrations.email }).from(registrations).where(eq(registrations.sessionId, session.id))).map((p) => ({ ...p, role: 'participant' as const })),
        // People waiting for a seat hear of it too: there will be no seat.
        ...(await tx.select({ name: waitlistEntries.name, email: waitlistEntries.email }).from(waitlistEntries).where(eq(waitlistEntries.sessionId, session.id))).map((p) => ({ ...p, role: 'participant' as const })),
        ...(await tx
          .select({ name: facilitators.name, email: facilitators.email })
          .from(sessionFacilitators)
          .innerJoin(facilitators, eq(facilitators.id, sessionFacilitators.facilitatorId))
          .where(and(eq(sessionFacilitators.sessionId, session.id), ne(sessionFacilitators.facilitatorId, mission.coordinatorId)))).map((p) => ({ ...p, role: 'facilitator' as const })),
      ];
      await tellPeople(tx, deps.clock.now(), 'session_cancelled', { ...session, sequence }, organization.name, people, {});
    }
  }, { kick: true });
  return { sessionId };
}

/** Replaces a shareable link with a new one; the old link stops working at once. */
export async function regenerateLink(deps: Deps, me: Caller, input: { sessionId: string; link: SessionLink }) {
  const session = await writeSession(deps, me, input.sessionId, async (tx, { session }, { now }) => {
    const link = {
      facilitator: { old: session.facilitatorLinkId, purpose: 'facilitator_link', column: 'facilitatorLinkId' },
      participant: { old: session.signupLinkId, purpose: 'signup_link', column: 'signupLinkId' },
      checkin: { old: session.checkInLinkId, purpose: 'checkin_link', column: 'checkInLinkId' },
    }[input.link] as { old: string | null; purpose: 'facilitator_link' | 'signup_link' | 'checkin_link'; column: 'facilitatorLinkId' | 'signupLinkId' | 'checkInLinkId' };
    if (link.old) await revokeToken(tx, link.old, now);
    const fresh = await issueToken(tx, deps.config.authSecret, now, { purpose: link.purpose, sessionId: session.id });
    const patch = { [link.column]: fresh.id };
    await tx.update(sessions).set(patch).where(eq(sessions.id, session.id));
    return { ...session, ...patch };
  });
  return { sessionId: session.id, ...(await sessionLinks(deps, session)) };
}

/** Everything the coordinator needs about one session: facilitators with their pay state, participants, links. */
export async function getSession(deps: Deps, me: Caller, sessionId: string) {
  const { db } = deps.database;
  const now = deps.clock.now();
  const { session: s, mission, organization } = await sessionFor(db, me, sessionId);
  const [facs, parts, waitlist, invitations] = await Promise.all([
    db
      .select({
        facilitatorId: facilitators.id,
        name: facilitators.name,
        email: facilitators.email,
        ofCompliant: facilitators.ofCompliant,
        status: sessionFacilitators.status,
        registeredAt: sessionFacilitators.registeredAt,
        requestId: retributionLines.requestId,
      })
      .from(sessionFacilitators)
      .innerJoin(facilitators, eq(facilitators.id, sessionFacilitators.facilitatorId))
      .leftJoin(
        retributionLines,
        and(eq(retributionLines.sessionId, sessionFacilitators.sessionId), eq(retributionLines.facilitatorId, sessionFacilitators.facilitatorId)),
      )
      .where(eq(sessionFacilitators.sessionId, s.id))
      .orderBy(asc(sessionFacilitators.registeredAt), asc(facilitators.id)),
    db.query.registrations.findMany({ where: eq(registrations.sessionId, s.id), orderBy: [asc(registrations.registeredAt), sql`rowid`] }),
    waitlistOf(db, s.id),
    invitationsOf(db, s.id, now),
  ]);
  const pending = facs.filter((f) => awaitsRequest(f, !!f.requestId)).length;
  const requested = facs.filter((f) => f.requestId).length;
  return {
    id: s.id,
    missionId: s.missionId,
    missionTitle: mission.title,
    missionStatus: mission.status,
    organization: { name: organization.name, sector: organization.sector },
    ...sessionView(s),
    capacity: s.capacity,
    seatsLeft: Math.max(0, s.capacity - parts.length),
    extraFacilitators: s.extraFacilitators,
    coordinatorFacilitates: s.coordinatorFacilitates,
    expectedFacilitators: expectedFacilitators(s),
    slotsLeft: slotsLeft(s, facs.length),
    ended: sessionEnded(s, now),
    retributionTag: retributionTag(s, now, pending, requested),
    ...(await sessionLinks(deps, s)),
    facilitators: facs.map((f) => ({
      facilitatorId: f.facilitatorId,
      name: f.name,
      email: f.email,
      status: f.status,
      isCoordinator: f.facilitatorId === mission.coordinatorId,
      registeredAt: new Date(f.registeredAt).toISOString(),
      retribution: retributionState(f, !!f.requestId),
    })),
    participants: parts.map((p) => ({
      participantId: p.id,
      name: p.name,
      email: p.email,
      registeredAt: new Date(p.registeredAt).toISOString(),
    })),
    waitlist,
    invitations,
  };
}

