import type { Deps } from './context.ts';
import type { Mailer } from './mailer.ts';
import { drainOutbox } from './outbox-drainer.ts';
import { queueDayAfterReminders } from './services/day-after.ts';
import { sendReminders } from './services/notices.ts';
import { purgeExpiredPersonalData } from './services/privacy.ts';

/** Queues the reminders that are due: the day before a session (J-1), and the days after it. */
async function queueReminders(deps: Deps) {
  return { dayBefore: await sendReminders(deps), dayAfter: await queueDayAfterReminders(deps) };
}

/**
 * The scheduled job (Workers Cron Trigger): queues the reminders — the day before a session (J-1), the
 * days after it (attendance, survey) — before draining, so they leave in the same run, sends due emails,
 * and anonymises personal data past its retention period.
 */
export async function runScheduledJobs(deps: Deps, mailer: Mailer | null, opts: { batch?: number } = {}) {
  const reminders = await queueReminders(deps);
  // Each message costs a few subrequests on Workers: the batch keeps a run inside the plan's limit.
  const outbox = await drainOutbox(deps, mailer, opts.batch ?? 100);
  const retention = await purgeExpiredPersonalData(deps, deps.config.retentionMonths);
  return { reminders, outbox, retention };
}

/** The scheduled work that does not send (Node, every FRESK_SCHEDULE_SECONDS and at start, beside the outbox loop). */
export async function runScheduledWork(deps: Deps) {
  const reminders = await queueReminders(deps);
  const retention = await purgeExpiredPersonalData(deps, deps.config.retentionMonths);
  return { reminders, retention };
}
