import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { SECTORS } from '../domain/enums/index.ts';

/** A client organisation that ordered workshops or trainings. */
export const organizations = sqliteTable(
  'organizations',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    sector: text('sector', { enum: SECTORS }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('organizations_name_idx').on(t.name, t.sector)],
);
