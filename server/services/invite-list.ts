import type { Deps } from '../context.ts';
import type { Tx } from '../db.ts';
import type { TemplateData } from '../emails/index.ts';
import { isEmail } from '../validation.ts';
import type { SessionRow } from './access.ts';
import { enqueueEmails } from './outbox.ts';
import { issueTokens } from './tokens.ts';

/**
 * The entries of an invite list in their order, addresses normalised and each one once; entries that are
 * not emails come back as they were with `invalid`. Each is then judged on its own: one bad entry refuses
 * only itself.
 */
export function inviteList(emails: string[]): { email: string; invalid?: true }[] {
  const seen = new Set<string>();
  const out: { email: string; invalid?: true }[] = [];
  for (const raw of emails) {
    const email = raw.trim().toLowerCase();
    if (!isEmail(email)) out.push({ email: raw, invalid: true });
    else if (!seen.has(email)) {
      seen.add(email);
      out.push({ email });
    }
  }
  return out;
}

/**
 * Issues one personal token per invited address and queues its invitation email, in two statements
 * whatever the list's length (Turso's transaction time limit).
 */
export async function sendInvitations<N extends 'facilitator_invitation' | 'participant_invitation'>(
  tx: Tx,
  deps: Deps,
  now: number,
  opts: { purpose: 'facilitator_invite' | 'participant_invite'; template: N; session: SessionRow; expiresAt: number; emails: string[]; data: (tokenId: string) => TemplateData<N> },
): Promise<void> {
  const issued = await issueTokens(
    tx,
    deps.config.authSecret,
    now,
    opts.emails.map((email) => ({ purpose: opts.purpose, sessionId: opts.session.id, email, expiresAt: opts.expiresAt })),
  );
  await enqueueEmails(
    tx,
    now,
    opts.emails.map((email, i) => ({ template: opts.template, to: email, lang: opts.session.language, data: opts.data(issued[i].id) })),
  );
}
