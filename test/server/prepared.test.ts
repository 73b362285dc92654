/**
 * Queries prepared once per client (server/services/prepared.ts) run where they are called: on `db` outside any
 * transaction, on a write transaction inside it (its uncommitted rows seen, rolled back with it), inside a group
 * commit's savepoint; with the same rows and values as the query built in place. On the thin `file:` client and on
 * `@libsql/client` (what Turso and the Workers use).
 */
import { and, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outbox } from '../../schema/index.ts';
import { Database } from '../../server/db.ts';
import { openNodeDatabase } from '../../server/node-db.ts';
import { prepared, preparedSql } from '../../server/services/prepared.ts';

const files: string[] = [];
const opened: Database[] = [];
afterAll(() => {
  for (const d of opened) d.close();
  for (const f of files) for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(f + suffix, { force: true });
});

const clients = {
  thin: (file: string) => openNodeDatabase(`file:${file}`),
  '@libsql/client': async (file: string) => {
    const before = process.env.FRESK_DB_DRIVER;
    process.env.FRESK_DB_DRIVER = 'libsql-client';
    try {
      const d = await openNodeDatabase(`file:${file}`);
      expect(d.client.constructor.name).not.toBe('SqliteClient');
      return d;
    } finally {
      if (before === undefined) delete process.env.FRESK_DB_DRIVER;
      else process.env.FRESK_DB_DRIVER = before;
    }
  },
};

const pending = prepared((db) =>
  db.select({ id: outbox.id, attempts: outbox.attempts, sentAt: outbox.sentAt }).from(outbox).where(eq(outbox.to, sql.placeholder('to'))).orderBy(outbox.id).prepare(),
);
const firstOf = prepared((db) => db.query.outbox.findFirst({ where: and(eq(outbox.to, sql.placeholder('to')), eq(outbox.status, 'pending')) }).prepare());
const insert = preparedSql(
  'run',
  sql`INSERT INTO outbox (id, template, "to", lang, data, status, attempts, next_attempt_at, created_at)
      SELECT ${sql.placeholder('id')}, 't', ${sql.placeholder('to')}, 'fr', '{}', 'pending', 0, 1, 1
      WHERE (SELECT count(*) FROM outbox WHERE "to" = ${sql.placeholder('to')}) < ${sql.placeholder('max')}`,
);
const count = preparedSql('all', sql`SELECT count(*) AS n FROM outbox WHERE "to" = ${sql.placeholder('to')}`);

describe.each(Object.entries(clients))('prepared queries on %s', (_name, open) => {
  async function fresh() {
    const file = join(tmpdir(), `fresk-prepared-${randomUUID()}.db`);
    files.push(file);
    const d = await open(file);
    opened.push(d);
    await d.ready();
    return d;
  }

  it('run inside the write transaction they are called on, and outside it on db', async () => {
    const d = await fresh();
    const to = 'a@example.org';
    // Prepared first inside a transaction: later calls on db still run outside any transaction.
    await d.write(async (tx) => {
      expect((await insert(tx).run({ id: 'r1', to, max: 5 })).rowsAffected).toBe(1);
      expect(await pending(tx).all({ to })).toEqual([{ id: 'r1', attempts: 0, sentAt: null }]);
      // Not committed yet: db's own connection does not see it.
      expect(await pending(d.db).all({ to })).toEqual([]);
      expect(await count(d.db).all({ to })).toEqual([{ n: 0 }]);
    });
    expect(await pending(d.db).all({ to })).toEqual([{ id: 'r1', attempts: 0, sentAt: null }]);
    // Rolled back with the transaction that ran it.
    await expect(
      d.write(async (tx) => {
        await insert(tx).run({ id: 'r2', to, max: 5 });
        expect(await count(tx).all({ to })).toEqual([{ n: 2 }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await count(d.db).all({ to })).toEqual([{ n: 1 }]);
    // The conditional insert's rows affected, as tx.run(sql`…`) answers it.
    expect(await d.write(async (tx) => (await insert(tx).run({ id: 'r3', to, max: 1 })).rowsAffected)).toBe(0);
  });

  it('give the rows the query built in place gives (types, nulls, relational mapping)', async () => {
    const d = await fresh();
    const to = 'b@example.org';
    await d.write((tx) => insert(tx).run({ id: 'b1', to, max: 5 }));
    const built = await d.db.query.outbox.findFirst({ where: and(eq(outbox.to, to), eq(outbox.status, 'pending')) });
    expect(built).toBeDefined();
    expect(await firstOf(d.db).execute({ to })).toEqual(built);
    expect(await d.write((tx) => firstOf(tx).execute({ to }))).toEqual(built);
    expect(await firstOf(d.db).execute({ to: 'nobody@example.org' })).toBeUndefined();
  });

  it('see the rows of the members grouped before them, inside each member savepoint', async () => {
    const d = await fresh();
    const to = 'c@example.org';
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => d.write(async (tx) => (await insert(tx).run({ id: `c${i}`, to, max: 4 })).rowsAffected)),
    );
    expect(results).toEqual([1, 1, 1, 1, 0, 0]);
    expect(await count(d.db).all({ to })).toEqual([{ n: 4 }]);
  });
});
