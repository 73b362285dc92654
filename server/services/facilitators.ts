import { and, eq, inArray, sql } from 'drizzle-orm';
import { facilitators, retributionLines, sessionFacilitators, sessions } from '../../schema/index.ts';
import type { Db, Tx } from '../db.ts';
import type { Deps } from '../context.ts';
import { DomainError } from '../errors.ts';
import { expectedFacilitators, slotsLeft, statusRefusal, takesNoOne } from '../../domain/rules.ts';
import { loadSession, sessionInfo, sessionView, type SessionAccess } from './access.ts';
import type { Caller } from './identity.ts';
import { inviteList, sendInvitations } from './invite-list.ts';
import { enqueueEmail } from './outbox.ts';
import { consumeToken, findUsableToken } from './tokens.ts';
import { sessionTakesPeople, writeByToken, writeSession } from './write.ts';
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
  return writeSession(deps, me, input.sessionId, async (tx, { session, mission, organization }, { now }) => {
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
    await sendInvitations(tx, deps, now, {
      purpose: 'facilitator_invite',
      session,
      ttl: INVITATION_TTL,
      emails: invited,
      data: (tokenId) => ({ tokenId, session: sessionInfo(session), organizationName: organization.name, coordinatorName: coordinator?.name || coordinator?.email || '' }),
    });
    return { invited, refused };
  }, { lock: sessionTakesPeople, kick: true });
}

const FACILITATOR_TOKENS = ['facilitator_link', 'facilitator_invite'] as const;

/** The session an invitation (the session's current shareable link, or a personal one) leads to; `invalid_token` otherwise. */
async function invitationTarget(db: Db | Tx, secret: string, now: number) {
  const token = await findUsableToken(db, secret, [...FACILITATOR_TOKENS], now);
  const row = token?.sessionId ? await loadSession(db, token.sessionId) : null;
  if (!token || !row) throw new DomainError('invalid_token');
  if (token.purpose === 'facilitator_link' && row.session.facilitatorLinkId !== token.id) throw new DomainError('invalid_token');
  return { token, ...row };
}

/** What an invitation (shareable link or personal) leads to, for the accept page. Public. */
export async function invitation(deps: Deps, secret: string) {
  const { db } = deps.database;
  const now = deps.clock.now();
  const { token, session: s, mission, organization } = await invitationTarget(db, secret, now);
  const [{ n }] = await db.select({ n: sql<number>`count(*)` }).from(sessionFacilitators).where(eq(sessionFacilitators.sessionId, s.id));
  const coordinator = await db.query.facilitators.findFirst({ where: eq(facilitators.id, mission.coordinatorId) });
  const left = slotsLeft(s, Number(n));
  const reason = takesNoOne(mission, s, now, left === 0 ? 'no_slot_left' : null);
  return {
    session: sessionView(s),
    organization: { name: organization.name },
    coordinator: { name: coordinator?.name ?? '' },
    slotsLeft: left,
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
  const resolve = async (tx: Tx, now: number) => {
    const target = await invitationTarget(tx, secret, now);
    const meRow = await tx.query.facilitators.findFirst({ where: eq(facilitators.id, me.facilitatorId) });
    // A personal invitation is for the person invited.
    if (target.token.purpose === 'facilitator_invite' && target.token.email && target.token.email !== (meRow?.email ?? me.email).toLowerCase()) {
      throw new DomainError('invitation_for_someone_else');
    }
    return { ...target, meRow };
  };
  return writeByToken(deps, me, resolve, async (tx, row, { now }) => {
    const { token, session: s, meRow } = row;
    if (meRow?.ofCompliant !== true) throw new DomainError('not_of_compliant');
    const mine = () => tx.query.sessionFacilitators.findFirst({ where: and(eq(sessionFacilitators.sessionId, s.id), eq(sessionFacilitators.facilitatorId, me.facilitatorId)) });
    if (await mine()) throw new DomainError('already_registered');
    const inserted = await tx.run(sql`
      INSERT INTO session_facilitators (session_id, facilitator_id, status, registered_at)
      SELECT ${s.id}, ${me.facilitatorId}, 'remunere', ${now}
      WHERE (SELECT count(*) FROM session_facilitators WHERE session_id = ${s.id}) < ${expectedFacilitators(s)}
      ON CONFLICT DO NOTHING`);
    // ON CONFLICT: the same person joined meanwhile (another process); otherwise the slots are full.
    if (inserted.rowsAffected !== 1) throw new DomainError((await mine()) ? 'already_registered' : 'no_slot_left');
    if (token.purpose === 'facilitator_invite' && !(await consumeToken(tx, token.id, now))) throw new DomainError('invalid_token');
    await tellCoordinator(tx, now, 'facilitator_joined', row, meRow);
    return { sessionId: s.id };
  }, { lock: sessionTakesPeople, kick: true });
}

/** The coordinator hears of a facilitator joining or withdrawing (not of their own moves). */
async function tellCoordinator(
  tx: Tx,
  now: number,
  template: 'facilitator_joined' | 'facilitator_withdrew',
  row: SessionAccess,
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
      slotsLeft: slotsLeft(current, Number(n)),
    },
  });
}

/**
 * I leave a session I am registered on, until it starts; my slot opens again and the coordinator is told.
 * A session I am not on answers NOT_FOUND, as one that does not exist.
 */
export async function withdraw(deps: Deps, me: Caller, sessionId: string) {
  await writeSession(deps, me, sessionId, async (tx, row, { now }) => {
    if (row.session.startsAt <= now) throw new DomainError('session_started');
    await leave(tx, row, me.facilitatorId);
    if (row.session.status === 'planned') {
      const meRow = await tx.query.facilitators.findFirst({ where: eq(facilitators.id, me.facilitatorId) });
      await tellCoordinator(tx, now, 'facilitator_withdrew', row, meRow);
    }
  }, { access: 'registered', kick: true });
  return { withdrawn: true as const };
}

/** A facilitator leaves a session's sheet; the coordinator leaving stops facilitating it. */
async function leave(tx: Tx, { session, mission }: SessionAccess, facilitatorId: string) {
  await tx.delete(sessionFacilitators).where(and(eq(sessionFacilitators.sessionId, session.id), eq(sessionFacilitators.facilitatorId, facilitatorId)));
  if (facilitatorId === mission.coordinatorId && session.coordinatorFacilitates) {
    await tx.update(sessions).set({ coordinatorFacilitates: false }).where(eq(sessions.id, session.id));
  }
}

/** A facilitator on a session (NOT_FOUND otherwise), and whether their retribution was requested. */
async function facilitatorOn(tx: Tx, sessionId: string, facilitatorId: string) {
  const on = await tx.query.sessionFacilitators.findFirst({ where: and(eq(sessionFacilitators.sessionId, sessionId), eq(sessionFacilitators.facilitatorId, facilitatorId)) });
  if (!on) throw new DomainError('not_found');
  const requested = !!(await tx.query.retributionLines.findFirst({ where: and(eq(retributionLines.sessionId, sessionId), eq(retributionLines.facilitatorId, facilitatorId)) }));
  return { on, requested };
}

/** The coordinator sets how a facilitator of a session is paid. `benevole` only on `enseignement` missions. */
export async function setStatus(deps: Deps, me: Caller, input: { sessionId: string; facilitatorId: string; status: FacilitatorStatus }) {
  return writeSession(deps, me, input.sessionId, async (tx, { organization }) => {
    const refusal = statusRefusal(organization.sector, input.status);
    if (refusal) throw new DomainError(refusal, { fieldErrors: { status: ['Only on enseignement missions'] } });
    const { on, requested } = await facilitatorOn(tx, input.sessionId, input.facilitatorId);
    if (requested && input.status !== on.status) throw new DomainError('retribution_requested');
    await tx
      .update(sessionFacilitators)
      .set({ status: input.status })
      .where(and(eq(sessionFacilitators.sessionId, input.sessionId), eq(sessionFacilitators.facilitatorId, input.facilitatorId)));
    return { status: input.status };
  });
}

/** The coordinator removes a facilitator from a session (not once their retribution was requested). */
export async function removeFacilitator(deps: Deps, me: Caller, input: { sessionId: string; facilitatorId: string }) {
  return writeSession(deps, me, input.sessionId, async (tx, row) => {
    if ((await facilitatorOn(tx, input.sessionId, input.facilitatorId)).requested) throw new DomainError('retribution_requested');
    await leave(tx, row, input.facilitatorId);
    return { removed: true as const };
  });
}
