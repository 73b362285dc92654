/**
 * A local fake of Resend's `POST /emails`, on node:http at 127.0.0.1:<random port>, for the outbox tests
 * (the real `resend` SDK is pointed at it with `baseUrl` / `RESEND_BASE_URL`).
 *
 * - Records every attempt: headers (Idempotency-Key included), parsed body, what it answered.
 * - Deduplicates by Idempotency-Key like Resend: the same key with the same payload answers the first
 *   answer again without delivering twice; with another payload, 409 `invalid_idempotent_request`; while
 *   a request with that key is still in progress, 409 `concurrent_idempotent_requests`.
 * - Can be scripted to fail the next attempts: 500, 429 (with `retry-after`), 422, 409, or to hang (the
 *   request is never answered: either not processed at all, or processed — delivered — with the answer lost).
 * - Error bodies have Resend's shape `{statusCode, message, name}`.
 *
 * Also runnable on its own (`node --import tsx test/fake-resend.ts`) for manual checks: prints its URL.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Step =
  | { kind: 'ok' }
  | { kind: 'status'; status: number; name?: string; message?: string; retryAfter?: string; rawBody?: string }
  /** Never answers. `accepted`: the provider did send the message (and stored its idempotent answer) but the answer is lost. */
  | { kind: 'hang'; accepted?: boolean };

export interface Attempt {
  n: number;
  headers: Record<string, string>;
  idempotencyKey: string | null;
  body: any;
  /** What the fake did: `delivered`, `replayed` (dedupe), an HTTP status as a string, `hang`, `hang-accepted`. */
  outcome: string;
  answered: boolean;
}

export interface Delivery {
  id: string;
  idempotencyKey: string | null;
  body: any;
}

export interface FakeResend {
  url: string;
  attempts: Attempt[];
  deliveries: Delivery[];
  /** Queue outcomes for the next attempts, in order; once used up, every attempt succeeds (or hangs, see `hangAll`). */
  script(...steps: Step[]): void;
  /** Shorthand: the next `n` attempts answer `step`. */
  failNext(n: number, step: Step): void;
  /** While true, every unscripted attempt hangs (accepted or not). */
  hangAll(on: boolean, accepted?: boolean): void;
  /** Resolves once at least `n` attempts have reached the fake. */
  waitForAttempts(n: number): Promise<void>;
  /** Resolves once at least `n` distinct messages have been delivered. */
  waitForDeliveries(n: number): Promise<void>;
  /** Answers every hanging request now (200 if accepted, else processes it as a normal attempt). */
  release(): void;
  /** Number of requests currently left hanging. */
  hanging(): number;
  close(): Promise<void>;
}

interface Stored {
  hash: string;
  status: number;
  body: unknown;
  inProgress: boolean;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

const defaultNames: Record<number, string> = {
  400: 'validation_error',
  401: 'missing_api_key',
  403: 'invalid_api_key',
  409: 'concurrent_idempotent_requests',
  422: 'validation_error',
  429: 'rate_limit_exceeded',
  500: 'internal_server_error',
  503: 'application_error',
};

export async function startFakeResend(): Promise<FakeResend> {
  const attempts: Attempt[] = [];
  const deliveries: Delivery[] = [];
  const queue: Step[] = [];
  const byKey = new Map<string, Stored>();
  const hung = new Set<{ res: ServerResponse; release: () => void }>();
  const waiters: { check: () => boolean; resolve: () => void }[] = [];
  let hangEverything: false | { accepted: boolean } = false;
  let seq = 0;

  const notify = () => {
    for (const w of [...waiters]) if (w.check()) (waiters.splice(waiters.indexOf(w), 1), w.resolve());
  };
  const waitFor = (check: () => boolean) => new Promise<void>((resolve) => (check() ? resolve() : waiters.push({ check, resolve })));

  const deliver = (key: string | null, body: unknown, hash: string) => {
    const id = `fake_${++seq}`;
    deliveries.push({ id, idempotencyKey: key, body });
    if (key) byKey.set(key, { hash, status: 200, body: { id }, inProgress: false });
    return id;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (req.method !== 'POST' || req.url !== '/emails') return json(res, 404, { statusCode: 404, name: 'not_found', message: 'Not found' });
    let body: any;
    try {
      body = JSON.parse(raw);
    } catch {
      return json(res, 400, { statusCode: 400, name: 'validation_error', message: 'Invalid JSON' });
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
    const key = headers['idempotency-key'] ?? null;
    const attempt: Attempt = { n: attempts.length + 1, headers, idempotencyKey: key, body, outcome: '', answered: false };
    attempts.push(attempt);
    const answer = (status: number, payload: unknown, extra: Record<string, string> = {}) => {
      attempt.answered = true;
      json(res, status, payload, extra);
      notify();
    };

    const step: Step = queue.shift() ?? (hangEverything ? { kind: 'hang', accepted: hangEverything.accepted } : { kind: 'ok' });
    const hash = JSON.stringify(body);
    const stored = key ? byKey.get(key) : undefined;

    if (step.kind === 'status') {
      attempt.outcome = String(step.status);
      const extra: Record<string, string> = step.retryAfter !== undefined ? { 'retry-after': step.retryAfter } : {};
      if (step.rawBody !== undefined) return answer(step.status, step.rawBody, extra);
      return answer(
        step.status,
        { statusCode: step.status, name: step.name ?? defaultNames[step.status] ?? 'application_error', message: step.message ?? `Fake error ${step.status}` },
        extra,
      );
    }

    // Idempotency, as Resend documents it.
    if (stored) {
      if (stored.hash !== hash) {
        attempt.outcome = '409';
        return answer(409, { statusCode: 409, name: 'invalid_idempotent_request', message: 'Same idempotency key used with a different payload.' });
      }
      if (stored.inProgress) {
        attempt.outcome = '409';
        return answer(409, { statusCode: 409, name: 'concurrent_idempotent_requests', message: 'Same idempotency key is still in progress.' });
      }
      attempt.outcome = 'replayed';
      return answer(stored.status, stored.body);
    }

    if (step.kind === 'hang') {
      if (step.accepted) {
        attempt.outcome = 'hang-accepted';
        deliver(key, body, hash);
      } else {
        attempt.outcome = 'hang';
        if (key) byKey.set(key, { hash, status: 0, body: null, inProgress: true });
      }
      const entry = {
        res,
        release: () => {
          hung.delete(entry);
          if (step.accepted) return answer(200, byKey.get(key ?? '')?.body ?? { id: deliveries.at(-1)!.id });
          if (key) byKey.delete(key);
          return answer(200, { id: deliver(key, body, hash) });
        },
      };
      hung.add(entry);
      // The client gave up (timeout, crash): a request that was never processed frees its key.
      res.on('close', () => {
        if (!attempt.answered && hung.has(entry)) {
          hung.delete(entry);
          if (!step.accepted && key && byKey.get(key)?.inProgress) byKey.delete(key);
          notify();
        }
      });
      notify();
      return;
    }

    attempt.outcome = 'delivered';
    answer(200, { id: deliver(key, body, hash) });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => json(res, 500, { statusCode: 500, name: 'internal_server_error', message: String(e) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    attempts,
    deliveries,
    script: (...steps) => void queue.push(...steps),
    failNext: (n, step) => void queue.push(...Array.from({ length: n }, () => step)),
    hangAll: (on, accepted = false) => void (hangEverything = on ? { accepted } : false),
    waitForAttempts: (n) => waitFor(() => attempts.length >= n),
    waitForDeliveries: (n) => waitFor(() => deliveries.length >= n),
    release: () => [...hung].forEach((h) => h.release()),
    hanging: () => hung.size,
    close: async () => {
      for (const h of hung) h.res.destroy();
      hung.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// Standalone: `node --import tsx test/fake-resend.ts [hang]`.
if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  const fake = await startFakeResend();
  if (process.argv[2] === 'hang') fake.hangAll(true, true);
  console.log(fake.url);
}
