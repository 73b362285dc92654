import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { missions } from './missions.ts';
import { sessions } from './sessions.ts';
import { facilitators } from './facilitators.ts';

/** A monthly retribution request; one per mission per Paris calendar month (`period` = YYYY-MM). */
export const retributionRequests = sqliteTable(
  'retribution_requests',
  {
    id: text('id').primaryKey(),
    missionId: text('mission_id').notNull().references(() => missions.id),
    period: text('period').notNull(),
    requestedAt: integer('requested_at').notNull(),
    requestedBy: text('requested_by').notNull(),
    /** When staff marked the request handled (paid or passed on); null while pending. */
    processedAt: integer('processed_at'),
  },
  (t) => [uniqueIndex('retribution_requests_mission_period_uq').on(t.missionId, t.period), index('retribution_requests_time_idx').on(t.requestedAt)],
);

/** One facilitator's pay for one ended session, requested once. */
export const retributionLines = sqliteTable(
  'retribution_lines',
  {
    requestId: text('request_id').notNull().references(() => retributionRequests.id),
    sessionId: text('session_id').notNull().references(() => sessions.id),
    facilitatorId: text('facilitator_id').notNull().references(() => facilitators.id),
  },
  (t) => [uniqueIndex('retribution_lines_session_facilitator_uq').on(t.sessionId, t.facilitatorId), index('retribution_lines_request_idx').on(t.requestId)],
);

/** The coordinator's fee, recorded when the mission is closed. */
export const coordinationRetributions = sqliteTable('coordination_retributions', {
  missionId: text('mission_id').primaryKey().references(() => missions.id),
  facilitatorId: text('facilitator_id').notNull().references(() => facilitators.id),
  recordedAt: integer('recorded_at').notNull(),
  /** When staff marked the fee handled; null while pending. */
  processedAt: integer('processed_at'),
});
