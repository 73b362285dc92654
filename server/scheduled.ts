import type { Deps } from './context.ts';
import type { Mailer } from './mailer.ts';
import { drainOutbox } from './outbox-drainer.ts';
import { purgeExpiredPersonalData } from './services/privacy.ts';

/**
 * The scheduled job (Workers Cron Trigger; on Node an hourly timer beside the outbox loop): sends due
 * emails and anonymises personal data past its retention period.
 */
export async function runScheduledJobs(deps: Deps, mailer: Mailer | null) {
  const outbox = await drainOutbox(deps, mailer, 100);
  const retention = await purgeExpiredPersonalData(deps, deps.config.retentionMonths);
  return { outbox, retention };
}
