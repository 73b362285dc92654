/**
 * `npm run db:migrate`: applies the committed migrations (schema/migrations) to the database at
 * FRESK_DB_URL (a Turso `libsql://…` URL, with FRESK_DB_TOKEN; `file:` works too) and exits.
 *
 *   FRESK_DB_URL=libsql://fresk-missions-<org>.turso.io FRESK_DB_TOKEN=… npm run db:migrate
 *
 * Same migrator and bookkeeping as the Worker (server/migrations.ts: drizzle's `__drizzle_migrations`),
 * reading the SQL files themselves, so it is never behind the folder. Safe to run again: it applies only
 * what is missing. Exit code 1 on failure.
 */
import { createClient } from '@libsql/client';
import { readMigrationsFolder } from './gen-migrations.ts';
import { applyMigrations, pendingMigrations } from './migrations.ts';

export async function migrateDatabase(url: string, authToken?: string, log: (line: string) => void = console.log): Promise<string[]> {
  const client = createClient({ url, authToken });
  try {
    const migrations = readMigrationsFolder();
    const pending = await pendingMigrations(client, migrations);
    if (pending.length === 0) {
      log(`Database is up to date (${migrations.length} migration(s)).`);
      return [];
    }
    log(`Applying ${pending.map((m) => m.tag).join(', ')} …`);
    const applied = await applyMigrations(client, migrations);
    log(applied.length ? `Applied ${applied.length} migration(s).` : 'Another process applied them meanwhile; up to date.');
    return applied;
  } finally {
    client.close();
  }
}

if (process.argv[1] && (await import('node:url')).fileURLToPath(import.meta.url) === (await import('node:path')).resolve(process.argv[1])) {
  const url = process.env.FRESK_DB_URL;
  if (!url) {
    console.error('Set FRESK_DB_URL (and FRESK_DB_TOKEN for Turso): FRESK_DB_URL=libsql://<db>-<org>.turso.io FRESK_DB_TOKEN=… npm run db:migrate');
    process.exit(1);
  }
  try {
    await migrateDatabase(url, process.env.FRESK_DB_TOKEN || undefined);
  } catch (error) {
    console.error(`db:migrate failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
