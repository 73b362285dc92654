import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { outbox } from '../schema/index.ts';
import type { Deps } from './context.ts';
import { renderEmail, type RenderContext, type Rendered } from './emails/index.ts';
import type { MailResult, Mailer } from './mailer.ts';
import { prepared } from './services/prepared.ts';
import { secretFor } from './services/tokens.ts';

type OutboxRow = typeof outbox.$inferSelect;

/**
 * Retries stop once the next attempt would come more than 12 hours after the message was queued (and at
 * least MIN_ATTEMPTS were made): a provider outage of hours loses nothing, and every retry stays well
 * inside Resend's 24-hour idempotency window, so a late retry can never double a message the provider
 * did accept. The message is then marked failed, visible at /dev/outbox and in logs.
 */
export const RETRY_WINDOW_MS = 12 * 3600_000;
export const MIN_ATTEMPTS = 5;
/** Backoff: 2 s, 4 s, 8 s … capped at 10 minutes, or the provider's `retry-after` when longer. */
export const backoffMs = (attempt: number) => Math.min(10 * 60_000, 2000 * 2 ** (attempt - 1));
/**
 * A message claimed by a drainer that died is taken up again once its lease is over: the mailer's timeout
 * plus a margin (a send cannot outlive its timeout), so a crash delays a message by seconds, not minutes.
 * Should a lease ever run out while the first send is still finishing, the retry carries the same
 * idempotency key and the provider deduplicates it.
 */
const LEASE_MARGIN_MS = 5_000;
const leaseMs = (mailer: Mailer) => (mailer.timeoutMs ?? 55_000) + LEASE_MARGIN_MS;

/** Renders a queued message: links are rebuilt from token ids with the server secret, from FRESK_APP_URL. */
export function renderRow(deps: Pick<Deps, 'config'>, row: Pick<OutboxRow, 'template' | 'lang' | 'data'> & { to?: string }): Promise<Rendered> {
  // Calendar files name the sender as ORGANIZER and the recipient as ATTENDEE (iTIP, RFC 5546).
  const from = /<([^<>]+)>/.exec(deps.config.mailFrom)?.[1] ?? deps.config.mailFrom;
  const ctx: RenderContext = { appUrl: deps.config.appUrl, secret: (id) => secretFor(deps.config.authSecret, id), organizer: from, recipient: row.to };
  return renderEmail(row.template, row.lang, JSON.parse(row.data), ctx);
}

type Outcome = { status: 'sent'; providerId: string | null; note?: string } | { status: 'pending' | 'failed'; error: string; retryAfterMs?: number };

/** One attempt at a claimed row: render it (a failure is permanent), then hand it to the provider. */
async function attemptSend(deps: Deps, mailer: Mailer, row: OutboxRow): Promise<Outcome> {
  let message: Rendered;
  try {
    message = await renderRow(deps, row);
  } catch (error) {
    return { status: 'failed', error: `render: ${(error as Error).message}`.slice(0, 500) };
  }
  let result: MailResult;
  try {
    result = await mailer.send({ from: deps.config.mailFrom, to: row.to, ...message }, row.id);
  } catch (error) {
    // A mailer that throws did not say the message was refused: try again later.
    result = { ok: false, retryable: true, message: `error: ${(error as Error).message}`.slice(0, 500) };
  }
  return result.ok
    ? { status: 'sent', providerId: result.providerId, note: result.note }
    : { status: result.retryable ? 'pending' : 'failed', error: result.message, retryAfterMs: result.retryAfterMs };
}

/** The due rows, oldest first: built once per client (the loop runs after every registration: issue 19). */
const dueRows = prepared((db) =>
  db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, sql.placeholder('now'))))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.createdAt))
    .limit(sql.placeholder('limit'))
    .prepare(),
);

/**
 * Sends due outbox rows. Each row is claimed (its next attempt pushed a lease ahead) before the provider
 * is called, sent with its id as the idempotency key, then marked sent, rescheduled with backoff (429,
 * 5xx, timeouts) or failed (other 4xx, bad template). Without a mailer (no RESEND_API_KEY) rows are kept
 * for /dev/outbox. A crash between claim and mark leaves the row to be retried with the same key, which
 * the provider deduplicates: nothing is lost or doubled.
 */
export async function drainOutbox(deps: Deps, mailer: Mailer | null, limit = 25): Promise<{ sent: number; retried: number; failed: number; kept: number }> {
  const stats = { sent: 0, retried: 0, failed: 0, kept: 0 };
  const now = deps.clock.now();
  const due = await dueRows(deps.database.db).all({ now, limit });
  if (!mailer) {
    // No provider: keep the whole batch in one statement (one commit, not one per message).
    if (due.length) {
      const ids = due.map((row) => row.id);
      const kept = await deps.database.write((tx) => tx.update(outbox).set({ status: 'kept' }).where(and(inArray(outbox.id, ids), eq(outbox.status, 'pending'))));
      stats.kept += kept.rowsAffected;
    }
    return stats;
  }
  for (const row of due) {
    // The lease starts now, not when this batch was selected: earlier sends of the batch took time.
    const claimedAt = deps.clock.now();
    const claimed = await deps.database.write((tx) =>
      tx
        .update(outbox)
        .set({ nextAttemptAt: claimedAt + leaseMs(mailer), attempts: sql`${outbox.attempts} + 1` })
        .where(and(eq(outbox.id, row.id), eq(outbox.status, 'pending'), eq(outbox.nextAttemptAt, row.nextAttemptAt))),
    );
    if (claimed.rowsAffected !== 1) continue; // another drainer has it
    const attempt = row.attempts + 1;
    const done = await attemptSend(deps, mailer, row);
    const at = deps.clock.now();
    if (done.status === 'sent') {
      stats.sent++;
      await deps.database.write((tx) =>
        tx.update(outbox).set({ status: 'sent', sentAt: at, providerId: done.providerId, lastError: done.note ?? null }).where(eq(outbox.id, row.id)),
      );
      continue;
    }
    const wait = Math.max(backoffMs(attempt), done.retryAfterMs ?? 0);
    const status = done.status === 'pending' && attempt >= MIN_ATTEMPTS && at + wait - row.createdAt > RETRY_WINDOW_MS ? 'failed' : done.status;
    status === 'failed' ? stats.failed++ : stats.retried++;
    await deps.database.write((tx) =>
      tx.update(outbox).set({ status, lastError: done.error, nextAttemptAt: at + wait }).where(eq(outbox.id, row.id)),
    );
    if (status === 'failed') console.error(`[outbox] message ${row.id} (${row.template}) failed after ${attempt} attempt(s): ${done.error}`);
    else console.warn(`[outbox] message ${row.id} (${row.template}) attempt ${attempt} failed, retrying at ${new Date(at + wait).toISOString()}: ${done.error}`);
  }
  return stats;
}

/**
 * Runs the drainer now and then on an interval, one run at a time (Node). `kick()` asks for a run soon;
 * a run goes on while batches come back full. `stop()` ends the interval; `idle()` waits for a run in flight.
 */
export function startOutboxLoop(deps: Deps, mailer: Mailer | null, intervalMs = 2000, batch = 25) {
  let current: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (current) {
      again = true;
      return current;
    }
    current = (async () => {
      try {
        do {
          again = false;
          const s = await drainOutbox(deps, mailer, batch);
          if (s.sent + s.retried + s.failed + s.kept >= batch) again = true;
        } while (again && !stopped);
      } catch (error) {
        console.error('[outbox] drain failed:', (error as Error).message);
      } finally {
        current = null;
      }
    })();
    return current;
  };
  const timer = setInterval(run, intervalMs);
  timer.unref?.();
  void run();
  return {
    kick: () => void run(),
    run,
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
    idle: () => current ?? Promise.resolve(),
  };
}
