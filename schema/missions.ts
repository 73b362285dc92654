import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { organizations } from './organizations.ts';
import { facilitators } from './facilitators.ts';
import { KINDS, MISSION_STATUSES } from '../domain/enums/index.ts';

/** A client's order won by a facilitator, who becomes its coordinator. */
export const missions = sqliteTable(
  'missions',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull().references(() => organizations.id),
    coordinatorId: text('coordinator_id').notNull().references(() => facilitators.id),
    title: text('title').notNull(),
    status: text('status', { enum: MISSION_STATUSES }).notNull().default('open'),
    closedAt: integer('closed_at'),
    /** Set by staff once the client was invoiced (closed missions only); the reference is theirs, optional. */
    invoicedAt: integer('invoiced_at'),
    invoiceReference: text('invoice_reference'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('missions_coordinator_idx').on(t.coordinatorId, t.createdAt),
    index('missions_status_idx').on(t.status, t.createdAt),
    // The desk's list of every mission, newest first, one page at a time.
    index('missions_created_idx').on(t.createdAt, t.id),
  ],
);

/** One line of the client's order: how many facilitator interventions of a kind were ordered. */
export const orderLines = sqliteTable(
  'order_lines',
  {
    missionId: text('mission_id').notNull().references(() => missions.id),
    kind: text('kind', { enum: KINDS }).notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.missionId, t.kind] })],
);
