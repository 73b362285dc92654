// The driver's errors as `@libsql/client` reports them, for the thin client (server/sqlite-client.ts).
import { LibsqlBatchError, LibsqlError } from '@libsql/client';
import Database from 'libsql';

const BASE_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR', 2: 'SQLITE_INTERNAL', 3: 'SQLITE_PERM', 4: 'SQLITE_ABORT', 5: 'SQLITE_BUSY', 6: 'SQLITE_LOCKED',
  7: 'SQLITE_NOMEM', 8: 'SQLITE_READONLY', 9: 'SQLITE_INTERRUPT', 10: 'SQLITE_IOERR', 11: 'SQLITE_CORRUPT',
  12: 'SQLITE_NOTFOUND', 13: 'SQLITE_FULL', 14: 'SQLITE_CANTOPEN', 15: 'SQLITE_PROTOCOL', 16: 'SQLITE_EMPTY',
  17: 'SQLITE_SCHEMA', 18: 'SQLITE_TOOBIG', 19: 'SQLITE_CONSTRAINT', 20: 'SQLITE_MISMATCH', 21: 'SQLITE_MISUSE',
  22: 'SQLITE_NOLFS', 23: 'SQLITE_AUTH', 24: 'SQLITE_FORMAT', 25: 'SQLITE_RANGE', 26: 'SQLITE_NOTADB',
  27: 'SQLITE_NOTICE', 28: 'SQLITE_WARNING',
};

/** The driver's error as `@libsql/client` reports it (base code, extended code, raw code, the original as cause). */
export function mapError(e: unknown): unknown {
  const err = e as { code?: unknown; rawCode?: number; message?: string; libsqlError?: boolean };
  if (e instanceof Database.SqliteError || (err && err.libsqlError && typeof err.code === 'string')) {
    const raw = err.rawCode;
    const code = raw === undefined ? 'SQLITE_UNKNOWN' : (BASE_CODES[raw & 0xff] ?? `SQLITE_UNKNOWN_${raw & 0xff}`);
    return new LibsqlError(String(err.message), code, err.code as string, raw, e as Error);
  }
  return e;
}

export const closedError = (what: string) => new LibsqlError(what, 'CLIENT_CLOSED');

/** A statement's error inside a batch, with its index, as `@libsql/client` throws it. */
export function asBatchError(e: unknown, index: number): unknown {
  if (e instanceof LibsqlBatchError) return e;
  if (e instanceof LibsqlError) return new LibsqlBatchError(e.message.replace(`${e.code}: `, ''), index, e.code, e.extendedCode, e.rawCode, e.cause instanceof Error ? e.cause : undefined);
  return e;
}
