import { z } from 'zod';
import { createMission, listMissions } from '../services/missions.ts';
import { setFacilitator } from '../services/facilitators.ts';
import { listRetributionRequests } from '../services/retributions.ts';
import { erasePerson, exportPerson } from '../services/privacy.ts';
import { revokeTokens } from '../services/revocation.ts';
import { adminProcedure, router } from '../trpc.ts';
import { email, personName, kind, sector, text } from '../validation.ts';

const orderLine = z.object({ kind, quantity: z.number().int().min(0).max(10000) });

export const adminRouter = router({
  createMission: adminProcedure
    .input(
      z.object({
        title: text(200),
        organization: z.object({ name: text(200), sector }),
        coordinator: z.object({ email, name: personName.optional() }),
        order: z
          .array(orderLine)
          .max(2)
          .refine((lines) => new Set(lines.map((l) => l.kind)).size === lines.length, 'Each kind at most once'),
      }),
    )
    .mutation(({ ctx, input }) => createMission(ctx, ctx.me, input)),

  setFacilitator: adminProcedure
    .input(z.object({ email, name: personName.optional(), ofCompliant: z.boolean() }))
    .mutation(({ ctx, input }) => setFacilitator(ctx, input)),

  missions: adminProcedure
    .input(z.object({ status: z.enum(['open', 'closed']).optional() }).optional())
    .query(({ ctx, input }) => listMissions(ctx.database.db, { status: input?.status })),

  /** Everything stored about a person (participant or facilitator), for a data access request. */
  exportPerson: adminProcedure.input(z.object({ email })).query(({ ctx, input }) => exportPerson(ctx, input.email)),

  /** Erases a person on request (not a coordinator of an open mission). */
  erasePerson: adminProcedure.input(z.object({ email })).mutation(({ ctx, input }) => erasePerson(ctx, ctx.me, input.email)),

  /** Refuses every bearer token issued to this person so far (they sign in again). */
  revokeTokens: adminProcedure.input(z.object({ email })).mutation(({ ctx, input }) => revokeTokens(ctx, ctx.me, input.email)),

  retributionRequests: adminProcedure
    .input(z.object({}).optional())
    .query(({ ctx }) => listRetributionRequests(ctx.database.db)),
});
