import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { auditLog, erasedIdentities, facilitators, outbox, registrations, sessionFacilitators, sessions, surveyAnswers, tokens, missions, waitlistEntries } from '../../schema/index.ts';
import type { Deps } from '../context.ts';
import { DomainError } from '../errors.ts';
import { erasureHashes, type Caller } from './identity.ts';
import { scrubPerson } from './scrub.ts';
import { chunks } from './chunks.ts';

/**
 * Personal data on request and by retention (docs/privacy.md). The audit log only ever holds ids, never
 * names or emails, so erasing a person leaves it intact and meaningless about them: it is append-only.
 */

const MONTH = 30 * 24 * 3600_000;

/** Everything stored about an email address: facilitator record and sessions, registrations, messages. */
export async function exportPerson(deps: Deps, email: string) {
  const { db } = deps.database;
  const facilitator = await db.query.facilitators.findFirst({ where: eq(facilitators.email, email) });
  const [onSessions, registered, messages] = await Promise.all([
    facilitator
      ? db
          .select({ sessionId: sessionFacilitators.sessionId, status: sessionFacilitators.status, registeredAt: sessionFacilitators.registeredAt })
          .from(sessionFacilitators)
          .where(eq(sessionFacilitators.facilitatorId, facilitator.id))
      : [],
    db.select().from(registrations).where(eq(registrations.email, email)),
    db.select({ id: outbox.id, template: outbox.template, status: outbox.status, createdAt: outbox.createdAt }).from(outbox).where(eq(outbox.to, email)),
  ]);
  const iso = (t: number) => new Date(t).toISOString();
  return {
    email,
    facilitator: facilitator
      ? {
          facilitatorId: facilitator.id,
          portalId: facilitator.portalId,
          name: facilitator.name,
          ofCompliant: facilitator.ofCompliant,
          createdAt: iso(facilitator.createdAt),
          sessions: onSessions.map((s) => ({ ...s, registeredAt: iso(s.registeredAt) })),
        }
      : null,
    registrations: registered.map((r) => ({ participantId: r.id, sessionId: r.sessionId, name: r.name, email: r.email, registeredAt: iso(r.registeredAt), consentAt: iso(r.consentAt) })),
    emails: messages.map((m) => ({ ...m, createdAt: iso(m.createdAt) })),
  };
}

/**
 * Erases a person on request: their registrations are deleted (seats freed), their facilitator record
 * anonymised (kept so that sessions and paid retributions still add up), the messages addressed to them
 * deleted and their tokens revoked. Audited by ids only.
 */
export async function erasePerson(deps: Deps, me: Caller, email: string) {
  const now = deps.clock.now();
  return deps.database.write(async (tx) => {
    const facilitator = await tx.query.facilitators.findFirst({ where: eq(facilitators.email, email) });
    const regs = await tx.select({ id: registrations.id, name: registrations.name }).from(registrations).where(eq(registrations.email, email));
    const coordinates = facilitator ? await tx.query.missions.findFirst({ where: and(eq(missions.coordinatorId, facilitator.id), eq(missions.status, 'open')) }) : undefined;
    if (coordinates) throw new DomainError('coordinates_open_mission');
    if (regs.length) {
      // Survey answers hold no personal data: they stay in the results, unlinked from the person.
      await tx.update(surveyAnswers).set({ registrationId: null }).where(inArray(surveyAnswers.registrationId, regs.map((r) => r.id)));
      await tx.delete(registrations).where(eq(registrations.email, email));
    }
    await tx.delete(waitlistEntries).where(eq(waitlistEntries.email, email));
    const names = [facilitator?.name, ...regs.map((r) => r.name)].filter((n): n is string => !!n);
    if (facilitator) {
      await tx
        .update(facilitators)
        .set({ name: '', email: `erased-${facilitator.id}@erased.invalid`, portalId: null, ofCompliant: false, erasedAt: now, tokensNotBefore: now })
        .where(eq(facilitators.id, facilitator.id));
      await tx.update(tokens).set({ revokedAt: now }).where(eq(tokens.subjectId, facilitator.id));
    }
    // A bearer token issued before now cannot bring the person back from its claims (sub or email).
    const hashes = await erasureHashes(facilitator?.portalId ?? null, email);
    await tx.insert(erasedIdentities).values(hashes.map((hash) => ({ hash, erasedAt: now }))).onConflictDoUpdate({ target: erasedIdentities.hash, set: { erasedAt: now } });
    await tx.update(tokens).set({ revokedAt: now, email: null }).where(eq(tokens.email, email));
    await tx.delete(outbox).where(eq(outbox.to, email));
    // Copies kept for others (the association's retribution requests and closing notices name the person).
    await scrubPerson(tx, email, names);
    await tx.insert(auditLog).values({
      id: crypto.randomUUID(),
      at: now,
      actorId: me.facilitatorId,
      action: 'person.erased',
      missionId: null,
      detail: JSON.stringify({ facilitatorId: facilitator?.id ?? null, registrations: regs.map((r) => r.id) }),
    });
    return { erased: true as const, facilitator: !!facilitator, registrations: regs.length };
  });
}

/**
 * Retention, run by the scheduled job: participants of missions closed more than `months` ago are
 * anonymised (rows kept so counts stay true), and messages older than that are deleted.
 */
export async function purgeExpiredPersonalData(deps: Deps, months: number) {
  const cutoff = deps.clock.now() - months * MONTH;
  return deps.database.write(async (tx) => {
    const old = await tx
      .select({ id: sessions.id })
      .from(sessions)
      .innerJoin(missions, eq(missions.id, sessions.missionId))
      .where(and(eq(missions.status, 'closed'), lt(missions.closedAt, cutoff)));
    let anonymised = 0;
    if (old.length) {
      for (const ids of chunks(old.map((s) => s.id))) {
        const res = await tx
          .update(registrations)
          .set({ name: '', email: sql`'anonymised-' || ${registrations.id} || '@erased.invalid'` })
          .where(and(inArray(registrations.sessionId, ids), sql`${registrations.email} NOT LIKE 'anonymised-%'`));
        anonymised += res.rowsAffected;
        // Nobody waits for a session of a closed mission any more.
        await tx.delete(waitlistEntries).where(inArray(waitlistEntries.sessionId, ids));
        await tx.update(tokens).set({ email: null }).where(inArray(tokens.sessionId, ids));
      }
    }
    const messages = await tx.delete(outbox).where(and(lt(outbox.createdAt, cutoff), or(eq(outbox.status, 'sent'), eq(outbox.status, 'kept'), eq(outbox.status, 'failed'))));
    return { anonymised, messagesDeleted: messages.rowsAffected };
  });
}
