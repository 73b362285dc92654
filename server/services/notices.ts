import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import { facilitators, missions, organizations, registrations, sessionFacilitators, sessions, tokens, waitlistEntries } from '../../schema/index.ts';
import type { Deps } from '../context.ts';
import type { Db, Tx } from '../db.ts';
import type { TemplateData } from '../emails/index.ts';
import { sessionEnded } from '../../domain/rules.ts';
import { sessionInfo, type OrganizationRow, type SessionRow } from './access.ts';
import { missionOpenSql } from './rules-sql.ts';
import { enqueueEmails } from './outbox.ts';
import type { InvitationState } from '../../domain/enums/index.ts';

const DAY = 24 * 3600_000;

/** Everyone on a session: registered participants (with their cancel link) and facilitators (coordinator included). */
async function peopleOn(tx: Tx, sessionId: string) {
  const [parts, facs] = await Promise.all([
    tx.select({ name: registrations.name, email: registrations.email, cancelTokenId: registrations.cancelTokenId }).from(registrations).where(eq(registrations.sessionId, sessionId)),
    tx
      .select({ name: facilitators.name, email: facilitators.email })
      .from(sessionFacilitators)
      .innerJoin(facilitators, eq(facilitators.id, sessionFacilitators.facilitatorId))
      .where(eq(sessionFacilitators.sessionId, sessionId)),
  ]);
  return [...parts.map((p) => ({ ...p, role: 'participant' as const })), ...facs.map((f) => ({ ...f, role: 'facilitator' as const, cancelTokenId: undefined }))];
}

type NoticeTemplate = 'session_changed' | 'session_reminder' | 'session_cancelled';
type OnSession = { name: string; email: string; role: 'participant' | 'facilitator'; cancelTokenId?: string };

/**
 * Queues one notice of a session to each person on it: what the change notice, the J-1 reminder and the
 * cancellation share (who reads it, the session, its calendar file's UID and SEQUENCE, a participant's
 * cancel link), plus the template's own fields (`extra`).
 */
export async function tellPeople<N extends NoticeTemplate>(
  tx: Tx,
  now: number,
  template: N,
  session: SessionRow,
  organizationName: string,
  people: OnSession[],
  extra: Omit<TemplateData<N>, 'name' | 'role' | 'sessionId' | 'sequence' | 'session' | 'organizationName' | 'createdAt' | 'cancelTokenId'>,
) {
  await enqueueEmails(
    tx,
    now,
    people.map((p) => ({
      template,
      to: p.email,
      lang: session.language,
      data: {
        name: p.name,
        role: p.role,
        sessionId: session.id,
        sequence: session.sequence,
        session: sessionInfo(session),
        organizationName,
        createdAt: now,
        ...extra,
        ...(p.cancelTokenId && { cancelTokenId: p.cancelTokenId }),
      } as TemplateData<N>,
    })),
  );
}

/**
 * The session's time or place changed: everyone on it gets the new details and a calendar file with the
 * same UID and the new SEQUENCE, in the transaction of the change. A new date also re-arms the J-1 reminder.
 */
export async function notifySessionChanged(tx: Tx, now: number, before: SessionRow, after: SessionRow, organization: OrganizationRow, moved: boolean) {
  if (moved) {
    await tx.update(registrations).set({ remindedAt: null }).where(eq(registrations.sessionId, after.id));
    await tx.update(sessionFacilitators).set({ remindedAt: null }).where(eq(sessionFacilitators.sessionId, after.id));
  }
  if (after.endsAt <= now && before.endsAt <= now) return; // correcting a past session's record tells no one
  await tellPeople(tx, now, 'session_changed', after, organization.name, await peopleOn(tx, after.id), { previous: sessionInfo(before) });
}

/**
 * The J-1 reminder, run by the scheduled job: for each planned session of an open mission starting within
 * 24 hours, each participant and facilitator not yet reminded gets one — except those who joined when the
 * start was already less than 24 hours away. Marking and queuing happen in one transaction, and the mark
 * is a conditional UPDATE … RETURNING, so concurrent runs never send twice.
 */
export async function sendReminders(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.database.db
    .select({ s: sessions, organization: organizations })
    .from(sessions)
    .innerJoin(missions, eq(missions.id, sessions.missionId))
    .innerJoin(organizations, eq(organizations.id, missions.organizationId))
    .where(and(eq(sessions.status, 'planned'), missionOpenSql('missions'), gt(sessions.startsAt, now), lte(sessions.startsAt, now + DAY)))
    .orderBy(asc(sessions.startsAt));
  let sent = 0;
  for (const { s, organization } of due) {
    sent += await deps.database.write(async (tx) => {
      const current = await tx.query.sessions.findFirst({ where: eq(sessions.id, s.id) });
      if (!current || current.status !== 'planned' || current.startsAt <= now || current.startsAt > now + DAY) return 0;
      const cutoff = current.startsAt - DAY;
      const parts = await tx
        .update(registrations)
        .set({ remindedAt: now })
        .where(and(eq(registrations.sessionId, s.id), isNull(registrations.remindedAt), lte(registrations.registeredAt, cutoff)))
        .returning({ name: registrations.name, email: registrations.email, cancelTokenId: registrations.cancelTokenId });
      const facIds = await tx
        .update(sessionFacilitators)
        .set({ remindedAt: now })
        .where(and(eq(sessionFacilitators.sessionId, s.id), isNull(sessionFacilitators.remindedAt), lte(sessionFacilitators.registeredAt, cutoff)))
        .returning({ id: sessionFacilitators.facilitatorId });
      const facs = facIds.length
        ? await tx.select({ name: facilitators.name, email: facilitators.email }).from(facilitators).where(inArray(facilitators.id, facIds.map((f) => f.id)))
        : [];
      const people = [...parts.map((p) => ({ ...p, role: 'participant' as const })), ...facs.map((f) => ({ ...f, role: 'facilitator' as const, cancelTokenId: undefined }))];
      await tellPeople(tx, now, 'session_reminder', current, organization.name, people, {});
      return people.length;
    });
  }
  if (sent) deps.kickOutbox?.();
  return sent;
}

/**
 * Personal invitations of a session, oldest first, with their state: `used` (the facilitator joined with
 * it; the participant is registered or waiting), `revoked` (replaced by a newer one), `expired` (past its
 * date or the session's end), else `pending`.
 */
export async function invitationsOf(db: Db | Tx, sessionId: string, now: number) {
  const [rows, session, regs, waiting] = await Promise.all([
    db
      .select()
      .from(tokens)
      .where(and(eq(tokens.sessionId, sessionId), inArray(tokens.purpose, ['facilitator_invite', 'participant_invite'])))
      .orderBy(asc(tokens.createdAt), sql`rowid`),
    db.query.sessions.findFirst({ where: eq(sessions.id, sessionId) }),
    db.select({ email: registrations.email }).from(registrations).where(eq(registrations.sessionId, sessionId)),
    db.select({ email: waitlistEntries.email }).from(waitlistEntries).where(eq(waitlistEntries.sessionId, sessionId)),
  ]);
  const present = new Set([...regs, ...waiting].map((r) => r.email));
  const ended = !!session && sessionEnded(session, now);
  return rows
    .filter((t) => t.email !== null)
    .map((t) => {
      const participant = t.purpose === 'participant_invite';
      const state: InvitationState =
        t.usedAt !== null || (participant && t.revokedAt === null && present.has(t.email!))
          ? 'used'
          : t.revokedAt !== null
            ? 'revoked'
            : (t.expiresAt !== null && t.expiresAt <= now) || ended
              ? 'expired'
              : 'pending';
      return { email: t.email!, kind: participant ? ('participant' as const) : ('facilitator' as const), invitedAt: new Date(t.createdAt).toISOString(), state };
    });
}
