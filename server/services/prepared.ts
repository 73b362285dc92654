import type { SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db.ts';

/**
 * What drizzle's libSQL session holds (drizzle-orm 0.45, `drizzle-orm/libsql/session.js`): the client, the open
 * libSQL transaction when the session is a write transaction's (nested savepoints share their parent's session),
 * and what builds a prepared query from SQL text.
 */
interface LibsqlSession {
  client: object;
  tx?: object;
  dialect: { sqlToQuery(query: SQL): unknown };
  prepareQuery(query: unknown, fields: undefined, method: 'run' | 'all' | 'get', arrayMode: boolean): unknown;
}
const sessionOf = (db: Db | Tx) => (db as unknown as { session: LibsqlSession }).session;

/**
 * A query built and prepared once per database client (`.prepare()`, values bound through `sql.placeholder`), run
 * either on `db` or on a write transaction (issue 19: a registration built its ~8 statements with drizzle on every
 * call, ≈ 40 % of its CPU; building the four-table join of the signup target was ~0.36 ms of every `signupInfo`). A drizzle prepared query
 * runs on the libSQL transaction it was prepared under (`tx`), or on the client when it has none; the one kept
 * here is handed out bound to the caller's: a view of it (`Object.create`) whose own `tx` is the caller's
 * transaction, or none on `db`. Same SQL, same parameters, same row mapping as the query built in place; the
 * statements still go through drizzle's logger (`Database.statements`). Keyed on the client, which
 * `Database.reset()` replaces.
 */
export function prepared<P extends object>(prepare: (db: Db | Tx) => P): (db: Db | Tx) => P {
  const byClient = new WeakMap<object, P>();
  // The view for the last transaction asked for: the statements of one transaction (or of a group's members,
  // which share it) reuse one view.
  let last: { tx: object; view: P } | null = null;
  return (db) => {
    const session = sessionOf(db);
    let query = byClient.get(session.client);
    if (!query) byClient.set(session.client, (query = prepare(db)));
    const tx = session.tx;
    if ((query as { tx?: object }).tx === tx) return query;
    if (tx && last?.tx === tx && Object.getPrototypeOf(last.view) === query) return last.view;
    const view = Object.create(query, { tx: { value: tx } }) as P;
    if (tx) last = { tx, view };
    return view;
  };
}

/** A prepared statement of drizzle's `sql` template (with `sql.placeholder`s), for what the query builder cannot say. */
export interface PreparedSql {
  run(values?: Record<string, unknown>): Promise<{ rowsAffected: number }>;
  all<R>(values?: Record<string, unknown>): Promise<R[]>;
}

/** `prepared` for a raw statement: the `sql` template is turned into SQL text once per client. */
export function preparedSql(method: 'run' | 'all', query: SQL): (db: Db | Tx) => PreparedSql {
  return prepared((db) => {
    const session = sessionOf(db);
    return session.prepareQuery(session.dialect.sqlToQuery(query), undefined, method, false) as PreparedSql;
  });
}
