import { isEmail } from '../validation.ts';

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
