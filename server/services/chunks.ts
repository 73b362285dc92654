/**
 * SQLite binds at most 32,766 parameters per statement (SQLITE_MAX_VARIABLE_NUMBER); statements built
 * from a list of ids go in slices well under it, so no list, however long, makes a query fail.
 */
export const SQL_CHUNK = 1000;

export function chunks<T>(list: readonly T[], size = SQL_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** True for a unique-index violation (a race another process or Worker isolate won). */
export const isUniqueViolation = (e: unknown): boolean => {
  for (let x = e as { message?: unknown; code?: unknown; cause?: unknown } | undefined, i = 0; x && i < 5; x = x.cause as typeof x, i++) {
    if (/UNIQUE constraint failed|SQLITE_CONSTRAINT_UNIQUE|SQLITE_CONSTRAINT_PRIMARYKEY/i.test(`${String(x.code ?? '')} ${String(x.message ?? '')}`)) return true;
  }
  return false;
};
