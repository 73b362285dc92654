import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { outbox } from '../schema/index.ts';
import type { Deps } from './context.ts';
import { renderEmail, type RenderContext, type Rendered } from './emails/index.ts';
import type { Mailer } from './mailer.ts';
import { secretFor } from './services/tokens.ts';

type OutboxRow = typeof outbox.$inferSelect;

/** Retries stop after this many attempts; the message is then marked failed, visible at /dev/outbox and in logs. */
export const MAX_ATTEMPTS = 8;
/** Backoff: 2 s, 4 s, 8 s … capped at 10 minutes, or the provider's `retry-after` when longer. */
export const backoffMs = (attempt: number) => Math.min(10 * 60_000, 2000 * 2 ** (attempt - 1));
/** A message claimed by a drainer that died is taken up again after this long. */
const LEASE_MS = 60_000;

/** Renders a queued message: links are rebuilt from token ids with the server secret, from FRESK_APP_URL. */
export function renderRow(deps: Pick<Deps, 'config'>, row: Pick<OutboxRow, 'template' | 'lang' | 'data'>): Promise<Rendered> {
  const ctx: RenderContext = { appUrl: deps.config.appUrl, secret: (id) => secretFor(deps.config.authSecret, id) };
  return renderEmail(row.template, row.lang, JSON.parse(row.data), ctx);
}

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
  const due = await deps.database.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.createdAt))
    .limit(limit);
  for (const row of due) {
    if (!mailer) {
      await deps.database.write((tx) => tx.update(outbox).set({ status: 'kept' }).where(and(eq(outbox.id, row.id), eq(outbox.status, 'pending'))));
      stats.kept++;
      continue;
    }
    const claimed = await deps.database.write((tx) =>
      tx
        .update(outbox)
        .set({ nextAttemptAt: now + LEASE_MS, attempts: sql`${outbox.attempts} + 1` })
        .where(and(eq(outbox.id, row.id), eq(outbox.status, 'pending'), eq(outbox.nextAttemptAt, row.nextAttemptAt))),
    );
    if (claimed.rowsAffected !== 1) continue; // another drainer has it
    const attempt = row.attempts + 1;
    let outcome: { status: 'sent'; providerId: string } | { status: 'pending' | 'failed'; error: string; retryAfterMs?: number };
    try {
      const message = await renderRow(deps, row);
      const result = await mailer.send({ from: deps.config.mailFrom, to: row.to, ...message }, row.id);
      outcome = result.ok
        ? { status: 'sent', providerId: result.providerId }
        : { status: result.retryable && attempt < MAX_ATTEMPTS ? 'pending' : 'failed', error: result.message, retryAfterMs: result.retryAfterMs };
    } catch (error) {
      outcome = { status: 'failed', error: `render: ${(error as Error).message}`.slice(0, 500) };
    }
    const at = deps.clock.now();
    if (outcome.status === 'sent') {
      stats.sent++;
      await deps.database.write((tx) =>
        tx.update(outbox).set({ status: 'sent', sentAt: at, providerId: outcome.providerId, lastError: null }).where(eq(outbox.id, row.id)),
      );
    } else {
      outcome.status === 'failed' ? stats.failed++ : stats.retried++;
      const wait = Math.max(backoffMs(attempt), outcome.retryAfterMs ?? 0);
      await deps.database.write((tx) =>
        tx.update(outbox).set({ status: outcome.status, lastError: outcome.error, nextAttemptAt: at + wait }).where(eq(outbox.id, row.id)),
      );
      if (outcome.status === 'failed') console.error(`[outbox] message ${row.id} (${row.template}) failed: ${outcome.error}`);
    }
  }
  return stats;
}

/** Runs the drainer now and then on an interval, one run at a time (Node). `kick()` asks for a run soon. */
export function startOutboxLoop(deps: Deps, mailer: Mailer | null, intervalMs = 2000) {
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await drainOutbox(deps, mailer);
      } while (again);
    } catch (error) {
      console.error('[outbox] drain failed:', (error as Error).message);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(run, intervalMs);
  timer.unref?.();
  void run();
  return { kick: () => void run(), stop: () => clearInterval(timer), run };
}
