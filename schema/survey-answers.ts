import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sessions } from './sessions.ts';

/**
 * One satisfaction survey answer. No name or email here: `registrationId` links it to its participant
 * only to know who answered (reminders), and is set to null when that person is erased; `tokenId` makes
 * "one answer per survey link" a unique index.
 */
export const surveyAnswers = sqliteTable(
  'survey_answers',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id').notNull().references(() => sessions.id),
    tokenId: text('token_id').notNull(),
    registrationId: text('registration_id'),
    overall: integer('overall').notNull(),
    content: integer('content').notNull(),
    facilitation: integer('facilitation').notNull(),
    recommend: integer('recommend').notNull(),
    takeaway: text('takeaway'),
    comment: text('comment'),
    answeredAt: integer('answered_at').notNull(),
  },
  (t) => [uniqueIndex('survey_answers_token_uq').on(t.tokenId), index('survey_answers_session_idx').on(t.sessionId), index('survey_answers_registration_idx').on(t.registrationId)],
);
