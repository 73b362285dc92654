import { outbox } from '../../schema/index.ts';
import type { Tx } from '../db.ts';
import type { TemplateData, TemplateName } from '../emails/index.ts';

/**
 * Queues an email in the same transaction as the change that causes it. `data` carries display values and
 * token ids only — never a usable secret; links are rendered when the message is sent.
 */
export async function enqueueEmail<N extends TemplateName>(
  tx: Tx,
  now: number,
  message: { template: N; to: string; lang: 'fr' | 'en'; data: TemplateData<N> },
): Promise<string> {
  const id = crypto.randomUUID();
  await tx.insert(outbox).values({
    id,
    template: message.template,
    to: message.to,
    lang: message.lang,
    data: JSON.stringify(message.data),
    status: 'pending',
    nextAttemptAt: now,
    createdAt: now,
  });
  return id;
}
