import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { facilitators, missions, organizations, retributionLines, sessionFacilitators, sessions, tokens } from '../../schema/index.ts';
import type { Tx } from '../db.ts';
import type { Deps } from '../context.ts';
import { DomainError } from '../errors.ts';
import { assertMissionOpen, assertSessionOpen, expectedFacilitators, loadSession, sessionFor, sessionInfo, sessionView } from './access.ts';
import type { Caller } from './identity.ts';
import { inviteList, sendInvitations } from './invite-list.ts';
import { revokePreviousInvitations } from './notices.ts';
import { enqueueEmail } from './outbox.ts';
import { consumeToken, findUsableToken, issueToken, revokeToken, secretFor } from './tokens.ts';
import type { FacilitatorStatus } from '../../domain/enums/index.ts';

/**
 * Personal facilitator invitations expire after 30 days. Not tied to the session's end: the session may be
 * moved later, and a join after the end must say `session_ended` (checked at use), not `invalid_token`.
 */
const INVITATION_TTL = 30 * 24 * 3600_000;

/** Staff mark a person as (not) *conforme OF*, creating their record if needed. */
export async function setFacilitator(deps: Deps, input: { email: string; name?: string; ofCompliant: boolean }) {
  const now = deps.clock.now();
  return deps.database.write(async (tx) => {
    const row = await tx.query.facilitators.findFirst({ where: eq(facilitators.email, input.email) });
    if (row) {
      await tx
        .update(facilitators)
        .set({ ofCompliant: input.ofCompliant, ofSetByStaffAt: now, ...(input.name && { name: input.name }) })
        .where(eq(facilitators.id, row.id));
      return { facilitatorId: row.id };
    }
    const id = crypto.randomUUID();
    await tx.insert(facilitators).values({ id, email: input.email, name: input.name ?? '', ofCompliant: input.ofCompliant, ofSetByStaffAt: now, createdAt: now });
    return { facilitatorId: id };
  });
}

type Refusal = { email: string; reason: 'invalid_email' | 'not_of_compliant' | 'already_registered' | 'no_slot_left' };

/**
 * Invites facilitators by email onto a session. Each address is judged on its own: not an email,
 * known as not *conforme OF*, or already on the session are refused with their reason; the others get a
 * single-use, expiring invitation link by email.
 */
export async function inviteFacilitators(deps: Deps, me: Caller, input: { sessionId: string; emails: string[] }) {
  const now = deps.clock.now();
  await sessionFor(deps.database.db, me, input.sessionId);
  const result = await deps.database.write(async (tx) => {
    const { session, mission, organization } = await sessionFor(tx, me, input.sessionId);
    assertMissionOpen(mission);
    assertSessionOpen(session, now);
    const coordinator = await tx.query.facilitators.findFirst({ where: eq(facilitators.id, mission.coordinatorId) });
    // Set-based, so a list of 100 stays a handful of statements (Turso's transaction time limit).
    const entries = inviteList(input.emails);
    const emails = entries.filter((e) => !e.invalid).map((e) => e.email);
    const known = emails.length
      ? await tx.select({ id: facilitators.id, email: facilitators.email, ofCompliant: facilitators.ofCompliant }).from(facilitators).where(inArray(facilitators.email, emails))
      : [];
    const onSession = known.length
      ? await tx
          .select({ facilitatorId: sessionFacilitators.facilitatorId })
          .from(sessionFacilitators)
          .where(and(eq(sessionFacilitators.sessionId, session.id), inArray(sessionFacilitators.facilitatorId, known.map((k) => k.id))))
      : [];
    const byEmail = new Map(known.map((k) => [k.email, k]));
    const registered = new Set(onSession.map((o) => o.facilitatorId));
    const [{ n }] = await tx.select({ n: sql<number>`count(*)` }).from(sessionFacilitators).where(eq(sessionFacilitators.sessionId, session.id));
    const slotsLeft = expectedFacilitators(session) - Number(n);
    const invited: string[] = [];
    const refused: Refusal[] = [];
    for (const { email, invalid } of entries) {
      const person = byEmail.get(email);
      if (invalid) refused.push({ email, reason: 'invalid_email' });
      else if (person?.ofCompliant === false) refused.push({ email, reason: 'not_of_compliant' });
      else if (person && registered.has(person.id)) refused.push({ email, reason: 'already_registered' });
      else if (slotsLeft <= 0) refused.push({ email, reason: 'no_slot_left' });
      else invited.push(email);
    }
    // An address nobody knew becomes a facilitator record (compliance unknown), so a magic link reaches it.
    const unknown = invited.filter((email) => !byEmail.has(email));
    if (unknown.length) {
      await tx
        .insert(facilitators)
        .values(unknown.map((email) => ({ id: crypto.randomUUID(), email, name: '', ofCompliant: null, createdAt: now })))
        .onConflictDoNothing();
    }
    // Inviting again replaces the previous invitation.
    await revokePreviousInvitations(tx, now, session.id, 'facilitator_invite', invited);
    await sendInvitations(tx, deps, now, {
      purpose: 'facilitator_invite',
      template: 'facilitator_invitation',
      session,
      expiresAt: now + INVITATION_TTL,
      emails: invited,
      data: (tokenId) => ({ tokenId, session: sessionInfo(session), organizationName: organization.name, coordinatorName: coordinator?.name || coordinator?.email || '' }),
    });
    return { invited, refused };
  });
  deps.kickOutbox?.();
  return result;
}

const FACILITATOR_TOKENS = ['facilitator_link', 'facilitator_invite'] as const;

/** What an invitation (shareable link or personal) leads to, for the accept page. Public. */
export async function invitation(deps: Deps, secret: string) {
  const { db } = deps.database;
  const now = deps.clock.now();
  const token = await findUsableToken(db, secret, [...FACILITATOR_TOKENS], now);
  const row = token?.sessionId ? await loadSession(db, token.sessionId) : null;
  if (!token || !row) throw new DomainError('invalid_token');
  const { session: s, mission, organization } = row;
  if (token.purpose === 'facilitator_link' && s.facilitatorLinkId !== token.id) throw new DomainError('invalid_token');
  const [{ n }] = await db.select({ n: sql<number>`count(*)` }).from(sessionFacilitators).where(eq(sessionFacilitators.sessionId, s.id));
  const coordinator = await db.query.facilitators.findFirst({ where: eq(facilitators.id, mission.coordinatorId) });
  const slotsLeft = Math.max(0, expectedFacilitators(s) - Number(n));
  const reason =
    mission.status === 'closed' ? 'mission_closed' : s.status === 'cancelled' ? 'session_cancelled' : s.endsAt <= now ? 'session_ended' : slotsLeft === 0 ? 'no_slot_left' : null;
  return {
    session: sessionView(s),
    organization: { name: organization.name },
    coordinator: { name: coordinator?.name ?? '' },
    slotsLeft,
    personal: token.purpose === 'facilitator_invite',
    open: reason === null,
    reason,
  };
}

/**
 * A signed-in facilitator accepts an invitation. Compliance is checked again (the record, updated from
 * the token's `of` claim); the slot is taken with one conditional insert so slots are never overfilled.
 */
export async function join(deps: Deps, me: Caller, secret: string) {
  const now = deps.clock.now();
  const result = await deps.database.write(async (tx) => {
    const token = await findUsableToken(tx, secret, [...FACILITATOR_TOKENS], now);
    const row = token?.sessionId ? await loadSession(tx, token.sessionId) : null;
    if (!token || !row) throw new DomainError('invalid_token');
    const { session: s, mission } = row;
    if (token.purpose === 'facilitator_link' && s.facilitatorLinkId !== token.id) throw new DomainError('invalid_token');
    const meRow = await tx.query.facilitators.findFirst({ where: eq(facilitators.id, me.facilitatorId) });
    // A personal invitation is for the person invited.
    if (token.purpose === 'facilitator_invite' && token.email && token.email !== (meRow?.email ?? me.email).toLowerCase()) {
      throw new DomainError('invitation_for_someone_else');
    }
    assertMissionOpen(mission);
    assertSessionOpen(s, now);
    if (meRow?.ofCompliant !== true) throw new DomainError('not_of_compliant');
    const already = await tx.query.sessionFacilitators.findFirst({
      where: and(eq(sessionFacilitators.sessionId, s.id), eq(sessionFacilitators.facilitatorId, me.facilitatorId)),
    });
    if (already) throw new DomainError('already_registered');
    const inserted = await tx.run(sql`
      INSERT INTO session_facilitators (session_id, facilitator_id, status, registered_at)
      SELECT ${s.id}, ${me.facilitatorId}, 'remunere', ${now}
      WHERE (SELECT count(*) FROM session_facilitators WHERE session_id = ${s.id}) < ${expectedFacilitators(s)}
      ON CONFLICT DO NOTHING`);
    if (inserted.rowsAffected !== 1) {
      // ON CONFLICT: the same person joined meanwhile (another process); otherwise the slots are full.
      const raced = await tx.query.sessionFacilitators.findFirst({
        where: and(eq(sessionFacilitators.sessionId, s.id), eq(sessionFacilitators.facilitatorId, me.facilitatorId)),
      });
      throw new DomainError(raced ? 'already_registered' : 'no_slot_left');
    }
    if (token.purpose === 'facilitator_invite' && !(await consumeToken(tx, token.id, now))) throw new DomainError('invalid_token');
    await tellCoordinator(tx, now, 'facilitator_joined', row, meRow);
    return { sessionId: s.id };
  });
  deps.kickOutbox?.();
  return result;
}

/** The coordinator hears of a facilitator joining or withdrawing (not of their own moves). */
async function tellCoordinator(
  tx: Tx,
  now: number,
  template: 'facilitator_joined' | 'facilitator_withdrew',
  row: NonNullable<Awaited<ReturnType<typeof loadSession>>>,
  who: typeof facilitators.$inferSelect | undefined,
) {
  const { session: s, mission, organization } = row;
  if (!who || who.id === mission.coordinatorId) return;
  const coordinator = await tx.query.facilitators.findFirst({ where: eq(facilitators.id, mission.coordinatorId) });
  if (!coordinator) return;
  const current = (await tx.query.sessions.findFirst({ where: eq(sessions.id, s.id) })) ?? s;
  const [{ n }] = await tx.select({ n: sql<number>`count(*)` }).from(sessionFacilitators).where(eq(sessionFacilitators.sessionId, s.id));
  await enqueueEmail(tx, now, {
    template,
    to: coordinator.email,
    lang: s.language,
    data: {
      coordinatorName: coordinator.name,
      facilitatorName: who.name,
      facilitatorEmail: who.email,
      missionTitle: mission.title,
      session: sessionInfo(current),
      organizationName: organization.name,
      slotsLeft: Math.max(0, expectedFacilitators(current) - Number(n)),
    },
  });
}

/**
 * I leave a session I am registered on, until it starts; my slot opens again and the coordinator is told.
 * A session I am not on answers NOT_FOUND, as one that does not exist.
 */
export async function withdraw(deps: Deps, me: Caller, sessionId: string) {
  const now = deps.clock.now();
  await deps.database.write(async (tx) => {
    const row = await loadSession(tx, sessionId);
    const where = and(eq(sessionFacilitators.sessionId, sessionId), eq(sessionFacilitators.facilitatorId, me.facilitatorId));
    const on = row ? await tx.query.sessionFacilitators.findFirst({ where }) : undefined;
    if (!row || !on) throw new DomainError('not_found');
    assertMissionOpen(row.mission);
    if (row.session.startsAt <= now) throw new DomainError('session_started');
    await tx.delete(sessionFacilitators).where(where);
    if (me.facilitatorId === row.mission.coordinatorId && row.session.coordinatorFacilitates) {
      await tx.update(sessions).set({ coordinatorFacilitates: false }).where(eq(sessions.id, sessionId));
    }
    if (row.session.status === 'planned') {
      const meRow = await tx.query.facilitators.findFirst({ where: eq(facilitators.id, me.facilitatorId) });
      await tellCoordinator(tx, now, 'facilitator_withdrew', row, meRow);
    }
  });
  deps.kickOutbox?.();
  return { withdrawn: true as const };
}

/** The coordinator sets how a facilitator of a session is paid. `benevole` only on `enseignement` missions. */
export async function setStatus(deps: Deps, me: Caller, input: { sessionId: string; facilitatorId: string; status: FacilitatorStatus }) {
  await sessionFor(deps.database.db, me, input.sessionId);
  return deps.database.write(async (tx) => {
    const { mission, organization } = await sessionFor(tx, me, input.sessionId);
    assertMissionOpen(mission);
    if (input.status === 'benevole' && organization.sector !== 'enseignement') {
      throw new DomainError('benevole_requires_enseignement', { fieldErrors: { status: ['Only on enseignement missions'] } });
    }
    const where = and(eq(sessionFacilitators.sessionId, input.sessionId), eq(sessionFacilitators.facilitatorId, input.facilitatorId));
    const on = await tx.query.sessionFacilitators.findFirst({ where });
    if (!on) throw new DomainError('not_found');
    const requested = await tx.query.retributionLines.findFirst({
      where: and(eq(retributionLines.sessionId, input.sessionId), eq(retributionLines.facilitatorId, input.facilitatorId)),
    });
    if (requested && input.status !== on.status) throw new DomainError('retribution_requested');
    await tx.update(sessionFacilitators).set({ status: input.status }).where(where);
    return { status: input.status };
  });
}

/** The coordinator removes a facilitator from a session (not once their retribution was requested). */
export async function removeFacilitator(deps: Deps, me: Caller, input: { sessionId: string; facilitatorId: string }) {
  await sessionFor(deps.database.db, me, input.sessionId);
  return deps.database.write(async (tx) => {
    const { session, mission } = await sessionFor(tx, me, input.sessionId);
    assertMissionOpen(mission);
    const where = and(eq(sessionFacilitators.sessionId, input.sessionId), eq(sessionFacilitators.facilitatorId, input.facilitatorId));
    const on = await tx.query.sessionFacilitators.findFirst({ where });
    if (!on) throw new DomainError('not_found');
    const requested = await tx.query.retributionLines.findFirst({
      where: and(eq(retributionLines.sessionId, input.sessionId), eq(retributionLines.facilitatorId, input.facilitatorId)),
    });
    if (requested) throw new DomainError('retribution_requested');
    await tx.delete(sessionFacilitators).where(where);
    if (input.facilitatorId === mission.coordinatorId && session.coordinatorFacilitates) {
      await tx.update(sessions).set({ coordinatorFacilitates: false }).where(eq(sessions.id, session.id));
    }
    return { removed: true as const };
  });
}

/** The sessions I am registered on as a facilitator, soonest first. */
export async function mySessions(deps: Deps, me: Caller) {
  const rows = await deps.database.db
    .select({
      s: sessions,
      f: sessionFacilitators,
      missionTitle: missions.title,
      organizationName: organizations.name,
      missionStatus: missions.status,
      coordinatorId: missions.coordinatorId,
      requestId: retributionLines.requestId,
    })
    .from(sessionFacilitators)
    .innerJoin(sessions, eq(sessions.id, sessionFacilitators.sessionId))
    .innerJoin(missions, eq(missions.id, sessions.missionId))
    .innerJoin(organizations, eq(organizations.id, missions.organizationId))
    .leftJoin(
      retributionLines,
      and(eq(retributionLines.sessionId, sessionFacilitators.sessionId), eq(retributionLines.facilitatorId, sessionFacilitators.facilitatorId)),
    )
    .where(eq(sessionFacilitators.facilitatorId, me.facilitatorId))
    .orderBy(asc(sessions.startsAt), asc(sessions.id));
  const now = deps.clock.now();
  return rows.map(({ s, f, missionTitle, organizationName, missionStatus, coordinatorId, requestId }) => ({
    sessionId: s.id,
    missionId: s.missionId,
    missionTitle,
    missionStatus,
    organization: { name: organizationName },
    ...sessionView(s),
    ended: s.endsAt <= now,
    started: s.startsAt <= now,
    myStatus: f.status,
    retribution: requestId ? ('requested' as const) : f.status === 'remunere' ? ('not_requested' as const) : ('not_applicable' as const),
    coordinating: coordinatorId === me.facilitatorId,
    calendarUrl: `${deps.config.appUrl}/calendar/${s.id}.ics`,
  }));
}

/** The facilitator's current calendar feed token: the oldest one not revoked (a race to create it leaves one extra, never used). */
async function currentFeedToken(db: Deps['database']['db'] | Tx, facilitatorId: string) {
  return db.query.tokens.findFirst({
    where: and(eq(tokens.purpose, 'calendar_feed'), eq(tokens.subjectId, facilitatorId), isNull(tokens.revokedAt)),
    orderBy: [asc(tokens.createdAt), asc(tokens.id)],
  });
}

async function feedUrl(deps: Deps, tokenId: string) {
  const url = `${deps.config.appUrl}/calendar/feed/${await secretFor(deps.config.authSecret, tokenId)}.ics`;
  return { url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
}

/** A secret ICS feed of all my sessions (created on first ask; only its id and hash are stored). */
export async function calendarFeed(deps: Deps, me: Caller) {
  const existing = await currentFeedToken(deps.database.db, me.facilitatorId);
  if (existing) return feedUrl(deps, existing.id);
  const id = await deps.database.write(async (tx) => {
    const raced = await currentFeedToken(tx, me.facilitatorId);
    if (raced) return raced.id;
    return (await issueToken(tx, deps.config.authSecret, deps.clock.now(), { purpose: 'calendar_feed', subjectId: me.facilitatorId })).id;
  });
  return feedUrl(deps, id);
}

/** Replaces my calendar feed's secret URL; the old one stops answering at once. */
export async function regenerateCalendarFeed(deps: Deps, me: Caller) {
  const now = deps.clock.now();
  const id = await deps.database.write(async (tx) => {
    const old = await tx.select({ id: tokens.id }).from(tokens).where(and(eq(tokens.purpose, 'calendar_feed'), eq(tokens.subjectId, me.facilitatorId), isNull(tokens.revokedAt)));
    for (const t of old) await revokeToken(tx, t.id, now);
    return (await issueToken(tx, deps.config.authSecret, now, { purpose: 'calendar_feed', subjectId: me.facilitatorId })).id;
  });
  return feedUrl(deps, id);
}

/** The sessions behind a feed secret, for `/calendar/feed/<secret>.ics`; null when the secret is not a live feed. */
export async function feedSessions(deps: Deps, secret: string) {
  const token = await findUsableToken(deps.database.db, secret, ['calendar_feed'], deps.clock.now());
  if (!token?.subjectId) return null;
  const rows = await deps.database.db
    .select({ s: sessions, organizationName: organizations.name })
    .from(sessionFacilitators)
    .innerJoin(sessions, eq(sessions.id, sessionFacilitators.sessionId))
    .innerJoin(missions, eq(missions.id, sessions.missionId))
    .innerJoin(organizations, eq(organizations.id, missions.organizationId))
    .where(eq(sessionFacilitators.facilitatorId, token.subjectId))
    .orderBy(asc(sessions.startsAt), asc(sessions.id));
  return rows;
}
