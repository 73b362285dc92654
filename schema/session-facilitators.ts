import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { sessions } from './sessions.ts';
import { facilitators } from './facilitators.ts';
import { FACILITATOR_STATUSES } from '../domain/enums/index.ts';

/** A facilitator registered on a session, with the status that decides their pay. */
export const sessionFacilitators = sqliteTable(
  'session_facilitators',
  {
    sessionId: text('session_id').notNull().references(() => sessions.id),
    facilitatorId: text('facilitator_id').notNull().references(() => facilitators.id),
    status: text('status', { enum: FACILITATOR_STATUSES }).notNull().default('remunere'),
    registeredAt: integer('registered_at').notNull(),
    /** When the J-1 reminder was queued (null: not yet). */
    remindedAt: integer('reminded_at'),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.facilitatorId] }),
    index('session_facilitators_facilitator_idx').on(t.facilitatorId),
  ],
);
