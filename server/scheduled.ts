import type { Deps } from './context.ts';
import type { Mailer } from './mailer.ts';
import { drainOutbox } from './outbox-drainer.ts';
import { sendReminders } from './services/notices.ts';
import { purgeExpiredPersonalData } from './services/privacy.ts';

/**
 * The scheduled job (Workers Cron Trigger; on Node an hourly timer beside the outbox loop): sends due
 * emails, queues the J-1 reminders (before draining, so they leave in the same run) and anonymises personal
 * data past its retention period.
 */
export async function runScheduledJobs(deps: Deps, mailer: Mailer | null, opts: { batch?: number } = {}) {
  const reminders = await sendReminders(deps);
  // Each message costs a few subrequests on Workers: the batch keeps a run inside the plan's limit.
  const outbox = await drainOutbox(deps, mailer, opts.batch ?? 100);
  const retention = await purgeExpiredPersonalData(deps, deps.config.retentionMonths);
  return { reminders, outbox, retention };
}
