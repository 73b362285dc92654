import { createClient } from '@libsql/client';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Database } from './db.ts';
import { createSqliteClient } from './sqlite-client.ts';

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../schema/migrations');

/**
 * Opens the libSQL database on Node (embedded `file:` or Turso) and applies the committed migrations.
 * Turso (`libsql:`, `https:`…) goes through `@libsql/client`; an embedded `file:` through the thin client.
 * With `tolerateUnavailable`, a database that cannot be reached yet does not stop the server: it answers
 * 503 until the database comes back (see Database).
 */
export async function openNodeDatabase(url: string, authToken?: string, opts: { tolerateUnavailable?: boolean } = {}): Promise<Database> {
  const local = url.startsWith('file:');
  if (local) {
    const path = url.slice('file:'.length).split('?')[0];
    if (path && path !== ':memory:') {
      try {
        mkdirSync(dirname(resolve(path)), { recursive: true });
      } catch {
        // reported as database_unavailable below
      }
    }
  }
  // A `file:` database goes through the thin client over `libsql` (prepared statements cached, rows built
  // cheaply: server/sqlite-client.ts); FRESK_DB_DRIVER=libsql-client keeps `@libsql/client` for it too.
  const thin = local && process.env.FRESK_DB_DRIVER !== 'libsql-client';
  const database = new Database(
    () => (thin ? createSqliteClient(url) : createClient({ url, authToken })),
    async (db, client) => {
      // WAL lets reads go on while the single writer commits.
      if (local) await client.execute('PRAGMA journal_mode = WAL');
      await migrate(db, { migrationsFolder });
    },
  );
  try {
    await database.ready();
  } catch (error) {
    if (!opts.tolerateUnavailable) throw error;
    console.error(`[db] database unavailable at start-up (${(error as Error).message}); answering 503 until it comes back`);
  }
  return database;
}
