import { and, eq, inArray, isNull } from 'drizzle-orm';
import { tokens } from '../../schema/index.ts';
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

/** Each personal invitation's email. */
const TEMPLATES = { facilitator_invite: 'facilitator_invitation', participant_invite: 'participant_invitation' } as const;
type Purpose = keyof typeof TEMPLATES;

/** Revokes the open personal invitations of these addresses on a session: inviting again replaces them. */
async function revokePreviousInvitations(tx: Tx, now: number, sessionId: string, purpose: Purpose, emails: string[]) {
  if (!emails.length) return;
  await tx
    .update(tokens)
    .set({ revokedAt: now })
    .where(and(eq(tokens.sessionId, sessionId), eq(tokens.purpose, purpose), inArray(tokens.email, emails), isNull(tokens.revokedAt), isNull(tokens.usedAt)));
}

/**
 * Replaces the invited addresses' previous invitations, issues one personal token per address (valid
 * `ttl` ms) and queues its invitation email, in three statements whatever the list's length (Turso's
 * transaction time limit).
 */
export async function sendInvitations<P extends Purpose>(
  tx: Tx,
  deps: Deps,
  now: number,
  opts: { purpose: P; session: SessionRow; ttl: number; emails: string[]; data: (tokenId: string) => TemplateData<(typeof TEMPLATES)[P]> },
): Promise<void> {
  await revokePreviousInvitations(tx, now, opts.session.id, opts.purpose, opts.emails);
  const issued = await issueTokens(
    tx,
    deps.config.authSecret,
    now,
    opts.emails.map((email) => ({ purpose: opts.purpose, sessionId: opts.session.id, email, expiresAt: now + opts.ttl })),
  );
  await enqueueEmails(
    tx,
    now,
    opts.emails.map((email, i) => ({ template: TEMPLATES[opts.purpose], to: email, lang: opts.session.language, data: opts.data(issued[i].id) })),
  );
}
