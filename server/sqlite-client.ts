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
 */
import { LibsqlBatchError, LibsqlError, type Client, type InArgs, type InStatement, type ResultSet, type Row, type Transaction, type TransactionMode } from '@libsql/client';
import Database from 'libsql';

type Native = InstanceType<typeof Database>;
type NativeStatement = ReturnType<Native['prepare']>;

/** Statements kept prepared per connection (the server's distinct SQL texts are a few hundred at most). */
export const DEFAULT_STATEMENT_CACHE = 500;

const BASE_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR', 2: 'SQLITE_INTERNAL', 3: 'SQLITE_PERM', 4: 'SQLITE_ABORT', 5: 'SQLITE_BUSY', 6: 'SQLITE_LOCKED',
  7: 'SQLITE_NOMEM', 8: 'SQLITE_READONLY', 9: 'SQLITE_INTERRUPT', 10: 'SQLITE_IOERR', 11: 'SQLITE_CORRUPT',
  12: 'SQLITE_NOTFOUND', 13: 'SQLITE_FULL', 14: 'SQLITE_CANTOPEN', 15: 'SQLITE_PROTOCOL', 16: 'SQLITE_EMPTY',
  17: 'SQLITE_SCHEMA', 18: 'SQLITE_TOOBIG', 19: 'SQLITE_CONSTRAINT', 20: 'SQLITE_MISMATCH', 21: 'SQLITE_MISUSE',
  22: 'SQLITE_NOLFS', 23: 'SQLITE_AUTH', 24: 'SQLITE_FORMAT', 25: 'SQLITE_RANGE', 26: 'SQLITE_NOTADB',
  27: 'SQLITE_NOTICE', 28: 'SQLITE_WARNING',
};

/** The driver's error as `@libsql/client` reports it (base code, extended code, raw code, the original as cause). */
function mapError(e: unknown): unknown {
  const err = e as { code?: unknown; rawCode?: number; message?: string; libsqlError?: boolean };
  if (e instanceof Database.SqliteError || (err && err.libsqlError && typeof err.code === 'string')) {
    const raw = err.rawCode;
    const code = raw === undefined ? 'SQLITE_UNKNOWN' : (BASE_CODES[raw & 0xff] ?? `SQLITE_UNKNOWN_${raw & 0xff}`);
    return new LibsqlError(String(err.message), code, err.code as string, raw, e as Error);
  }
  return e;
}

const closedError = (what: string) => new LibsqlError(what, 'CLIENT_CLOSED');

function argToSql(value: unknown): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
    return value;
  }
  if (typeof value === 'string' || value === null) return value;
  if (typeof value === 'bigint') {
    if (value < -9223372036854775808n || value > 9223372036854775807n) throw new RangeError('bigint is too large to be represented as a 64-bit integer and passed as argument');
    return value;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return value;
}

function argsToSql(args: InArgs | undefined): unknown[] | Record<string, unknown> {
  if (args === undefined) return [];
  if (Array.isArray(args)) {
    const out = new Array(args.length);
    for (let i = 0; i < args.length; i++) out[i] = argToSql(args[i]);
    return out;
  }
  const named: Record<string, unknown> = {};
  for (const name in args) {
    const c = name[0];
    named[c === '@' || c === '$' || c === ':' ? name.substring(1) : name] = argToSql((args as Record<string, unknown>)[name]);
  }
  return named;
}

/** A blob comes back as an ArrayBuffer, as from `@libsql/client`. */
const valueFromSql = (v: unknown) => (v instanceof Buffer ? v.buffer : v);

type RowClass = new (values: unknown[]) => Row;

/**
 * The row class of one column list: the values in a private field, the names as own enumerable fields (the
 * first of duplicated names wins, as in `@libsql/client`), the indices and `length` as prototype getters (not
 * enumerable, not own: `Object.keys`, spreading and JSON see the names only, as with `@libsql/client`'s rows).
 * A column named like one of the indices (`SELECT 5, 1`) or `__proto__` gets `@libsql/client`'s own row builder.
 */
function rowClass(columns: string[]): RowClass {
  const n = columns.length;
  if (columns.some((name) => name === '__proto__' || (/^(0|[1-9]\d*)$/.test(name) && Number(name) < n))) return slowRow(columns);
  const seen = new Set<string>();
  const fields: string[] = [];
  columns.forEach((name, i) => {
    if (seen.has(name)) return;
    seen.add(name);
    fields.push(`this[${JSON.stringify(name)}] = v[${i}];`);
  });
  const getters = columns.map((_, i) => `get ${i}() { return this.#v[${i}]; }`);
  return new Function(`return class Row { #v; constructor(v) { this.#v = v; ${fields.join(' ')} } get length() { return ${n}; } ${getters.join(' ')} };`)() as RowClass;
}

/** `@libsql/client`'s row: one non-enumerable property per index, one enumerable per (first) name. */
function slowRow(columns: string[]): RowClass {
  return function Row(this: Record<PropertyKey, unknown>, values: unknown[]) {
    Object.defineProperty(this, 'length', { value: values.length });
    for (let i = 0; i < values.length; i++) {
      Object.defineProperty(this, i, { value: values[i] });
      if (!Object.hasOwn(this, columns[i])) Object.defineProperty(this, columns[i], { value: values[i], enumerable: true, configurable: true, writable: true });
    }
  } as unknown as RowClass;
}

class ResultSetImpl implements ResultSet {
  constructor(
    public columns: string[],
    public columnTypes: string[],
    public rows: Row[],
    public rowsAffected: number,
    public lastInsertRowid: bigint | undefined,
  ) {}

  toJSON() {
    const toJson = (v: unknown) => (typeof v === 'bigint' ? `${v}` : v instanceof ArrayBuffer ? Buffer.from(v).toString('base64') : v);
    return {
      columns: this.columns,
      columnTypes: this.columnTypes,
      rows: this.rows.map((row) => Array.prototype.map.call(row, toJson)),
      rowsAffected: this.rowsAffected,
      lastInsertRowid: this.lastInsertRowid !== undefined ? `${this.lastInsertRowid}` : null,
    };
  }
}

interface Prepared {
  stmt: NativeStatement;
  reader: boolean;
  /** May change the schema: cached statements' column lists are dropped after it runs. */
  ddl: boolean;
  columns: string[];
  columnTypes: string[];
  Row: RowClass | null;
}

const DDL = /^\s*(create|alter|drop)\b/i;

let connections = 0;

/** One libsql connection with its cache of prepared statements (LRU, bounded). */
class Connection {
  readonly db: Native;
  /** Which connection this is (a new one starts `data_version` and `total_changes()` anew). */
  readonly serial = ++connections;
  private readonly cache = new Map<string, Prepared>();
  private generation: number;

  constructor(
    path: string,
    private readonly owner: SqliteClient,
    private readonly cacheSize: number,
  ) {
    try {
      // timeout 0: no busy wait, as `@libsql/client` opens it (the write lane retries SQLITE_BUSY itself)
      this.db = new Database(path, { timeout: 0 } as never);
    } catch (e) {
      throw mapError(e);
    }
    this.generation = owner.schemaGeneration;
  }

  private stampStatements: [NativeStatement, NativeStatement] | null = null;

  /** `PRAGMA data_version` and `total_changes()` of this connection (see `SqliteClient.changeStamp`): ~5 µs. */
  changes(): string {
    const [version, total] = (this.stampStatements ??= [this.db.prepare('PRAGMA data_version').raw(true), this.db.prepare('SELECT total_changes()').raw(true)]);
    return `${(version.get([]) as unknown[])[0]}.${(total.get([]) as unknown[])[0]}`;
  }

  /** Statements cached now (for the tests: the cache is bounded). */
  get cached(): number {
    return this.cache.size;
  }

  private prepare(sql: string): Prepared {
    if (this.generation !== this.owner.schemaGeneration) {
      this.cache.clear();
      this.generation = this.owner.schemaGeneration;
    }
    let p = this.cache.get(sql);
    if (p) {
      // most recently used goes last; the first one in the map is the one to evict
      this.cache.delete(sql);
      this.cache.set(sql, p);
      return p;
    }
    const stmt = this.db.prepare(sql);
    stmt.safeIntegers(false);
    const reader = stmt.reader;
    let columns: string[] = [];
    let columnTypes: string[] = [];
    if (reader) {
      stmt.raw(true);
      const cols = stmt.columns() as { name: string; type: string | null }[];
      columns = cols.map((c) => c.name);
      columnTypes = cols.map((c) => c.type ?? '');
    }
    p = { stmt, reader, ddl: DDL.test(sql), columns, columnTypes, Row: reader ? rowClass(columns) : null };
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(sql, p);
    return p;
  }

  execute(sql: string, args: InArgs | undefined): ResultSet {
    try {
      const p = this.prepare(sql);
      const bound = argsToSql(args);
      if (p.reader) {
        const raw = p.stmt.all(bound) as unknown[][];
        const n = raw.length;
        if (n > 0 && raw[0].length !== p.columns.length) this.refreshColumns(p);
        const Row = p.Row!;
        const rows = new Array<Row>(n);
        for (let r = 0; r < n; r++) {
          const values = raw[r];
          for (let i = 0; i < values.length; i++) {
            const v = values[i];
            if (typeof v === 'object' && v !== null) values[i] = valueFromSql(v);
          }
          rows[r] = new Row(values);
        }
        if (p.ddl) this.owner.schemaGeneration++;
        return new ResultSetImpl(p.columns, p.columnTypes, rows, 0, undefined);
      }
      const info = p.stmt.run(bound) as { changes: number; lastInsertRowid: number | bigint };
      if (p.ddl) this.owner.schemaGeneration++;
      return new ResultSetImpl([], [], [], info.changes, BigInt(info.lastInsertRowid));
    } catch (e) {
      throw mapError(e);
    }
  }

  /** The schema changed under a cached `SELECT *` (another process migrated): read its columns again. */
  private refreshColumns(p: Prepared): void {
    const cols = p.stmt.columns() as { name: string; type: string | null }[];
    p.columns = cols.map((c) => c.name);
    p.columnTypes = cols.map((c) => c.type ?? '');
    p.Row = rowClass(p.columns);
  }

  exec(sql: string): void {
    try {
      this.db.exec(sql);
    } catch (e) {
      throw mapError(e);
    } finally {
      this.owner.schemaGeneration++;
    }
  }

  get inTransaction(): boolean {
    return this.db.open && this.db.inTransaction;
  }

  /** Leaves no transaction open behind a call that used the shared connection (as `@libsql/client`'s pool). */
  settle(): void {
    if (this.inTransaction) {
      try {
        this.db.exec('ROLLBACK');
      } catch {
        // the next statement reports what is wrong
      }
    }
  }

  close(): void {
    try {
      if (this.db.open) this.db.close();
    } catch {
      // closing twice is fine
    }
  }
}

function normalize(stmtOrSql: InStatement | string, args?: InArgs): { sql: string; args: InArgs | undefined } {
  if (typeof stmtOrSql === 'string') return { sql: stmtOrSql, args };
  return stmtOrSql as { sql: string; args: InArgs | undefined };
}

function batchStatement(stmt: InStatement | [string, InArgs?]): { sql: string; args: InArgs | undefined } {
  if (Array.isArray(stmt)) return { sql: stmt[0], args: stmt[1] ?? [] };
  return normalize(stmt);
}

function asBatchError(e: unknown, index: number): unknown {
  if (e instanceof LibsqlBatchError) return e;
  if (e instanceof LibsqlError) return new LibsqlBatchError(e.message.replace(`${e.code}: `, ''), index, e.code, e.extendedCode, e.rawCode, e.cause instanceof Error ? e.cause : undefined);
  return e;
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
