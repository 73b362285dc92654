import { outbox } from '../../schema/index.ts';
import type { Tx } from '../db.ts';
import type { TemplateData, TemplateName } from '../emails/index.ts';

/**
 * Queues an email in the same transaction as the change that causes it. `data` carries display values and
 * token ids only — never a usable secret; links are rendered when the message is sent.
 */
export async function enqueueEmail<N extends TemplateName>(tx: Tx, now: number, message: Message<N>): Promise<string> {
  const [id] = await enqueueEmails(tx, now, [message]);
  return id;
}

type Message<N extends TemplateName> = { template: N; to: string; lang: 'fr' | 'en'; data: TemplateData<N> };

/** Queues several emails in one statement (invite lists, session cancellations). */
export async function enqueueEmails<N extends TemplateName>(tx: Tx, now: number, messages: Message<N>[]): Promise<string[]> {
  if (!messages.length) return [];
  const rows = messages.map((m) => ({
    id: crypto.randomUUID(),
    template: m.template,
    to: m.to,
    lang: m.lang,
    data: JSON.stringify(m.data),
    status: 'pending' as const,
    nextAttemptAt: now,
    createdAt: now,
  }));
  await tx.insert(outbox).values(rows);
  return rows.map((r) => r.id);
}
