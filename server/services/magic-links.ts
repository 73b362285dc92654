import { eq } from 'drizzle-orm';
import { facilitators } from '../../schema/index.ts';
import { signJwt } from '../auth.ts';
import type { Deps } from '../context.ts';
import { DomainError } from '../errors.ts';
import { LOCAL_SUB_PREFIX } from './identity.ts';
import { enqueueEmail } from './outbox.ts';
import { consumeToken, findUsableToken, issueToken } from './tokens.ts';

const LINK_TTL = 15 * 60_000;
/** Sessions opened by a magic link last 12 hours. */
const SESSION_TTL_SECONDS = 12 * 3600;

/**
 * Emails a sign-in link to a known facilitator. Answers the same whether or not the address is known
 * (no enumeration); the caller rate-limits per address and per client before calling.
 */
export async function requestLink(deps: Deps, input: { email: string; next?: string; lang?: 'fr' | 'en' }) {
  const now = deps.clock.now();
  const known =
    (await deps.database.db.query.facilitators.findFirst({ where: eq(facilitators.email, input.email) })) ??
    (isAssociationMailbox(deps, input.email) ? await associationRecord(deps, now) : undefined);
  if (known) {
    const landing = await landingOf(deps, input.next, now);
    await deps.database.write(async (tx) => {
      const token = await issueToken(tx, deps.config.authSecret, now, {
        purpose: 'magic_link',
        email: known.email,
        subjectId: known.id,
        expiresAt: now + LINK_TTL,
      });
      await enqueueEmail(tx, now, { template: 'magic_link', to: known.email, lang: input.lang ?? 'fr', data: { tokenId: token.id, ...landing } });
    });
    deps.kickOutbox?.();
  }
  return { sent: true as const };
}

/**
 * The association's mailbox (`FRESK_ASSOCIATION_EMAIL`) is staff's: it receives the retribution requests
 * and closing notices, so the desk links in them must sign its readers in as staff.
 */
const isAssociationMailbox = (deps: Deps, email: string) => email === deps.config.associationEmail.toLowerCase();

/** The association mailbox's record, created on its first sign-in request (a magic link needs a subject). */
async function associationRecord(deps: Deps, now: number) {
  const email = deps.config.associationEmail.toLowerCase();
  return deps.database.write(async (tx) => {
    const row = await tx.query.facilitators.findFirst({ where: eq(facilitators.email, email) });
    if (row) return row;
    const created = { id: crypto.randomUUID(), portalId: null, email, name: 'Association', ofCompliant: null, createdAt: now };
    await tx.insert(facilitators).values(created);
    return created;
  });
}

/** Pages whose path ends in a secret: such a path is never stored as is (the outbox keeps a year of mail). */
const SECRET_PATH = /^\/(join|signup|invitation|cancel|auth|survey|checkin|attestation)\/([^/?#]*)/;

/**
 * Where the sign-in link lands, as stored in the outbox: a plain path as given; a facilitator link's page as
 * the id of its token (the secret is recomputed when the mail is rendered); any other secret-bearing path
 * dropped (the person lands on their missions).
 */
async function landingOf(deps: Deps, next: string | undefined, now: number): Promise<{ next?: string; nextJoinTokenId?: string }> {
  if (!next) return {};
  const m = SECRET_PATH.exec(next);
  if (!m) return { next };
  if (m[1] !== 'join') return {};
  const token = await findUsableToken(deps.database.db, m[2], ['facilitator_link', 'facilitator_invite'], now);
  return token ? { nextJoinTokenId: token.id } : {};
}

/** Trades a magic link (once, within 15 minutes) for the same kind of JWT the portal mints. */
export async function exchangeLink(deps: Deps, secret: string) {
  const now = deps.clock.now();
  const person = await deps.database.write(async (tx) => {
    const token = await findUsableToken(tx, secret, ['magic_link'], now);
    if (!token?.subjectId || !(await consumeToken(tx, token.id, now))) throw new DomainError('invalid_token');
    const row = await tx.query.facilitators.findFirst({ where: eq(facilitators.id, token.subjectId) });
    if (!row) throw new DomainError('invalid_token');
    return row;
  });
  const exp = Math.floor(now / 1000) + SESSION_TTL_SECONDS;
  const jwt = await signJwt(
    { sub: person.portalId ?? `${LOCAL_SUB_PREFIX}${person.id}`, email: person.email, name: person.name, role: isAssociationMailbox(deps, person.email) ? 'admin' : 'facilitator', exp, iat: Math.floor(now / 1000) },
    deps.config.authSecret,
  );
  return { token: jwt, expiresAt: new Date(exp * 1000).toISOString() };
}
