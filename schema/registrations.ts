import { sqliteTable, text, integer, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sessions } from './sessions.ts';
import { ATTENDANCES, CHECKED_IN_BY, SOURCES } from '../domain/enums/index.ts';

/** A participant registered on a session. One per email per session; the row is deleted on cancel. */
export const registrations = sqliteTable(
  'registrations',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id').notNull().references(() => sessions.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    consentAt: integer('consent_at').notNull(),
    registeredAt: integer('registered_at').notNull(),
    cancelTokenId: text('cancel_token_id').notNull(),
    /** `registered` (a link or an invitation) or `walk_in` (added on the day, not bounded by capacity). */
    source: text('source', { enum: SOURCES }).notNull().default('registered'),
    attendance: text('attendance', { enum: ATTENDANCES }).notNull().default('unknown'),
    /** Set when marked present, cleared otherwise. */
    checkedInAt: integer('checked_in_at'),
    checkedInBy: text('checked_in_by', { enum: CHECKED_IN_BY }),
    /** When the follow-up (attestation and survey link) was queued for this participant: once only. */
    followUpSentAt: integer('follow_up_sent_at'),
    /** The token behind the participant's attestation and survey links (id only; see tokens). */
    followUpTokenId: text('follow_up_token_id'),
    /** When the survey reminder was queued (once, 3 days after the follow-up, if not answered). */
    surveyRemindedAt: integer('survey_reminded_at'),
    /** When the J-1 reminder was queued (null: not yet). */
    remindedAt: integer('reminded_at'),
  },
  (t) => [uniqueIndex('registrations_session_email_uq').on(t.sessionId, t.email)],
);
