import { and, asc, eq, isNull } from 'drizzle-orm';
import { missions, organizations, retributionLines, sessionFacilitators, sessions, tokens } from '../../schema/index.ts';
import { retributionState, sessionEnded } from '../../domain/rules.ts';
import type { Deps } from '../context.ts';
import type { Tx } from '../db.ts';
import { sessionView } from './access.ts';
import type { Caller } from './identity.ts';
import { findUsableToken, issueToken, revokeToken, secretFor } from './tokens.ts';

/** A facilitator's own view: the sessions I am on ("Mes sessions") and my secret calendar feed. */

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
    ended: sessionEnded(s, now),
    started: s.startsAt <= now,
    myStatus: f.status,
    retribution: retributionState(f, !!requestId),
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
