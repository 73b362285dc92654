/**
 * TEST STAND-IN FOR TURSO — never used in production.
 *
 * A small libSQL server speaking the Hrana-over-HTTP protocol, version 2 (JSON), the protocol that
 * `@libsql/client/web` talks to Turso (`libsql://…`, `https://…`). DESIGN.md: no `sqld` can be installed on
 * this machine, so the Workers tests (test/worker/) point the real `@libsql/client/web` code path at this
 * server instead. It stores the data in one SQLite file through the `libsql` npm package (the
 * better-sqlite3-compatible binding of the same engine Turso runs) and listens on 127.0.0.1 only.
 *
 * Implemented, as the client uses them:
 *   GET  /v2, /health        200: protocol version 2 over HTTP is supported
 *   POST /v2/pipeline        {baton, requests:[…]} → {baton, base_url, results:[…]}
 *        request types: execute, batch (with ok/error/not/and/or/is_autocommit conditions), sequence,
 *        describe, store_sql, close_sql, get_autocommit, close.
 *   anything else            404 (401 first without the token): a client probing for v3 falls back to v2
 * A stream (one SQLite connection) lives across pipeline requests through its baton: that is how the
 * client runs interactive transactions (`BEGIN IMMEDIATE` … `COMMIT` over several HTTP requests). Batons
 * rotate on every answer, and a stream left idle for `streamIdleMs` is rolled back and closed, like Turso.
 * `Authorization: Bearer <authToken>` is required when an auth token is configured.
 *
 * Not implemented (the client does not use them in v2 mode): cursors (`/v3/cursor`), protobuf encoding,
 * the v1 `/v1/execute` API, replication. SQLite's busy timeout is 0: a second writer gets SQLITE_BUSY
 * at once instead of blocking this single-threaded server.
 *
 * CLI: `node --import tsx test/libsql-http-server.ts [file] [port]` prints the URL (useful to try
 * `npm run db:migrate` or `wrangler dev` locally without Turso).
 */
import Sqlite from 'libsql';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

type Conn = InstanceType<typeof Sqlite>;

/** Hrana values on the wire (JSON encoding). */
type HValue =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string };

interface HStmt {
  sql?: string;
  sql_id?: number;
  args?: HValue[];
  named_args?: { name: string; value: HValue }[];
  want_rows?: boolean;
}

type HCond =
  | { type: 'ok' | 'error'; step: number }
  | { type: 'not'; cond: HCond }
  | { type: 'and' | 'or'; conds: HCond[] }
  | { type: 'is_autocommit' };

type HRequest =
  | { type: 'close' }
  | { type: 'execute'; stmt: HStmt }
  | { type: 'batch'; batch: { steps: { condition?: HCond | null; stmt: HStmt }[] } }
  | { type: 'sequence'; sql?: string; sql_id?: number }
  | { type: 'describe'; sql?: string; sql_id?: number }
  | { type: 'store_sql'; sql_id: number; sql: string }
  | { type: 'close_sql'; sql_id: number }
  | { type: 'get_autocommit' };

interface StmtResult {
  cols: { name: string | null; decltype: string | null }[];
  rows: HValue[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
}

class HranaError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

interface Stream {
  conn: Conn;
  sqls: Map<number, string>;
  lastUsed: number;
  /**
   * The `libsql` binding does not reset a row-returning statement whose step failed (e.g. SQLITE_BUSY on
   * `INSERT … RETURNING`): its implicit transaction stays open and a later statement on the connection
   * would keep the write lock. Outside an explicit transaction such a connection is replaced.
   */
  tainted?: boolean;
}

export interface LibsqlHttpServerOptions {
  /** SQLite file; a fresh temporary file when omitted (removed on close). */
  file?: string;
  /** Required bearer token; none when omitted. */
  authToken?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Idle streams are rolled back and closed after this long (Turso: about 10 s). */
  streamIdleMs?: number;
  /** Added before each pipeline answer, to imitate the network between a Worker and Turso (bench/). */
  latencyMs?: number;
}

export interface LibsqlHttpServer {
  /** `http://127.0.0.1:<port>`: what FRESK_DB_URL is set to. */
  url: string;
  port: number;
  file: string;
  /** Pipeline requests served so far (a Workers subrequest each). */
  requests: number;
  /**
   * A direct connection for test assertions (not through HTTP): reads. Write through HTTP (a client), so
   * that SQLITE_BUSY comes back as the protocol answers it instead of leaving this connection locked.
   */
  query<T = Record<string, unknown>>(sql: string, ...args: unknown[]): T[];
  close(): Promise<void>;
}

const isDml = /^\s*(insert|update|delete|replace)\b/i;

function toJs(v: HValue | undefined): unknown {
  if (!v) return null;
  switch (v.type) {
    case 'null':
      return null;
    case 'integer':
      return BigInt(v.value);
    case 'float':
      return Number(v.value);
    case 'text':
      return v.value;
    case 'blob':
      return Buffer.from(v.base64, 'base64');
    default:
      throw new HranaError(`unknown value type ${(v as { type: string }).type}`, 'HRANA_PROTO_ERROR');
  }
}

function toHrana(v: unknown): HValue {
  if (v === null || v === undefined) return { type: 'null' };
  if (typeof v === 'bigint') return { type: 'integer', value: v.toString() };
  // Integers come back as bigint (safeIntegers), so a plain number is always a REAL.
  if (typeof v === 'number') return { type: 'float', value: v };
  if (typeof v === 'string') return { type: 'text', value: v };
  if (v instanceof Uint8Array) return { type: 'blob', base64: Buffer.from(v).toString('base64') };
  return { type: 'text', value: String(v) };
}

function sqlOf(stream: Stream, x: { sql?: string; sql_id?: number }): string {
  if (typeof x.sql === 'string') return x.sql;
  if (typeof x.sql_id === 'number') {
    const s = stream.sqls.get(x.sql_id);
    if (s === undefined) throw new HranaError(`SQL text ${x.sql_id} is not stored`, 'SQL_NOT_FOUND');
    return s;
  }
  throw new HranaError('statement has neither sql nor sql_id', 'HRANA_PROTO_ERROR');
}

function sqliteError(e: unknown): HranaError {
  if (e instanceof HranaError) return e;
  const err = e as { message?: string; code?: string };
  return new HranaError(err.message ?? String(e), err.code ?? 'SQLITE_ERROR');
}

function execute(stream: Stream, stmt: HStmt): StmtResult {
  const sql = sqlOf(stream, stmt);
  try {
    const prepared = stream.conn.prepare(sql);
    let params: unknown[] | Record<string, unknown> = (stmt.args ?? []).map(toJs);
    if (stmt.named_args?.length) {
      const named: Record<string, unknown> = {};
      for (const { name, value } of stmt.named_args) named[name.replace(/^[:@$]/, '')] = toJs(value);
      params = named;
    }
    const bind = Array.isArray(params) ? params : [params];
    if (prepared.reader) {
      const cols = prepared.columns().map((c) => ({ name: c.name, decltype: c.type }));
      const rows = (prepared.raw(true).safeIntegers(true).all(...bind) as unknown[][]).map((r) => r.map(toHrana));
      let affected = 0;
      let lastId: string | null = null;
      if (isDml.test(sql)) {
        const [changes, last] = stream.conn.prepare('select changes(), last_insert_rowid()').raw(true).safeIntegers(true).get() as [bigint, bigint];
        affected = Number(changes);
        lastId = last.toString();
      }
      return { cols, rows: stmt.want_rows === false ? [] : rows, affected_row_count: affected, last_insert_rowid: lastId };
    }
    const info = prepared.run(...bind);
    return { cols: [], rows: [], affected_row_count: Number(info.changes), last_insert_rowid: info.lastInsertRowid?.toString() ?? null };
  } catch (e) {
    if (!stream.conn.inTransaction) stream.tainted = true;
    throw sqliteError(e);
  }
}

function evalCond(c: HCond | null | undefined, outcome: ('ok' | 'error' | null)[], stream: Stream): boolean {
  if (!c) return true;
  switch (c.type) {
    case 'ok':
      return outcome[c.step] === 'ok';
    case 'error':
      return outcome[c.step] === 'error';
    case 'not':
      return !evalCond(c.cond, outcome, stream);
    case 'and':
      return c.conds.every((x) => evalCond(x, outcome, stream));
    case 'or':
      return c.conds.some((x) => evalCond(x, outcome, stream));
    case 'is_autocommit':
      return !stream.conn.inTransaction;
    default:
      throw new HranaError('unknown batch condition', 'HRANA_PROTO_ERROR');
  }
}

function handle(stream: Stream, req: HRequest): Record<string, unknown> {
  switch (req.type) {
    case 'execute':
      return { type: 'execute', result: execute(stream, req.stmt) };
    case 'batch': {
      const outcome: ('ok' | 'error' | null)[] = [];
      const step_results: (StmtResult | null)[] = [];
      const step_errors: ({ message: string; code: string } | null)[] = [];
      req.batch.steps.forEach((step, i) => {
        outcome[i] = null;
        step_results[i] = null;
        step_errors[i] = null;
        if (!evalCond(step.condition, outcome, stream)) return;
        try {
          step_results[i] = execute(stream, step.stmt);
          outcome[i] = 'ok';
        } catch (e) {
          const err = sqliteError(e);
          step_errors[i] = { message: err.message, code: err.code };
          outcome[i] = 'error';
        }
      });
      return { type: 'batch', result: { step_results, step_errors } };
    }
    case 'sequence':
      try {
        stream.conn.exec(sqlOf(stream, req));
      } catch (e) {
        throw sqliteError(e);
      }
      return { type: 'sequence' };
    case 'describe': {
      const sql = sqlOf(stream, req);
      try {
        const p = stream.conn.prepare(sql);
        const cols = p.reader ? p.columns().map((c) => ({ name: c.name, decltype: c.type })) : [];
        return {
          type: 'describe',
          result: { params: [], cols, is_explain: /^\s*explain\b/i.test(sql), is_readonly: !isDml.test(sql) && /^\s*(select|with|explain|pragma)\b/i.test(sql) },
        };
      } catch (e) {
        throw sqliteError(e);
      }
    }
    case 'store_sql':
      stream.sqls.set(req.sql_id, req.sql);
      return { type: 'store_sql' };
    case 'close_sql':
      stream.sqls.delete(req.sql_id);
      return { type: 'close_sql' };
    case 'get_autocommit':
      return { type: 'get_autocommit', is_autocommit: !stream.conn.inTransaction };
    default:
      throw new HranaError(`unknown request type ${(req as { type: string }).type}`, 'HRANA_PROTO_ERROR');
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Starts the stand-in on 127.0.0.1. */
export async function startLibsqlHttpServer(opts: LibsqlHttpServerOptions = {}): Promise<LibsqlHttpServer> {
  const tmp = opts.file ? null : mkdtempSync(join(tmpdir(), 'fresk-libsql-'));
  const file = opts.file ? resolve(opts.file) : join(tmp!, 'db.sqlite');
  const open = (): Conn => new Sqlite(file, { timeout: 0 });
  const renew = (stream: Stream) => {
    if (!stream.tainted || stream.conn.inTransaction) return;
    stream.conn.close();
    stream.conn = open();
    stream.tainted = false;
  };
  const admin = open();
  admin.exec('PRAGMA journal_mode = WAL');

  const streams = new Map<string, Stream>();
  const idleMs = opts.streamIdleMs ?? 10_000;
  const closeStream = (baton: string) => {
    const s = streams.get(baton);
    if (!s) return;
    streams.delete(baton);
    try {
      if (s.conn.inTransaction) s.conn.exec('ROLLBACK');
    } catch {
      /* the connection is closed next anyway */
    }
    s.conn.close();
  };
  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const [baton, s] of streams) if (now - s.lastUsed > idleMs) closeStream(baton);
  }, 1000);
  sweeper.unref();

  const state = { requests: 0 };
  const server = createServer(async (req, res) => {
    try {
      const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '') || '/';
      if (req.method === 'GET' && (path === '/v2' || path === '/health')) return send(res, 200, '', 'text/plain');
      if (opts.authToken !== undefined && req.headers.authorization !== `Bearer ${opts.authToken}`) {
        return send(res, 401, { message: 'Unauthorized: bad or missing auth token', code: 'AUTH_FAILED' });
      }
      if (req.method !== 'POST' || path !== '/v2/pipeline') return send(res, 404, 'Not found', 'text/plain');
      state.requests++;
      let body: { baton?: string | null; requests?: HRequest[] };
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return send(res, 400, { message: 'Invalid JSON body', code: 'HRANA_PROTO_ERROR' });
      }
      let stream: Stream | undefined;
      if (body.baton) {
        stream = streams.get(body.baton);
        if (!stream) return send(res, 400, { message: 'Stream expired or baton invalid', code: 'STREAM_EXPIRED' });
        streams.delete(body.baton);
      } else {
        stream = { conn: open(), sqls: new Map(), lastUsed: Date.now() };
      }
      const results: unknown[] = [];
      let closed = false;
      for (const r of body.requests ?? []) {
        if (closed) {
          results.push({ type: 'error', error: { message: 'Stream is closed', code: 'STREAM_CLOSED' } });
          continue;
        }
        if (r.type === 'close') {
          closed = true;
          results.push({ type: 'ok', response: { type: 'close' } });
          continue;
        }
        try {
          results.push({ type: 'ok', response: handle(stream, r) });
        } catch (e) {
          const err = sqliteError(e);
          results.push({ type: 'error', error: { message: err.message, code: err.code } });
        }
        renew(stream);
      }
      let baton: string | null = null;
      if (closed) {
        try {
          if (stream.conn.inTransaction) stream.conn.exec('ROLLBACK');
        } finally {
          stream.conn.close();
        }
      } else {
        baton = randomBytes(18).toString('base64url');
        stream.lastUsed = Date.now();
        streams.set(baton, stream);
      }
      if (opts.latencyMs) await new Promise((ok) => setTimeout(ok, opts.latencyMs));
      send(res, 200, { baton, base_url: null, results });
    } catch (e) {
      send(res, 500, { message: (e as Error).message, code: 'INTERNAL' });
    }
  });
  await new Promise<void>((ok) => server.listen(opts.port ?? 0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    file,
    get requests() {
      return state.requests;
    },
    query<T>(sql: string, ...args: unknown[]) {
      return admin.prepare(sql).all(...args) as T[];
    },
    async close() {
      clearInterval(sweeper);
      for (const baton of [...streams.keys()]) closeStream(baton);
      server.closeAllConnections?.();
      await new Promise<void>((ok) => server.close(() => ok()));
      admin.close();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [file, port] = process.argv.slice(2);
  const s = await startLibsqlHttpServer({ file: file || undefined, port: port ? Number(port) : 8080, authToken: process.env.FRESK_DB_TOKEN || undefined });
  console.log(`libSQL HTTP stand-in (tests only) on ${s.url}, file ${s.file}`);
  const stop = () => void s.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
