import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/** Append-only record of money-related actions (triggers in the migration refuse UPDATE and DELETE). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: integer('at').notNull(),
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    missionId: text('mission_id'),
    detail: text('detail').notNull(),
  },
  (t) => [index('audit_log_mission_idx').on(t.missionId, t.at)],
);
