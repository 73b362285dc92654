import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { facilitators, missions, organizations, retributionLines, sessionFacilitators, sessions } from '../../schema/index.ts';
import type { Deps } from '../context.ts';
import { DomainError } from '../errors.ts';
import { assertMissionOpen, assertSessionOpen, expectedFacilitators, loadSession, sessionFor, sessionInfo, sessionView } from './access.ts';
import type { Caller } from './identity.ts';
import { inviteList, sendInvitations } from './invite-list.ts';
import { consumeToken, findUsableToken } from './tokens.ts';

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
        .set({ ofCompliant: input.ofCompliant, staffOfCompliant: input.ofCompliant, ...(input.name && { name: input.name }) })
        .where(eq(facilitators.id, row.id));
      return { facilitatorId: row.id };
    }
    const id = crypto.randomUUID();
    await tx.insert(facilitators).values({ id, email: input.email, name: input.name ?? '', ofCompliant: input.ofCompliant, staffOfCompliant: input.ofCompliant, createdAt: now });
    return { facilitatorId: id };
  });
}

type Refusal = { email: string; reason: 'invalid_email' | 'not_of_compliant' | 'already_registered' };

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
    const invited: string[] = [];
    const refused: Refusal[] = [];
    for (const { email, invalid } of entries) {
      const person = byEmail.get(email);
      if (invalid) refused.push({ email, reason: 'invalid_email' });
      else if (person?.ofCompliant === false) refused.push({ email, reason: 'not_of_compliant' });
      else if (person && registered.has(person.id)) refused.push({ email, reason: 'already_registered' });
      else invited.push(email);
    }
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
    assertMissionOpen(mission);
    assertSessionOpen(s, now);
    const meRow = await tx.query.facilitators.findFirst({ where: eq(facilitators.id, me.facilitatorId) });
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
    return { sessionId: s.id };
  });
  return result;
}

/** The coordinator sets how a facilitator of a session is paid. `benevole` only on `enseignement` missions. */
export async function setStatus(deps: Deps, me: Caller, input: { sessionId: string; facilitatorId: string; status: 'remunere' | 'interne' | 'benevole' }) {
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
    .select({ s: sessions, f: sessionFacilitators, missionTitle: missions.title, organizationName: organizations.name, missionStatus: missions.status })
    .from(sessionFacilitators)
    .innerJoin(sessions, eq(sessions.id, sessionFacilitators.sessionId))
    .innerJoin(missions, eq(missions.id, sessions.missionId))
    .innerJoin(organizations, eq(organizations.id, missions.organizationId))
    .where(eq(sessionFacilitators.facilitatorId, me.facilitatorId))
    .orderBy(asc(sessions.startsAt), asc(sessions.id));
  const now = deps.clock.now();
  return rows.map(({ s, f, missionTitle, organizationName, missionStatus }) => ({
    sessionId: s.id,
    missionId: s.missionId,
    missionTitle,
    missionStatus,
    organization: { name: organizationName },
    ...sessionView(s),
    ended: s.endsAt <= now,
    myStatus: f.status,
  }));
}
