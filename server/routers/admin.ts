import { z } from 'zod';
import { createMission, listMissions } from '../services/missions.ts';
import { setFacilitator } from '../services/facilitators.ts';
import { listRetributionRequests } from '../services/retributions.ts';
import { erasePerson, exportPerson } from '../services/privacy.ts';
import { activity } from '../services/activity.ts';
import { listCoordinationRetributions, listFacilitators, markCoordinationProcessed, markInvoiced, markRequestProcessed, updateOrder } from '../services/desk.ts';
import { revokeTokens } from '../services/revocation.ts';
import { adminProcedure, router } from '../trpc.ts';
import { MISSION_STATUSES } from '../../domain/enums/index.ts';
import { email, id, instantRange, kind, ofFilter, personName, requestStatus, sector, text } from '../validation.ts';

const orderLine = z.object({ kind, quantity: z.number().int().min(0).max(10000) });
const order = z
  .array(orderLine)
  .max(2)
  .refine((lines) => new Set(lines.map((l) => l.kind)).size === lines.length, 'Each kind at most once');
/** Admin lists are bounded: `limit` (default 50, at most 200) and a keyset `cursor` (the last item's id). */
const page = { cursor: id.optional(), limit: z.number().int().min(1).max(200).default(50) };
const handled = requestStatus.optional();

export const adminRouter = router({
  createMission: adminProcedure
    .input(
      z.object({
        title: text(200),
        organization: z.object({ name: text(200), sector }),
        coordinator: z.object({ email, name: personName.optional() }),
        order,
      }),
    )
    .mutation(({ ctx, input }) => createMission(ctx, ctx.me, input)),

  setFacilitator: adminProcedure
    .input(z.object({ email, name: personName.optional(), ofCompliant: z.boolean() }))
    .mutation(({ ctx, input }) => setFacilitator(ctx, input)),

  /**
   * Newest first, `limit` per page (default 50, ≤ 200); the next page with `cursor` = the last item's id.
   * `status: "invoiced"` is short for closed and invoiced; `invoiced: false` with `closed` leaves those to invoice.
   */
  missions: adminProcedure
    .input(z.object({ status: z.enum([...MISSION_STATUSES, 'invoiced']).optional(), invoiced: z.boolean().optional(), ...page }).optional())
    .query(({ ctx, input }) => {
      const { status, ...rest } = input ?? { limit: 50 };
      const filter = status === 'invoiced' ? { status: 'closed' as const, invoiced: true } : { status };
      return listMissions(ctx.database.db, ctx.clock.now(), { ...rest, ...filter });
    }),

  updateOrder: adminProcedure.input(z.object({ missionId: id, order })).mutation(({ ctx, input }) => updateOrder(ctx, ctx.me, input)),

  facilitators: adminProcedure
    .input(z.object({ query: z.string().trim().max(254).optional(), of: ofFilter.optional(), ...page }).optional())
    .query(({ ctx, input }) => listFacilitators(ctx.database.db, input ?? { limit: 50 })),

  markRequestProcessed: adminProcedure.input(z.object({ requestId: id })).mutation(({ ctx, input }) => markRequestProcessed(ctx, ctx.me, input.requestId)),

  markInvoiced: adminProcedure
    .input(z.object({ missionId: id, reference: text(200).optional() }))
    .mutation(({ ctx, input }) => markInvoiced(ctx, ctx.me, input)),

  /** The coordination retributions recorded at closing, each a line of its own (newest first, paged like the others). */
  coordinationRetributions: adminProcedure
    .input(z.object({ status: handled, ...page }).optional())
    .query(({ ctx, input }) => listCoordinationRetributions(ctx.database.db, input ?? { limit: 50 })),

  markCoordinationProcessed: adminProcedure
    .input(z.object({ missionId: id }))
    .mutation(({ ctx, input }) => markCoordinationProcessed(ctx, ctx.me, input.missionId)),

  /** The BPF figures: sessions that ended in [from, to), per kind and sector. */
  activity: adminProcedure.input(instantRange).query(({ ctx, input }) => activity(ctx.database.db, ctx.clock.now(), input)),

  /** Everything stored about a person (participant or facilitator), for a data access request. */
  exportPerson: adminProcedure.input(z.object({ email })).query(({ ctx, input }) => exportPerson(ctx, input.email)),

  /** Erases a person on request (not a coordinator of an open mission). */
  erasePerson: adminProcedure.input(z.object({ email })).mutation(({ ctx, input }) => erasePerson(ctx, ctx.me, input.email)),

  /** Refuses every bearer token issued to this person so far (they sign in again). */
  revokeTokens: adminProcedure.input(z.object({ email })).mutation(({ ctx, input }) => revokeTokens(ctx, ctx.me, input.email)),

  /** Newest first, paged like `admin.missions`; `requestId` asks for one. */
  retributionRequests: adminProcedure
    .input(z.object({ status: handled, requestId: id.optional(), ...page }).optional())
    .query(({ ctx, input }) => listRetributionRequests(ctx.database.db, { limit: 50, ...input })),
});
