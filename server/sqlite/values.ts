// Values both ways and rows for the thin client (server/sqlite-client.ts): arguments bound as `@libsql/client`
// binds them, blobs back as ArrayBuffers, and the row classes generated per column list.
import type { InArgs, ResultSet, Row } from '@libsql/client';

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

export function argsToSql(args: InArgs | undefined): unknown[] | Record<string, unknown> {
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
export const valueFromSql = (v: unknown) => (v instanceof Buffer ? v.buffer : v);

export type RowClass = new (values: unknown[]) => Row;

/**
 * The row class of one column list: the values in a private field, the names as own enumerable fields (the
 * first of duplicated names wins, as in `@libsql/client`), the indices and `length` as prototype getters (not
 * enumerable, not own: `Object.keys`, spreading and JSON see the names only, as with `@libsql/client`'s rows).
 * A column named like one of the indices (`SELECT 5, 1`) or `__proto__` gets `@libsql/client`'s own row builder.
 */
export function rowClass(columns: string[]): RowClass {
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

export class ResultSetImpl implements ResultSet {
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
