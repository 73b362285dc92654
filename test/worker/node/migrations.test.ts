/**
 * On Node: the runtime-neutral migrator (server/migrations.ts, used by the Worker and `npm run db:migrate`)
 * and drizzle's node migrator (server/node-db.ts) keep the same bookkeeping, so the Node server and the
 * Worker can share one Turso database; the bundled SQL matches schema/migrations; db:migrate works over
 * the Hrana HTTP protocol against the Turso stand-in.
 */
import { createClient, type Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../../server/db-migrate.ts';
import { bundleIsFresh, migrationsFolder, readMigrationsFolder } from '../../../server/gen-migrations.ts';
import { migrations as bundled } from '../../../server/migrations.generated.ts';
import { applyMigrations, pendingMigrations } from '../../../server/migrations.ts';
import { startLibsqlHttpServer, type LibsqlHttpServer } from '../../libsql-http-server.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
let server: LibsqlHttpServer | null = null;
const clients: Client[] = [];

async function fresh() {
  server = await startLibsqlHttpServer({ authToken: 'tok' });
  const client = createClient({ url: server.url, authToken: 'tok' });
  clients.push(client);
  return { server, client };
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.close();
  server = null;
});

const bookkeeping = (s: LibsqlHttpServer) => s.query<{ hash: string; created_at: number }>('SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at');
const tableCount = (s: LibsqlHttpServer) => s.query<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type IN ('table', 'trigger')")[0].n;

describe('migrations bundle', () => {
  it('server/migrations.generated.ts matches schema/migrations (hash = drizzle’s)', () => {
    expect(bundleIsFresh()).toBe(true);
    expect(bundled.map((m) => [m.tag, m.when, m.hash])).toEqual(readMigrationsFolder().map((m) => [m.tag, m.when, m.hash]));
  });
});

describe('compatibility with drizzle’s node migrator', () => {
  it('a database migrated by drizzle is up to date for ours', async () => {
    const { server, client } = await fresh();
    await migrate(drizzle(client), { migrationsFolder });
    const before = bookkeeping(server);
    expect(before).toHaveLength(bundled.length);
    expect(await pendingMigrations(client)).toEqual([]);
    expect(await applyMigrations(client)).toEqual([]);
    expect(bookkeeping(server)).toEqual(before);
  });

  it('a database migrated by ours is up to date for drizzle, with identical rows', async () => {
    const { server, client } = await fresh();
    expect(await applyMigrations(client)).toEqual(bundled.map((m) => m.tag));
    const ours = bookkeeping(server);
    const objects = tableCount(server);
    await migrate(drizzle(client), { migrationsFolder });
    expect(bookkeeping(server)).toEqual(ours);
    expect(tableCount(server)).toBe(objects);

    // And the rows are the ones drizzle itself writes.
    const other = await startLibsqlHttpServer();
    const c2 = createClient({ url: other.url });
    await migrate(drizzle(c2), { migrationsFolder });
    expect(bookkeeping(other)).toEqual(ours);
    c2.close();
    await other.close();
  });

  it('applies only what is missing (a database one migration behind)', async () => {
    const { server, client } = await fresh();
    expect(await applyMigrations(client, bundled.slice(0, 1))).toEqual([bundled[0].tag]);
    expect((await pendingMigrations(client)).map((m) => m.tag)).toEqual(bundled.slice(1).map((m) => m.tag));
    expect(await applyMigrations(client)).toEqual(bundled.slice(1).map((m) => m.tag));
    expect(bookkeeping(server)).toHaveLength(bundled.length);
  });

  it('isolates starting at once on a fresh database: all succeed, everything applied once', async () => {
    const { server } = await fresh();
    const many = Array.from({ length: 4 }, () => createClient({ url: server.url, authToken: 'tok' }));
    clients.push(...many);
    const results = await Promise.all(many.map((c) => applyMigrations(c)));
    expect(results.filter((r) => r.length > 0)).toHaveLength(1);
    expect(bookkeeping(server)).toHaveLength(bundled.length);
  });

  it('a failing migration changes nothing (one transaction) and throws', async () => {
    const { server, client } = await fresh();
    const broken = [...bundled, { tag: '9999_broken', when: bundled.at(-1)!.when + 1, hash: 'x', sql: 'CREATE TABLE ok_so_far (a);\n--> statement-breakpoint\nSELEC nonsense' }];
    await applyMigrations(client);
    await expect(applyMigrations(client, broken)).rejects.toThrow();
    expect(server.query("SELECT name FROM sqlite_master WHERE name = 'ok_so_far'")).toEqual([]);
    expect(bookkeeping(server)).toHaveLength(bundled.length);
  });
});

describe('npm run db:migrate', () => {
  it('migrates a Turso-like database over HTTP with its token, then finds it up to date', async () => {
    const { server } = await fresh();
    const lines: string[] = [];
    expect(await migrateDatabase(server.url, 'tok', (l) => lines.push(l))).toEqual(bundled.map((m) => m.tag));
    expect(await migrateDatabase(server.url, 'tok', (l) => lines.push(l))).toEqual([]);
    expect(lines.at(-1)).toMatch(/up to date/);
    await expect(migrateDatabase(server.url, 'wrong-token', () => undefined)).rejects.toThrow();
  });

  it('runs as the npm script, configured by FRESK_DB_URL / FRESK_DB_TOKEN', async () => {
    const { server } = await fresh();
    // Asynchronously: the stand-in answers from this process's event loop.
    const { stdout: out } = await promisify(execFile)('npm', ['run', '--silent', 'db:migrate'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, FRESK_DB_URL: server.url, FRESK_DB_TOKEN: 'tok' },
    });
    expect(out).toMatch(/Applied \d+ migration/);
    expect(bookkeeping(server)).toHaveLength(bundled.length);
  });
});
