import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

/**
 * Identities erased on request, as SHA-256 of `sub:<portal sub>` or `email:<address>` (never the values
 * themselves): a bearer token issued before the erasure cannot recreate the person from its claims.
 */
export const erasedIdentities = sqliteTable('erased_identities', {
  hash: text('hash').primaryKey(),
  erasedAt: integer('erased_at').notNull(),
});
