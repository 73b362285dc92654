import { eq } from 'drizzle-orm';
import { facilitators } from '../../schema/index.ts';
import type { Claims } from '../auth.ts';
import type { Deps } from '../context.ts';

/** The signed-in person, as procedures see them. */
export interface Caller {
  facilitatorId: string;
  role: 'facilitator' | 'admin';
  email: string;
  name: string;
}

/** Sub of tokens minted by this server's magic link: `fresk:<facilitatorId>`. */
export const LOCAL_SUB_PREFIX = 'fresk:';

/**
 * Finds the facilitator record for the token's claims (by `sub`, then by email) and creates or updates
 * it from them: name, email and, when the portal says so, OF compliance. Writes only when something changed.
 */
export async function resolveCaller(deps: Deps, claims: Claims): Promise<Caller> {
  const { db } = deps.database;
  const local = claims.sub.startsWith(LOCAL_SUB_PREFIX) ? claims.sub.slice(LOCAL_SUB_PREFIX.length) : null;
  const find = async () =>
    (local ? await db.query.facilitators.findFirst({ where: eq(facilitators.id, local) }) : undefined) ??
    (await db.query.facilitators.findFirst({ where: eq(facilitators.portalId, claims.sub) })) ??
    (await db.query.facilitators.findFirst({ where: eq(facilitators.email, claims.email) }));

  let row = await find();
  const wanted = {
    email: claims.email,
    name: claims.name || row?.name || '',
    // Staff's word on compliance wins: once they set it, the portal's claim no longer changes it.
    ofCompliant: row?.ofSetByStaffAt != null ? row.ofCompliant : (claims.of ?? row?.ofCompliant ?? null),
    portalId: local ? (row?.portalId ?? null) : claims.sub,
  };
  const changed =
    !row || row.email !== wanted.email || row.name !== wanted.name || row.ofCompliant !== wanted.ofCompliant || row.portalId !== wanted.portalId;
  if (changed) {
    row = await deps.database.write(async (tx) => {
      const current = await find();
      if (!current) {
        const created = { id: crypto.randomUUID(), ...wanted, ofSetByStaffAt: null, createdAt: deps.clock.now() };
        await tx.insert(facilitators).values(created);
        return created;
      }
      // Another record may already hold this email or portal id; keep the record we matched and skip the clash.
      const clash = await tx.query.facilitators.findFirst({ where: eq(facilitators.email, wanted.email) });
      const email = clash && clash.id !== current.id ? current.email : wanted.email;
      const portalClash = wanted.portalId
        ? await tx.query.facilitators.findFirst({ where: eq(facilitators.portalId, wanted.portalId) })
        : undefined;
      const portalId = portalClash && portalClash.id !== current.id ? current.portalId : wanted.portalId;
      const next = { ...current, ...wanted, email, portalId };
      await tx.update(facilitators).set({ email, name: next.name, ofCompliant: next.ofCompliant, portalId }).where(eq(facilitators.id, current.id));
      return next;
    });
  }
  return { facilitatorId: row!.id, role: claims.role, email: row!.email, name: row!.name };
}
