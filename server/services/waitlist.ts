import { and, asc, eq, sql } from 'drizzle-orm';
import { registrations, waitlistEntries } from '../../schema/index.ts';
import type { Deps } from '../context.ts';
import type { Db, Tx } from '../db.ts';
import { sessionInfo, type OrganizationRow, type SessionRow } from './access.ts';
import { enqueueEmail } from './outbox.ts';
import { prepared } from './prepared.ts';
import { issueToken, revokeToken } from './tokens.ts';

export type WaitlistRow = typeof waitlistEntries.$inferSelect;

/** Order of arrival among entries of the same millisecond: SQLite's rowid grows with each insert. */
const arrival = sql`rowid`;

/** A person's place in the list, 1 for the next to be promoted (order of arrival). */
export async function positionOf(db: Db | Tx, entry: WaitlistRow): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)` })
    .from(waitlistEntries)
    .where(
      and(
        eq(waitlistEntries.sessionId, entry.sessionId),
        sql`(${waitlistEntries.joinedAt} < ${entry.joinedAt} OR (${waitlistEntries.joinedAt} = ${entry.joinedAt} AND rowid < (SELECT rowid FROM waitlist_entries WHERE id = ${entry.id})))`,
      ),
    );
  return Number(n) + 1;
}

/** The list of a session in order, positions numbered from 1. */
export async function waitlistOf(db: Db | Tx, sessionId: string) {
  const rows = await db.query.waitlistEntries.findMany({
    where: eq(waitlistEntries.sessionId, sessionId),
    orderBy: [asc(waitlistEntries.joinedAt), arrival],
  });
  return rows.map((r, i) => ({ participantId: r.id, name: r.name, email: r.email, position: i + 1, joinedAt: new Date(r.joinedAt).toISOString() }));
}

/** A person's entry on a session's list, if any (prepared once per client: every registration asks, issue 19). */
const waitingQuery = prepared((db) =>
  db.query.waitlistEntries.findFirst({ where: and(eq(waitlistEntries.sessionId, sql.placeholder('sessionId')), eq(waitlistEntries.email, sql.placeholder('email'))) }).prepare(),
);
export const findWaiting = (db: Db | Tx, sessionId: string, email: string) => waitingQuery(db).execute({ sessionId, email });

/**
 * Puts a person on a full session's list (the (session, email) unique index makes a repeat the same
 * entry) and emails them their position with a link to leave.
 */
export async function joinWaitlist(tx: Tx, deps: Deps, now: number, s: SessionRow, organization: OrganizationRow, person: { name: string; email: string }) {
  const id = crypto.randomUUID();
  const cancelId = crypto.randomUUID();
  const inserted = await tx
    .insert(waitlistEntries)
    .values({ id, sessionId: s.id, name: person.name, email: person.email, consentAt: now, joinedAt: now, cancelTokenId: cancelId })
    .onConflictDoNothing();
  const entry = (await findWaiting(tx, s.id, person.email))!;
  const position = await positionOf(tx, entry);
  if (inserted.rowsAffected !== 1) return { entry, position, created: false };
  await issueToken(tx, deps.config.authSecret, now, { id: cancelId, purpose: 'cancel', sessionId: s.id, email: person.email, subjectId: id });
  await enqueueEmail(tx, now, {
    template: 'waitlist_joined',
    to: person.email,
    lang: s.language,
    data: { participantName: person.name, position, cancelTokenId: cancelId, session: sessionInfo(s), organizationName: organization.name },
  });
  return { entry, position, created: true };
}

/**
 * Fills the free seats of a session from its waiting list, first come first served, inside the caller's
 * transaction (the one that freed the seat). Each move is one conditional INSERT … SELECT that checks the
 * count against the capacity in the same statement, so no promotion ever exceeds it, whatever runs
 * beside it. Nobody is promoted once the session has started or when it is cancelled.
 */
export async function promoteFromWaitlist(tx: Tx, now: number, s: SessionRow, organization: OrganizationRow): Promise<number> {
  if (s.status !== 'planned' || s.startsAt <= now) return 0;
  let promoted = 0;
  for (;;) {
    const next = await tx.query.waitlistEntries.findFirst({
      where: eq(waitlistEntries.sessionId, s.id),
      orderBy: [asc(waitlistEntries.joinedAt), arrival],
    });
    if (!next) return promoted;
    const moved = await tx.run(sql`
      INSERT INTO registrations (id, session_id, name, email, consent_at, registered_at, cancel_token_id)
      SELECT w.id, w.session_id, w.name, w.email, w.consent_at, ${now}, w.cancel_token_id FROM waitlist_entries w
      WHERE w.id = ${next.id}
        AND (SELECT count(*) FROM registrations WHERE session_id = ${s.id}) < (SELECT capacity FROM sessions WHERE id = ${s.id})
      ON CONFLICT DO NOTHING`);
    if (moved.rowsAffected === 1) {
      await tx.delete(waitlistEntries).where(eq(waitlistEntries.id, next.id));
      const current = (await tx.query.sessions.findFirst({ where: (t, { eq }) => eq(t.id, s.id) })) ?? s;
      await enqueueEmail(tx, now, {
        template: 'waitlist_promoted',
        to: next.email,
        lang: s.language,
        data: {
          registrationId: next.id,
          sessionId: s.id,
          cancelTokenId: next.cancelTokenId,
          participantName: next.name,
          session: sessionInfo(current),
          organizationName: organization.name,
          createdAt: now,
          sequence: current.sequence,
        },
      });
      promoted++;
      continue;
    }
    const already = await tx.query.registrations.findFirst({ where: and(eq(registrations.sessionId, s.id), eq(registrations.email, next.email)) });
    if (!already) return promoted; // no seat left
    // Registered meanwhile by another way: the list entry has no purpose any more.
    await tx.delete(waitlistEntries).where(eq(waitlistEntries.id, next.id));
    await revokeToken(tx, next.cancelTokenId, now);
  }
}
