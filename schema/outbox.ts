import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { LANGUAGES } from '../domain/enums/index.ts';

/**
 * Emails to send, written in the same transaction as the change that causes them. `data` holds the
 * template's values as JSON (token ids, never secrets); the message is rendered when it is sent.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    template: text('template').notNull(),
    to: text('to').notNull(),
    lang: text('lang', { enum: LANGUAGES }).notNull(),
    data: text('data').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'kept'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    providerId: text('provider_id'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
  },
  (t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt), index('outbox_created_idx').on(t.createdAt)],
);
