import { is } from 'drizzle-orm';
import { SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import type { Db, Tx } from '../db.ts';

/**
 * A query built by drizzle once per `db` and kept prepared (`.prepare()`, values bound through `sql.placeholder`):
 * its SQL text and row mapping are made once instead of on every call (issue 19: building the four-table join of
 * the signup target was ~0.36 ms of every `signupInfo`, 37 µs prepared). Keyed on the `db` object, since a prepared
 * query is bound to the client it was built on and `Database.reset()` opens a new client with a new `db`.
 */
export function preparedPerDb<P>(prepare: (db: Db) => P): (db: Db) => P {
  const byDb = new WeakMap<Db, P>();
  return (db) => {
    let prepared = byDb.get(db);
    if (!prepared) byDb.set(db, (prepared = prepare(db)));
    return prepared;
  };
}

/** A write transaction's query builder (a query prepared on `db` would run outside it). */
export const isTransaction = (db: Db | Tx): db is Tx => is(db, SQLiteTransaction);
