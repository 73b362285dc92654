import type { Deps } from './context.ts';
import type { Mailer } from './mailer.ts';
import { drainOutbox } from './outbox-drainer.ts';
import { queueDayAfterReminders } from './services/day-after.ts';
import { purgeExpiredPersonalData } from './services/privacy.ts';

/**
 * The scheduled job (Workers Cron Trigger; on Node every FRESK_SCHEDULE_SECONDS and at start, beside the
 * outbox loop): queues the reminders of the days after a session, sends due emails, and anonymises
 * personal data past its retention period.
 */
export async function runScheduledJobs(deps: Deps, mailer: Mailer | null, opts: { batch?: number } = {}) {
  const reminders = await queueDayAfterReminders(deps);
  // Each message costs a few subrequests on Workers: the batch keeps a run inside the plan's limit.
  const outbox = await drainOutbox(deps, mailer, opts.batch ?? 100);
  const retention = await purgeExpiredPersonalData(deps, deps.config.retentionMonths);
  return { reminders, outbox, retention };
}

/** The scheduled work that does not send (Node, where the outbox loop sends; Workers without a key). */
export async function runScheduledWork(deps: Deps) {
  const reminders = await queueDayAfterReminders(deps);
  const retention = await purgeExpiredPersonalData(deps, deps.config.retentionMonths);
  return { reminders, retention };
}
