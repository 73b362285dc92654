import { createClient } from '@libsql/client';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Database } from './db.ts';

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../schema/migrations');

/** Opens the libSQL database on Node (embedded `file:` or Turso) and applies the committed migrations. */
export async function openNodeDatabase(url: string, authToken?: string): Promise<Database> {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).split('?')[0];
    if (path && path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  const client = createClient({ url, authToken });
  if (url.startsWith('file:')) {
    // WAL lets reads go on while the single writer commits.
    await client.execute('PRAGMA journal_mode = WAL');
  }
  const database = new Database(client);
  await migrate(database.db, { migrationsFolder });
  return database;
}
