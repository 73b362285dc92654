import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { sessions } from './sessions.ts';

/**
 * A person waiting for a seat on a full session. Kept apart from `registrations` so that every count of
 * registered people stays what it was; promotion moves the row (same id, same cancel token) into
 * `registrations` in the transaction that freed the seat.
 */
export const waitlistEntries = sqliteTable(
  'waitlist_entries',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id').notNull().references(() => sessions.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    consentAt: integer('consent_at').notNull(),
    joinedAt: integer('joined_at').notNull(),
    cancelTokenId: text('cancel_token_id').notNull(),
  },
  (t) => [uniqueIndex('waitlist_session_email_uq').on(t.sessionId, t.email), index('waitlist_session_order_idx').on(t.sessionId, t.joinedAt)],
);
