// One connection of the thin client (server/sqlite-client.ts) with its bounded cache of prepared statements.
import type { InArgs, ResultSet, Row } from '@libsql/client';
import Database from 'libsql';
import { mapError } from './errors.ts';
import { argsToSql, ResultSetImpl, rowClass, valueFromSql, type RowClass } from './values.ts';

type Native = InstanceType<typeof Database>;
type NativeStatement = ReturnType<Native['prepare']>;

/** What connections share with their client: a counter bumped after a statement that may change the schema. */
export interface SchemaGeneration {
  schemaGeneration: number;
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
export class Connection {
  readonly db: Native;
  /** Which connection this is (a new one starts `data_version` and `total_changes()` anew). */
  readonly serial = ++connections;
  private readonly cache = new Map<string, Prepared>();
  private generation: number;

  constructor(
    path: string,
    private readonly owner: SchemaGeneration,
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
