import { eq, sql } from 'drizzle-orm';
import { outbox } from '../../schema/index.ts';
import type { Tx } from '../db.ts';

/** What an erased person's email becomes in the copies that other people keep. */
export const ERASED_EMAIL = 'erased@erased.invalid';

/**
 * Removes a person from the outbox rows addressed to others (the association's copies of retribution
 * requests and closing notices carry facilitators' names and emails): in every object of a row's `data`
 * that holds the email, the email is replaced and any of the person's names emptied. Names alone are not
 * searched for: a name is not unique, an email is.
 */
export async function scrubPerson(tx: Tx, email: string, names: string[]): Promise<number> {
  const rows = await tx.select({ id: outbox.id, data: outbox.data }).from(outbox).where(sql`instr(${outbox.data}, ${email}) > 0`);
  const known = new Set(names.filter(Boolean));
  const scrub = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(scrub);
    if (!value || typeof value !== 'object') return value === email ? ERASED_EMAIL : value;
    const entries = Object.entries(value as Record<string, unknown>);
    const holdsEmail = entries.some(([, v]) => v === email);
    return Object.fromEntries(entries.map(([k, v]) => [k, holdsEmail && typeof v === 'string' && known.has(v) ? '' : scrub(v)]));
  };
  for (const row of rows) await tx.update(outbox).set({ data: JSON.stringify(scrub(JSON.parse(row.data))) }).where(eq(outbox.id, row.id));
  return rows.length;
}
