import { and, eq, isNull } from 'drizzle-orm';
import { auditLog, facilitators, tokens } from '../../schema/index.ts';
import type { Deps } from '../context.ts';
import { notFound } from '../errors.ts';
import type { Caller } from './identity.ts';

/**
 * Staff revoke every bearer token of a person (a lost laptop, a leaked token): tokens issued before now
 * are refused from here on, whoever minted them (portal or magic link), and pending sign-in links die.
 * The person signs in again to get a fresh one. Unknown address: NOT_FOUND. Audited.
 */
export async function revokeTokens(deps: Deps, me: Caller, email: string) {
  const now = deps.clock.now();
  return deps.database.write(async (tx) => {
    const row = await tx.query.facilitators.findFirst({ where: eq(facilitators.email, email) });
    if (!row || row.erasedAt !== null) throw notFound();
    await tx.update(facilitators).set({ tokensNotBefore: now }).where(eq(facilitators.id, row.id));
    await tx
      .update(tokens)
      .set({ revokedAt: now })
      .where(and(eq(tokens.subjectId, row.id), eq(tokens.purpose, 'magic_link'), isNull(tokens.revokedAt)));
    await tx.insert(auditLog).values({ id: crypto.randomUUID(), at: now, actorId: me.facilitatorId, action: 'person.tokens_revoked', missionId: null, detail: JSON.stringify({ facilitatorId: row.id }) });
    return { revokedAt: new Date(now).toISOString() };
  });
}
