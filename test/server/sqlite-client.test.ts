/**
 * The thin `file:` client (server/sqlite-client.ts) against `@libsql/client` on the same statements: the same
 * result shapes (rows by index and by name, columns, rowsAffected, lastInsertRowid), transactions, batches,
 * error codes, and a bounded statement cache.
 */
import { createClient, LibsqlError, type Client, type ResultSet } from '@libsql/client';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteClient, filePathOf, SqliteClient } from '../../server/sqlite-client.ts';

const files: string[] = [];
afterEach(() => {
  for (const f of files.splice(0)) for (const s of ['', '-wal', '-shm']) rmSync(f + s, { force: true });
});

function fresh(): string {
  const file = join(tmpdir(), `fresk-sqlite-client-${randomUUID()}.db`);
  files.push(file);
  return file;
}

const SCHEMA = `
  PRAGMA journal_mode = WAL;
  CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, n INTEGER, r REAL, b BLOB, flag INTEGER);
  CREATE UNIQUE INDEX t_name_uq ON t (name);
  CREATE TABLE u (id INTEGER PRIMARY KEY, t_id INTEGER NOT NULL REFERENCES t(id), label TEXT);
`;

async function both(): Promise<{ thin: SqliteClient; ref: Client; file: string }> {
  const file = fresh();
  const thin = createSqliteClient(`file:${file}`);
  await thin.executeMultiple(SCHEMA);
  const ref = createClient({ url: `file:${file}` });
  return { thin, ref, file };
}

/** Everything a caller can observe of a result set. */
function observed(rs: ResultSet) {
  return {
    columns: rs.columns,
    columnTypes: rs.columnTypes,
    rowsAffected: rs.rowsAffected,
    lastInsertRowid: rs.lastInsertRowid,
    length: rs.rows.length,
    byIndex: rs.rows.map((row) => Array.prototype.slice.call(row)),
    byName: rs.rows.map((row) => rs.columns.map((c) => row[c])),
    keys: rs.rows.map((row) => Object.keys(row)),
    spread: rs.rows.map((row) => ({ ...row })),
    json: JSON.parse(JSON.stringify(rs.rows)),
    lengths: rs.rows.map((row) => row.length),
    toJSON: JSON.parse(JSON.stringify(rs)),
  };
}

describe('the thin file: client (server/sqlite-client.ts)', () => {
  it('answers the same result sets as @libsql/client on the same statements', async () => {
    const { thin, ref } = await both();
    try {
      const writes: [string, unknown[]][] = [
        ['INSERT INTO t (name, n, r, b, flag) VALUES (?, ?, ?, ?, ?)', ['a', 1, 1.5, new Uint8Array([1, 2, 3]).buffer, true]],
        ['INSERT INTO t (name, n, r, b, flag) VALUES (?, ?, ?, ?, ?)', ['b', null, 0, null, false]],
        ['INSERT INTO u (t_id, label) VALUES (?, ?), (?, ?)', [1, 'x', 2, 'y']],
        ['UPDATE t SET n = n + 1 WHERE n IS NOT NULL', []],
        ['DELETE FROM u WHERE label = ?', ['nothing']],
        ['INSERT INTO t (name, n) VALUES (?, ?) RETURNING id, name', ['c', 2 ** 40]],
      ];
      for (const [sql, args] of writes) await thin.execute({ sql, args: args as never });
      const reads: [string, unknown[]][] = [
        ['SELECT * FROM t ORDER BY id', []],
        ['SELECT t.id, u.id, t.name AS label, u.label FROM t JOIN u ON u.t_id = t.id ORDER BY t.id', []],
        ['SELECT count(*) AS n, sum(r) FROM t', []],
        ['SELECT 1', []],
        ['SELECT 5, 1, 7 AS "0"', []],
        ['SELECT name AS "__proto__", id FROM t ORDER BY id', []],
        ['SELECT name FROM t WHERE id = :id', { ':id': 2 } as never],
        ['SELECT name FROM t WHERE id = $id', { id: 2 } as never],
        ['SELECT * FROM t WHERE 0', []],
        ['PRAGMA journal_mode', []],
      ];
      for (const [sql, args] of reads) {
        expect(observed(await thin.execute({ sql, args: args as never })), sql).toEqual(observed(await ref.execute({ sql, args: args as never })));
      }
      // a blob comes back as an ArrayBuffer from both
      const [row] = (await thin.execute('SELECT b FROM t WHERE id = 1')).rows;
      expect(row.b).toBeInstanceOf(ArrayBuffer);
      expect([...new Uint8Array(row.b as ArrayBuffer)]).toEqual([1, 2, 3]);
    } finally {
      thin.close();
      ref.close();
    }
  });

  it('answers the same rowsAffected and lastInsertRowid for writes', async () => {
    const a = createSqliteClient(`file:${fresh()}`);
    const b = createClient({ url: `file:${fresh()}` });
    try {
      for (const c of [a, b] as Client[]) await c.executeMultiple(SCHEMA);
      const writes: [string, unknown[]][] = [
        ['INSERT INTO t (name, n) VALUES (?, ?)', ['a', 1]],
        ['INSERT INTO t (name, n) VALUES (?, ?), (?, ?)', ['b', 2, 'c', 3]],
        ['UPDATE t SET n = n + 1 WHERE n > ?', [1]],
        ['DELETE FROM t WHERE name = ?', ['zzz']],
        ['INSERT INTO t (name) SELECT ? WHERE (SELECT count(*) FROM t) < ?', ['d', 10]],
        ['INSERT INTO t (name) SELECT ? WHERE (SELECT count(*) FROM t) < ?', ['e', 1]],
        ['INSERT INTO t (name, n) VALUES (?, ?) RETURNING id, name', ['f', 2 ** 40]],
      ];
      for (const [sql, args] of writes) {
        expect(observed(await a.execute({ sql, args: args as never })), sql).toEqual(observed(await b.execute({ sql, args: args as never })));
      }
    } finally {
      a.close();
      b.close();
    }
  });

  it('commits and rolls back transactions, with savepoints inside, and reads never see uncommitted rows', async () => {
    const { thin, ref } = await both();
    try {
      const tx = await thin.transaction('write');
      await tx.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['kept'] });
      await tx.execute('SAVEPOINT sp0');
      await tx.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['undone'] });
      await tx.execute('ROLLBACK TO SAVEPOINT sp0');
      await tx.execute('RELEASE SAVEPOINT sp0');
      await tx.execute('SAVEPOINT sp1');
      await tx.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['released'] });
      await tx.execute('RELEASE SAVEPOINT sp1');
      // the shared connection does not see the open transaction's rows
      expect((await thin.execute('SELECT count(*) AS n FROM t')).rows[0].n).toBe(0);
      expect((await tx.execute('SELECT count(*) AS n FROM t')).rows[0].n).toBe(2);
      expect(tx.closed).toBe(false);
      await tx.commit();
      expect(tx.closed).toBe(true);
      await expect(tx.execute('SELECT 1')).rejects.toMatchObject({ code: 'TRANSACTION_CLOSED' });
      expect((await thin.execute('SELECT name FROM t ORDER BY id')).rows.map((r) => r.name)).toEqual(['kept', 'released']);

      const rolled = await thin.transaction();
      await rolled.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['gone'] });
      await rolled.rollback();
      const closed = await thin.transaction();
      await closed.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['gone too'] });
      closed.close();
      expect((await ref.execute('SELECT count(*) FROM t')).rows[0][0]).toBe(2);

      // drizzle's own transaction path through the thin client
      const { drizzle } = await import('drizzle-orm/libsql');
      const { sql } = await import('drizzle-orm');
      const db = drizzle(thin);
      await expect(
        db.transaction(async (t) => {
          await t.run(sql`INSERT INTO t (name) VALUES ('in drizzle')`);
          await t.transaction(async (inner) => {
            await inner.run(sql`INSERT INTO t (name) VALUES ('inner')`);
            throw new Error('inner fails');
          }).catch(() => undefined);
          throw new Error('outer fails');
        }),
      ).rejects.toThrow('outer fails');
      await db.transaction(async (t) => {
        await t.run(sql`INSERT INTO t (name) VALUES ('in drizzle')`);
        await t.transaction(async (inner) => {
          await inner.run(sql`INSERT INTO t (name) VALUES ('inner')`);
          throw new Error('inner fails');
        }).catch(() => undefined);
      });
      expect((await db.all<{ name: string }>(sql`SELECT name FROM t ORDER BY id`)).map((r) => r.name)).toEqual(['kept', 'released', 'in drizzle']);
      expect(await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM t`)).toEqual({ n: 3 });
    } finally {
      thin.close();
      ref.close();
    }
  });

  it('applies a batch all or nothing, and reports the failing statement', async () => {
    const { thin } = await both();
    try {
      const ok = await thin.batch([{ sql: 'INSERT INTO t (name) VALUES (?)', args: ['one'] }, ['INSERT INTO t (name) VALUES (?)', ['two']], 'SELECT count(*) AS n FROM t'], 'write');
      expect(ok.map((r) => r.rowsAffected)).toEqual([1, 1, 0]);
      expect(ok[2].rows[0].n).toBe(2);
      const failed = await thin.batch([{ sql: 'INSERT INTO t (name) VALUES (?)', args: ['three'] }, { sql: 'INSERT INTO t (name) VALUES (?)', args: ['one'] }]).catch((e) => e);
      expect(failed).toBeInstanceOf(LibsqlError);
      expect(failed).toMatchObject({ name: 'LibsqlBatchError', statementIndex: 1, code: 'SQLITE_CONSTRAINT', extendedCode: 'SQLITE_CONSTRAINT_UNIQUE' });
      expect((await thin.execute('SELECT name FROM t ORDER BY id')).rows.map((r) => r.name)).toEqual(['one', 'two']);
      // the shared connection is not left inside a transaction
      const tx = await thin.transaction('write');
      await tx.commit();
    } finally {
      thin.close();
    }
  });

  it('raises the same error codes as @libsql/client (UNIQUE, BUSY, syntax, closed)', async () => {
    const { thin, ref, file } = await both();
    const other = createClient({ url: `file:${file}` });
    try {
      await thin.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['dup'] });
      const errorOf = (c: Client, sql: string, args: unknown[] = []) => c.execute({ sql, args: args as never }).then(() => null, (e: LibsqlError) => e);
      const shape = (e: LibsqlError | null) => e && { ctor: e.constructor.name, name: e.name, code: e.code, extendedCode: e.extendedCode, rawCode: e.rawCode, message: e.message };
      for (const [sql, args] of [
        ['INSERT INTO t (name) VALUES (?)', ['dup']],
        ['INSERT INTO u (t_id) VALUES (?)', [1]],
        ['SELEC nothing', []],
        ['SELECT * FROM nowhere', []],
      ] as [string, unknown[]][]) {
        expect(shape(await errorOf(thin, sql, args)), sql).toEqual(shape(await errorOf(ref, sql, args)));
      }
      // another connection holds the write lock: BUSY at once, as with @libsql/client (no busy timeout)
      const holder = await other.transaction('write');
      await holder.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['held'] });
      const started = Date.now();
      const busyThin = await thin.transaction('write').then(() => null, (e) => e);
      const busyRef = await ref.transaction('write').then(() => null, (e) => e);
      expect(shape(busyThin)).toEqual(shape(busyRef));
      expect(busyThin).toMatchObject({ code: 'SQLITE_BUSY' });
      expect(Date.now() - started).toBeLessThan(2000);
      const busyWrite = await errorOf(thin, 'INSERT INTO t (name) VALUES (?)', ['blocked']);
      expect(shape(busyWrite)).toEqual(shape(await errorOf(ref, 'INSERT INTO t (name) VALUES (?)', ['blocked'])));
      await holder.rollback();
      // reads go on while another connection writes (WAL)
      expect((await thin.execute('SELECT count(*) AS n FROM t')).rows[0].n).toBe(1);

      thin.close();
      expect(thin.closed).toBe(true);
      await expect(thin.execute('SELECT 1')).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
      await expect(thin.transaction()).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
      await thin.reconnect();
      expect((await thin.execute('SELECT count(*) AS n FROM t')).rows[0].n).toBe(1);
      // a file that cannot be opened throws at creation, the same error as createClient's
      const missing = `file:${join(tmpdir(), randomUUID(), 'missing-dir', 'x.db')}`;
      const openError = (open: () => unknown) => {
        try {
          open();
        } catch (e) {
          return { message: (e as Error).message, code: (e as LibsqlError).code };
        }
        return null;
      };
      expect(openError(() => createSqliteClient(missing))).toEqual(openError(() => createClient({ url: missing })));
      expect(openError(() => createSqliteClient(missing))?.message).toMatch(/Unable to open/);
    } finally {
      thin.close();
      ref.close();
      other.close();
    }
  });

  it('keeps a bounded cache of prepared statements, and sees schema changes', async () => {
    const file = fresh();
    const thin = createSqliteClient(`file:${file}`, { statementCache: 8 });
    try {
      await thin.executeMultiple(SCHEMA);
      for (let i = 0; i < 50; i++) await thin.execute({ sql: `SELECT ${i} AS v, name FROM t WHERE id = ?`, args: [i] });
      expect(thin.cachedStatements).toBeLessThanOrEqual(8);
      await thin.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['x'] });
      expect(Object.keys((await thin.execute('SELECT * FROM t')).rows[0])).toEqual(['id', 'name', 'n', 'r', 'b', 'flag']);
      await thin.execute('ALTER TABLE t ADD COLUMN extra TEXT');
      expect(Object.keys((await thin.execute('SELECT * FROM t')).rows[0])).toEqual(['id', 'name', 'n', 'r', 'b', 'flag', 'extra']);
      // changed by another connection: the cached statement's column list follows
      const other = createClient({ url: `file:${file}` });
      await other.execute('ALTER TABLE t ADD COLUMN more TEXT');
      other.close();
      expect((await thin.execute('SELECT * FROM t')).columns).toEqual(['id', 'name', 'n', 'r', 'b', 'flag', 'extra', 'more']);
    } finally {
      thin.close();
    }
  });

  it('reads file: URLs as @libsql/client does', () => {
    expect(filePathOf('file:relative/x.db')).toBe('relative/x.db');
    expect(filePathOf('file:/abs/x.db')).toBe('/abs/x.db');
    expect(filePathOf('file:///abs/x.db')).toBe('/abs/x.db');
    expect(filePathOf('file://localhost/abs/x.db')).toBe('/abs/x.db');
    expect(filePathOf('file:/abs/x.db?mode=rw')).toBe('/abs/x.db');
    expect(() => filePathOf('file://host/x.db')).toThrow(LibsqlError);
  });
});
