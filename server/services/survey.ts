import { eq } from 'drizzle-orm';
import { surveyAnswers } from '../../schema/index.ts';
import type { Deps } from '../context.ts';
import { DomainError } from '../errors.ts';
import { surveyClosesAt } from '../../domain/rules.ts';
import { sessionView } from './access.ts';
import { unlocked, writeByToken } from './write.ts';
import { followUpTarget } from './follow-up.ts';


/** The fixed questions, in order. */
export const surveyQuestions = [
  { id: 'overall', type: 'rating', min: 1, max: 5, required: true },
  { id: 'content', type: 'rating', min: 1, max: 5, required: true },
  { id: 'facilitation', type: 'rating', min: 1, max: 5, required: true },
  { id: 'recommend', type: 'nps', min: 0, max: 10, required: true },
  { id: 'takeaway', type: 'text', min: 0, max: 2000, required: false },
  { id: 'comment', type: 'text', min: 0, max: 2000, required: false },
] as const;

export interface SurveyAnswers {
  overall: number;
  content: number;
  facilitation: number;
  recommend: number;
  takeaway?: string | null;
  comment?: string | null;
}

/** What the survey page shows. Public, through the participant's follow-up link. */
export async function getSurvey(deps: Deps, token: string) {
  const { db } = deps.database;
  const now = deps.clock.now();
  const { token: t, reg, session: s, organization } = await followUpTarget(db, token, now);
  const answered = !!(await db.query.surveyAnswers.findFirst({ where: eq(surveyAnswers.tokenId, t.id) }));
  const { kind, title, startsAt, endsAt, timezone, language } = sessionView(s);
  return {
    session: { kind, title, startsAt, endsAt, timezone, language },
    organization: { name: organization.name },
    participant: { name: reg.name },
    questions: surveyQuestions,
    answered,
    open: now <= surveyClosesAt(s),
    closesAt: new Date(surveyClosesAt(s)).toISOString(),
  };
}

/** One answer per link, while the survey is open; stored without name or email. */
export async function answerSurvey(deps: Deps, input: { token: string; answers: SurveyAnswers }) {
  // Exempt from the closed-mission lock (API.md: answering surveys stays possible after closing).
  await writeByToken(deps, null, (tx, now) => followUpTarget(tx, input.token, now), async (tx, { token: t, reg, session: s }, { now }) => {
    if (await tx.query.surveyAnswers.findFirst({ where: eq(surveyAnswers.tokenId, t.id) })) throw new DomainError('survey_already_answered');
    if (now > surveyClosesAt(s)) throw new DomainError('survey_closed');
    const a = input.answers;
    const inserted = await tx
      .insert(surveyAnswers)
      .values({
        id: crypto.randomUUID(),
        sessionId: s.id,
        tokenId: t.id,
        registrationId: reg.id,
        overall: a.overall,
        content: a.content,
        facilitation: a.facilitation,
        recommend: a.recommend,
        takeaway: a.takeaway || null,
        comment: a.comment || null,
        answeredAt: now,
      })
      .onConflictDoNothing();
    if (inserted.rowsAffected !== 1) throw new DomainError('survey_already_answered');
  }, { lock: unlocked });
  return { answered: true as const };
}
