/**
 * A runtime-neutral migrator: applies the committed SQL migrations (schema/migrations, bundled as text in
 * migrations.generated.ts) over any `@libsql/client` Client — `@libsql/client/web` on Workers, the Node
 * client in `npm run db:migrate`. No fs, no node:* imports, so it can sit in the Workers bundle.
 *
 * Its bookkeeping is drizzle's, exactly: the `__drizzle_migrations` table (id, hash = SHA-256 hex of the
 * migration file, created_at = the journal's `when`), a migration applied when its `when` is newer than the
 * last recorded `created_at`, statements split on `--> statement-breakpoint`, everything in one
 * `client.migrate()` batch (one transaction, foreign keys off while it runs). So a database migrated by
 * drizzle's node migrator (server/node-db.ts) is seen as up to date here, and the other way round: the
 * Node server and the Worker can share one Turso database.
 *
 * Concurrency: several Worker isolates may start on a fresh database at once. Applying is one transaction,
 * so a loser's batch fails as a whole (the tables already exist) and changes nothing; the migrator then
 * reads the bookkeeping again and succeeds if the winner applied everything.
 */
import type { Client } from '@libsql/client';
import { migrations as bundled } from './migrations.generated.ts';

export interface Migration {
  /** The file name without `.sql` (journal `tag`). */
  tag: string;
  /** The journal's `when` (ms): drizzle's `created_at`, the order and the applied-or-not test. */
  when: number;
  /** SHA-256 hex of the whole file, as drizzle records it. */
  hash: string;
  /** The file's text. */
  sql: string;
}

export const MIGRATIONS_TABLE = '__drizzle_migrations';

/** The statements of a migration file, as drizzle splits them. */
export function statementsOf(m: Pick<Migration, 'sql'>): string[] {
  return m.sql.split('--> statement-breakpoint').filter((s) => s.trim() !== '');
}

/** The `created_at` of the last applied migration, or null on a database never migrated. */
async function lastApplied(client: Client): Promise<number | null> {
  const rs = await client.execute(`SELECT created_at FROM "${MIGRATIONS_TABLE}" ORDER BY created_at DESC LIMIT 1`).catch((e: Error) => {
    if (/no such table/i.test(e.message)) return null;
    throw e;
  });
  if (!rs || rs.rows.length === 0) return null;
  return Number(rs.rows[0][0]);
}

/** The migrations not yet applied, in order. One read. */
export async function pendingMigrations(client: Client, migrations: readonly Migration[] = bundled): Promise<Migration[]> {
  const last = await lastApplied(client);
  return [...migrations].sort((a, b) => a.when - b.when).filter((m) => last === null || last < m.when);
}

/**
 * Applies the pending migrations and returns their tags (empty when the database was up to date: one
 * round trip). Throws when a migration fails and the database is still behind.
 */
export async function applyMigrations(client: Client, migrations: readonly Migration[] = bundled): Promise<string[]> {
  const pending = await pendingMigrations(client, migrations);
  if (pending.length === 0) return [];
  const stmts: { sql: string; args: (string | number)[] }[] = [
    { sql: `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`, args: [] },
  ];
  for (const m of pending) {
    for (const sql of statementsOf(m)) stmts.push({ sql, args: [] });
    stmts.push({ sql: `INSERT INTO "${MIGRATIONS_TABLE}" ("hash", "created_at") VALUES (?, ?)`, args: [m.hash, m.when] });
  }
  try {
    await client.migrate(stmts);
  } catch (error) {
    // Another process may have applied the same migrations meanwhile: fine if nothing is left to do.
    if ((await pendingMigrations(client, migrations)).length === 0) return [];
    throw error;
  }
  return pending.map((m) => m.tag);
}

export { bundled as bundledMigrations };
