import { sqliteTable, text, integer, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sessions } from './sessions.ts';

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
    /** When the J-1 reminder was queued (null: not yet). */
    remindedAt: integer('reminded_at'),
  },
  (t) => [uniqueIndex('registrations_session_email_uq').on(t.sessionId, t.email)],
);
