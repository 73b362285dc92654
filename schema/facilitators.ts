import { sqliteTable, text, integer, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * A facilitator (animateur·ice) known to the system: created from the portal's JWT claims on first use,
 * by staff (`admin.setFacilitator`), or as a mission's coordinator. Emails are stored lower-cased.
 */
export const facilitators = sqliteTable(
  'facilitators',
  {
    id: text('id').primaryKey(),
    portalId: text('portal_id'),
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    /** True or false once staff or the portal said so; null while nobody has (not compliant, but not refused at invite time). */
    ofCompliant: integer('of_compliant', { mode: 'boolean' }),
    /** When staff last said so (`admin.setFacilitator`): from then on their word wins over a portal token's `of` claim. */
    ofSetByStaffAt: integer('of_set_by_staff_at'),
    createdAt: integer('created_at').notNull(),
    /** Bearer tokens issued before this instant (ms) are refused: staff revoked them, or the person was erased. */
    tokensNotBefore: integer('tokens_not_before'),
    /** Set when the person was erased: no token brings the anonymised record back. */
    erasedAt: integer('erased_at'),
  },
  (t) => [uniqueIndex('facilitators_email_uq').on(t.email), uniqueIndex('facilitators_portal_id_uq').on(t.portalId)],
);
