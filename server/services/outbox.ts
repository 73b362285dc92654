import { sql } from 'drizzle-orm';
import { outbox } from '../../schema/index.ts';
import { prepared } from './prepared.ts';
import type { Tx } from '../db.ts';
import type { TemplateData, TemplateName } from '../emails/index.ts';

/**
 * Queues an email in the same transaction as the change that causes it. `data` carries display values and
 * token ids only — never a usable secret; links are rendered when the message is sent.
 */
export async function enqueueEmail<N extends TemplateName>(tx: Tx, now: number, message: Message<N>): Promise<string> {
  const row = outboxRow(now, message);
  await insertMessage(tx).run(row);
  return row.id;
}

/** The insert of one message, built once per client (every registration queues its confirmation: issue 19). */
const insertMessage = prepared((db) =>
  db
    .insert(outbox)
    .values({
      id: sql.placeholder('id'),
      template: sql.placeholder('template'),
      to: sql.placeholder('to'),
      lang: sql.placeholder('lang'),
      data: sql.placeholder('data'),
      status: sql.placeholder('status'),
      nextAttemptAt: sql.placeholder('nextAttemptAt'),
      createdAt: sql.placeholder('createdAt'),
    })
    .prepare(),
);

const outboxRow = <N extends TemplateName>(now: number, m: Message<N>) => ({
  id: crypto.randomUUID(),
  template: m.template,
  to: m.to,
  lang: m.lang,
  data: JSON.stringify(m.data),
  status: 'pending' as const,
  nextAttemptAt: now,
  createdAt: now,
});

type Message<N extends TemplateName> = { template: N; to: string; lang: 'fr' | 'en'; data: TemplateData<N> };

/** Queues several emails in one statement (invite lists, session cancellations). */
export async function enqueueEmails<N extends TemplateName>(tx: Tx, now: number, messages: Message<N>[]): Promise<string[]> {
  if (!messages.length) return [];
  const rows = messages.map((m) => outboxRow(now, m));
  await tx.insert(outbox).values(rows);
  return rows.map((r) => r.id);
}
