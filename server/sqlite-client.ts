/**
 * A thin `@libsql/client` Client for embedded `file:` databases on Node, straight over the `libsql` package
 * (better-sqlite3's API). It implements what drizzle-orm/libsql and this code call — `execute`, `batch`,
 * `migrate`, `transaction` (`execute`, `batch`, `executeMultiple`, `commit`, `rollback`, `close`, `closed`),
 * `executeMultiple`, `close`, `reconnect`, `closed`, `protocol` — with the same results and errors, minus the
 * per-call costs that made `@libsql/client`'s sqlite3 driver about half of a dashboard read (docs/benchmarks.md):
 *
 * - statements are prepared once per connection and kept in a bounded LRU cache (was: prepared on every call);
 * - a statement's columns are read once, when it is prepared (was: twice per call);
 * - rows come from SQLite as arrays (`raw` mode) and are wrapped in a class generated per statement: the column
 *   names are plain enumerable fields (what drizzle's `db.all(sql…)` and `row.name` read), the indices and
 *   `length` are getters on its prototype over a private field (what drizzle's `select()`/relational mappers
 *   and `row[0]` read) — the same observable shape as `@libsql/client`'s rows, which defined one property per
 *   index and one per name on each row (`Object.defineProperty`, dictionary-mode objects).
 *
 * Same behaviour otherwise: one connection for reads and autocommit writes, a connection of its own for each open
 * transaction (as `@libsql/client`'s pool: reads never see a transaction's uncommitted rows), no busy timeout (a
 * second writer fails at once with SQLITE_BUSY, which the write lane retries), errors as `LibsqlError` with the
 * same `code` (SQLITE_BUSY, SQLITE_CONSTRAINT…), `extendedCode` (SQLITE_CONSTRAINT_UNIQUE…) and message, integers
 * as numbers (`intMode: 'number'`), blobs as ArrayBuffers, `lastInsertRowid` a bigint after a write.
 * One difference: an integer beyond ±2^53 comes back rounded instead of throwing a RangeError (none is stored).
 *
 * This file is the client and its transactions; `server/sqlite/` holds the parts: `connection.ts` (one connection
 * and its statement cache), `values.ts` (arguments, blobs, the row classes), `errors.ts` (the driver's errors as
 * `@libsql/client` reports them).
 */
import { LibsqlBatchError, LibsqlError, type Client, type InArgs, type InStatement, type ResultSet, type Transaction, type TransactionMode } from '@libsql/client';
import { Connection } from './sqlite/connection.ts';
import { asBatchError, closedError, mapError } from './sqlite/errors.ts';

/** Statements kept prepared per connection (the server's distinct SQL texts are a few hundred at most). */
export const DEFAULT_STATEMENT_CACHE = 500;

function normalize(stmtOrSql: InStatement | string, args?: InArgs): { sql: string; args: InArgs | undefined } {
  if (typeof stmtOrSql === 'string') return { sql: stmtOrSql, args };
  return stmtOrSql as { sql: string; args: InArgs | undefined };
}

function batchStatement(stmt: InStatement | [string, InArgs?]): { sql: string; args: InArgs | undefined } {
  if (Array.isArray(stmt)) return { sql: stmt[0], args: stmt[1] ?? [] };
  return normalize(stmt);
}

const BEGIN: Record<TransactionMode, string> = { write: 'BEGIN IMMEDIATE', read: 'BEGIN TRANSACTION READONLY', deferred: 'BEGIN DEFERRED' };

function beginOf(mode: TransactionMode): string {
  const begin = BEGIN[mode];
  if (!begin) throw new RangeError('Unknown transaction mode, supported values are "write", "read" and "deferred"');
  return begin;
}

export class SqliteClient implements Client {
  closed = false;
  readonly protocol = 'file';
  /** Bumped after a statement that may change the schema: every connection then drops its cached statements. */
  schemaGeneration = 0;
  private main: Connection | null = null;
  /** Connections free for the next transaction. */
  private idle: Connection[] = [];
  private readonly held = new Set<Connection>();

  constructor(
    private readonly path: string,
    private readonly cacheSize = DEFAULT_STATEMENT_CACHE,
  ) {
    // fail fast if the database cannot be opened at all, as `createClient` does
    this.connection().execute('SELECT 1 AS checkThatTheDatabaseCanBeOpened', []);
  }

  /** The shared connection for reads and autocommit statements. */
  private connection(): Connection {
    if (this.closed) throw closedError('The client is closed');
    if (!this.main || !this.main.db.open) this.main = new Connection(this.path, this, this.cacheSize);
    return this.main;
  }

  /** Statements cached on the shared connection (for the tests). */
  get cachedStatements(): number {
    return this.main?.cached ?? 0;
  }

  /**
   * A value that is different whenever anything was committed to the database since it was last read, by this
   * client or by any other connection or process (for exact answer caches): the shared connection's
   * `PRAGMA data_version` (it changes on every commit by another connection, which includes this client's
   * transactions: they run on connections of their own), its `total_changes()` (the rows its own autocommit
   * statements changed), the schema generation, and which connection it is.
   */
  changeStamp(): string {
    const conn = this.connection();
    try {
      return `${conn.serial}.${this.schemaGeneration}.${conn.changes()}`;
    } catch (e) {
      throw mapError(e);
    } finally {
      conn.settle();
    }
  }

  async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const { sql, args: a } = normalize(stmtOrSql, args);
    const conn = this.connection();
    try {
      return conn.execute(sql, a);
    } finally {
      conn.settle();
    }
  }

  /** The statements in one transaction on the shared connection; synchronous, so nothing interleaves. */
  private runBatch(conn: Connection, stmts: Array<InStatement | [string, InArgs?]>, begin: string): ResultSet[] {
    conn.execute(begin, []);
    try {
      const results: ResultSet[] = [];
      for (let i = 0; i < stmts.length; i++) {
        try {
          if (!conn.inTransaction) throw new LibsqlBatchError('The transaction has been rolled back', i, 'TRANSACTION_CLOSED');
          const s = batchStatement(stmts[i]);
          results.push(conn.execute(s.sql, s.args));
        } catch (e) {
          throw asBatchError(e, i);
        }
      }
      conn.execute('COMMIT', []);
      return results;
    } finally {
      conn.settle();
    }
  }

  async batch(stmts: Array<InStatement | [string, InArgs?]>, mode: TransactionMode = 'deferred'): Promise<ResultSet[]> {
    return this.runBatch(this.connection(), stmts, beginOf(mode));
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    const conn = this.connection();
    conn.execute('PRAGMA foreign_keys=off', []);
    try {
      return this.runBatch(conn, stmts, 'BEGIN DEFERRED');
    } finally {
      this.schemaGeneration++;
      conn.execute('PRAGMA foreign_keys=on', []);
    }
  }

  async transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    if (this.closed) throw closedError('The client is closed');
    const begin = beginOf(mode);
    let conn = this.idle.pop();
    while (conn && !conn.db.open) conn = this.idle.pop();
    conn ??= new Connection(this.path, this, this.cacheSize);
    this.held.add(conn);
    try {
      conn.execute(begin, []);
    } catch (e) {
      this.release(conn);
      throw e;
    }
    return new SqliteTransaction(conn, (c) => this.release(c));
  }

  private release(conn: Connection): void {
    this.held.delete(conn);
    conn.settle();
    if (this.closed || !conn.db.open) conn.close();
    else this.idle.push(conn);
  }

  async executeMultiple(sql: string): Promise<void> {
    const conn = this.connection();
    try {
      conn.exec(sql);
    } finally {
      conn.settle();
    }
  }

  async sync(): Promise<never> {
    throw new LibsqlError('sync is not supported by this client (no embedded replica)', 'SYNC_NOT_SUPPORTED');
  }

  async reconnect(): Promise<void> {
    this.closeConnections();
    this.closed = false;
  }

  close(): void {
    this.closed = true;
    this.closeConnections();
  }

  private closeConnections(): void {
    this.main?.close();
    this.main = null;
    for (const c of this.idle) c.close();
    this.idle = [];
    for (const c of this.held) c.close();
    this.held.clear();
  }
}

export class SqliteTransaction implements Transaction {
  constructor(
    private conn: Connection | null,
    private readonly release: (conn: Connection) => void,
  ) {}

  private settle(): void {
    const conn = this.conn;
    if (!conn) return;
    this.conn = null;
    this.release(conn);
  }

  private open(): Connection {
    if (this.closed) throw new LibsqlError('The transaction is closed', 'TRANSACTION_CLOSED');
    return this.conn!;
  }

  get closed(): boolean {
    return !this.conn || !this.conn.inTransaction;
  }

  async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const { sql, args: a } = normalize(stmtOrSql, args);
    return this.open().execute(sql, a);
  }

  async batch(stmts: Array<InStatement | [string, InArgs?]>): Promise<ResultSet[]> {
    const results: ResultSet[] = [];
    for (let i = 0; i < stmts.length; i++) {
      try {
        const s = batchStatement(stmts[i]);
        results.push(this.open().execute(s.sql, s.args));
      } catch (e) {
        throw asBatchError(e, i);
      }
    }
    return results;
  }

  async executeMultiple(sql: string): Promise<void> {
    this.open().exec(sql);
  }

  async rollback(): Promise<void> {
    const conn = this.conn;
    if (!conn || !conn.db.open) return this.settle();
    try {
      if (conn.inTransaction) conn.execute('ROLLBACK', []);
    } finally {
      this.settle();
    }
  }

  async commit(): Promise<void> {
    try {
      this.open().execute('COMMIT', []);
    } finally {
      this.settle();
    }
  }

  close(): void {
    this.settle();
  }
}

/** The file path of a `file:` URL, as `@libsql/client` reads it (`file:rel`, `file:/abs`, `file:///abs`, `file::memory:`). */
export function filePathOf(url: string): string {
  let rest = url.slice('file:'.length);
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const host = rest.slice(2, slash < 0 ? undefined : slash);
    if (host !== '' && host.toLowerCase() !== 'localhost') throw new LibsqlError(`Invalid host in file URL: ${JSON.stringify(host)}`, 'URL_INVALID');
    rest = slash < 0 ? '' : rest.slice(slash);
  }
  const path = rest.split('?')[0];
  return decodeURIComponent(path);
}

/** Opens a `file:` database with the thin client. */
export function createSqliteClient(url: string, opts: { statementCache?: number } = {}): SqliteClient {
  return new SqliteClient(filePathOf(url), opts.statementCache);
}
