import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { missions } from './missions.ts';
import { KINDS, LANGUAGES, LOCATION_MODES, SESSION_STATUSES } from '../domain/enums/index.ts';

/**
 * A workshop or training session planned against a mission. Instants are stored twice: as epoch
 * milliseconds for comparisons and as the ISO string the coordinator sent, returned unchanged.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    missionId: text('mission_id').notNull().references(() => missions.id),
    kind: text('kind', { enum: KINDS }).notNull(),
    title: text('title'),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    startsAtIso: text('starts_at_iso').notNull(),
    endsAtIso: text('ends_at_iso').notNull(),
    timezone: text('timezone').notNull().default('Europe/Paris'),
    locationMode: text('location_mode', { enum: LOCATION_MODES }).notNull(),
    address: text('address'),
    url: text('url'),
    capacity: integer('capacity').notNull(),
    extraFacilitators: integer('extra_facilitators').notNull(),
    coordinatorFacilitates: integer('coordinator_facilitates', { mode: 'boolean' }).notNull(),
    language: text('language', { enum: LANGUAGES }).notNull().default('fr'),
    status: text('status', { enum: SESSION_STATUSES }).notNull().default('planned'),
    /** Token ids of the current shareable links; regenerating points these at new tokens. */
    facilitatorLinkId: text('facilitator_link_id').notNull(),
    signupLinkId: text('signup_link_id').notNull(),
    /** The self check-in link's token id; null on sessions created before check-in existed (issued on first use). */
    checkInLinkId: text('check_in_link_id'),
    /** When the coordinator's attendance reminder was queued (once, 24 h after the end). */
    attendanceRemindedAt: integer('attendance_reminded_at'),
    createdAt: integer('created_at').notNull(),
    /** iCalendar SEQUENCE: grows on every change of time, place or status, so calendars replace the entry. */
    sequence: integer('sequence').notNull().default(0),
  },
  (t) => [index('sessions_mission_idx').on(t.missionId, t.startsAt)],
);
