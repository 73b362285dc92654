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
    createdAt: integer('created_at').notNull(),
    /** Staff's own word on compliance (admin.setFacilitator); once set, the portal's `of` claim no longer changes `ofCompliant`. */
    staffOfCompliant: integer('staff_of_compliant', { mode: 'boolean' }),
    /** Bearer tokens issued before this instant (ms) are refused: staff revoked them, or the person was erased. */
    tokensNotBefore: integer('tokens_not_before'),
    /** Set when the person was erased: no token brings the anonymised record back. */
    erasedAt: integer('erased_at'),
  },
  (t) => [uniqueIndex('facilitators_email_uq').on(t.email), uniqueIndex('facilitators_portal_id_uq').on(t.portalId)],
);
