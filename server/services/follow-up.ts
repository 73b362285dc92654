import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { facilitators, registrations, sessionFacilitators, sessions, surveyAnswers } from '../../schema/index.ts';
import type { AttestationData } from '../attestation/attestation.ts';
import type { Deps } from '../context.ts';
import type { Db, Tx } from '../db.ts';
import { DomainError } from '../errors.ts';
import { followUpRefusal } from '../../domain/rules.ts';
import { loadSession, missionFor, sessionFor, sessionInfo, type SessionAccess } from './access.ts';
import { writeSession } from './write.ts';
import type { Caller } from './identity.ts';
import { enqueueEmails } from './outbox.ts';
import { findUsableToken, issueTokens } from './tokens.ts';

/** The facilitators' names as the attestation prints them, in the order they joined. */
async function facilitatorNames(db: Db | Tx, sessionId: string): Promise<string[]> {
  const rows = await db
    .select({ name: facilitators.name, email: facilitators.email })
    .from(sessionFacilitators)
    .innerJoin(facilitators, eq(facilitators.id, sessionFacilitators.facilitatorId))
    .where(eq(sessionFacilitators.sessionId, sessionId))
    .orderBy(asc(sessionFacilitators.registeredAt), asc(facilitators.id));
  return rows.map((r) => r.name || r.email).filter((n) => !n.endsWith('@erased.invalid'));
}

const issuerOf = (deps: Deps): AttestationData['issuer'] => ({ name: deps.config.issuerName, ofNumber: deps.config.ofNumber ?? null });

/**
 * Sends the follow-up (attestation and survey link) to every participant marked present who has not had
 * it. Exactly once per person whatever the concurrency: the participants are claimed by one conditional
 * UPDATE … WHERE follow_up_sent_at IS NULL … RETURNING in the same transaction that queues their email, and
 * the outbox then delivers each message once (its id is the provider's idempotency key).
 */
export async function sendFollowUp(deps: Deps, me: Caller, sessionId: string) {
  // Exempt from the closed-mission lock (API.md: sending the follow-up stays possible after closing).
  const lock = (row: SessionAccess, now: number) => followUpRefusal(row.session, now);
  const sent = await writeSession(deps, me, sessionId, async (tx, { session: s, organization }, { now }) => {
    const claimed = await tx
      .update(registrations)
      .set({ followUpSentAt: now, followUpTokenId: sql`lower(hex(randomblob(16)))` })
      .where(and(eq(registrations.sessionId, s.id), eq(registrations.attendance, 'present'), isNull(registrations.followUpSentAt)))
      .returning({ id: registrations.id, name: registrations.name, email: registrations.email, tokenId: registrations.followUpTokenId });
    if (!claimed.length) throw new DomainError('nothing_to_send');
    await issueTokens(
      tx,
      deps.config.authSecret,
      now,
      claimed.map((p) => ({ id: p.tokenId!, purpose: 'follow_up' as const, sessionId: s.id, email: p.email, subjectId: p.id })),
    );
    const names = await facilitatorNames(tx, s.id);
    await enqueueEmails(
      tx,
      now,
      claimed.map((p) => ({
        template: 'follow_up' as const,
        to: p.email,
        lang: s.language,
        data: {
          registrationId: p.id,
          tokenId: p.tokenId!,
          participantName: p.name,
          session: sessionInfo(s),
          organizationName: organization.name,
          facilitators: names,
          issuer: issuerOf(deps),
          issuedAt: now,
        },
      })),
    );
    return claimed.length;
  }, { access: 'team', lock, kick: true });
  return { sent };
}

/** The participant and session behind a follow-up link (attestation, survey); `invalid_token` otherwise. */
export async function followUpTarget(db: Db | Tx, secret: string, now: number) {
  const token = await findUsableToken(db, secret, ['follow_up'], now);
  const reg = token?.subjectId ? await db.query.registrations.findFirst({ where: eq(registrations.id, token.subjectId) }) : undefined;
  const row = reg ? await loadSession(db, reg.sessionId) : null;
  if (!token || !reg || !row || reg.followUpTokenId !== token.id) throw new DomainError('invalid_token');
  return { token, reg, ...row };
}

/** What the attestation of a follow-up link prints; null when the link is not valid. */
export async function attestationFor(deps: Deps, secret: string): Promise<AttestationData | null> {
  const { db } = deps.database;
  try {
    const { reg, session: s, organization } = await followUpTarget(db, secret, deps.clock.now());
    return {
      lang: s.language,
      participantName: reg.name,
      session: sessionInfo(s),
      organizationName: organization.name,
      facilitators: await facilitatorNames(db, s.id),
      issuer: issuerOf(deps),
      issuedAt: reg.followUpSentAt ?? deps.clock.now(),
    };
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null);

/** Net promoter score: share of 9–10 minus share of 0–6, in percent, rounded half away from zero; null without answers. */
export function netPromoterScore(scores: number[]): number | null {
  if (!scores.length) return null;
  const net = 100 * (scores.filter((x) => x >= 9).length - scores.filter((x) => x <= 6).length);
  const sign = net < 0 ? -1 : 1;
  // Integer arithmetic up to the last step: round(|net| / n) as (2|net| + n) div 2n.
  return sign * Math.floor((2 * Math.abs(net) + scores.length) / (2 * scores.length)) || 0;
}

/** The satisfaction results of a mission or a session, with no name or email and nothing per person. */
export async function followUpResults(deps: Deps, me: Caller, input: { missionId?: string; sessionId?: string }) {
  const { db } = deps.database;
  let sessionIds: string[];
  if (input.sessionId !== undefined) {
    sessionIds = [(await sessionFor(db, me, input.sessionId)).session.id];
  } else {
    const { mission } = await missionFor(db, me, input.missionId ?? '');
    sessionIds = (await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.missionId, mission.id))).map((r) => r.id);
  }
  if (!sessionIds.length) return emptyResults();
  const [counts] = await db
    .select({
      present: sql<number>`coalesce(sum(${registrations.attendance} = 'present'), 0)`,
      sent: sql<number>`coalesce(sum(${registrations.followUpSentAt} IS NOT NULL), 0)`,
    })
    .from(registrations)
    .where(inArray(registrations.sessionId, sessionIds));
  const answers = await db
    .select()
    .from(surveyAnswers)
    .where(inArray(surveyAnswers.sessionId, sessionIds))
    .orderBy(asc(surveyAnswers.answeredAt), asc(surveyAnswers.id));
  const sent = Number(counts.sent);
  return {
    present: Number(counts.present),
    sent,
    responses: answers.length,
    /** Responses over follow-ups sent, between 0 and 1 (two decimals); null before any was sent. */
    responseRate: sent ? Math.round((Math.min(answers.length, sent) / sent) * 100) / 100 : null,
    averages: {
      overall: mean(answers.map((a) => a.overall)),
      content: mean(answers.map((a) => a.content)),
      facilitation: mean(answers.map((a) => a.facilitation)),
    },
    nps: netPromoterScore(answers.map((a) => a.recommend)),
    comments: answers
      .filter((a) => a.takeaway || a.comment)
      .map((a) => ({ sessionId: a.sessionId, takeaway: a.takeaway ?? null, comment: a.comment ?? null })),
  };
}

function emptyResults() {
  return { present: 0, sent: 0, responses: 0, responseRate: null, averages: { overall: null, content: null, facilitation: null }, nps: null, comments: [] };
}
