import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import type { Client } from '@libsql/client';
import * as schema from '../schema/index.ts';

export type Db = LibSQLDatabase<typeof schema>;
/** What a write transaction receives: the same query builder, bound to the transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * The database with its single write lane. On an embedded libSQL file a second concurrent
 * `BEGIN IMMEDIATE` fails at once with SQLITE_BUSY (DESIGN.md), so every write transaction of this
 * process goes through one async queue; reads do not wait. Capacity rules still use one conditional
 * statement plus unique constraints, so they hold across processes and on Turso too.
 */
export class Database {
  readonly db: Db;
  private tail: Promise<unknown> = Promise.resolve();
  /** Counts statements sent, for the no-N+1 test and the benchmarks. */
  statements = 0;

  constructor(readonly client: Client) {
    this.db = drizzle(client, {
      schema,
      logger: { logQuery: () => void this.statements++ },
    });
  }

  /** Runs `fn` in a write transaction, after every write transaction queued before it. */
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const run = this.tail.then(() => this.db.transaction(fn));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** True when the database answers. */
  async ping(): Promise<boolean> {
    try {
      await this.client.execute('select 1');
      return true;
    } catch {
      return false;
    }
  }
}
