import { z } from 'zod';
import { invitation, inviteFacilitators, join, mySessions, removeFacilitator, setStatus } from '../services/facilitators.ts';
import { facilitatorProcedure, publicProcedure, router } from '../trpc.ts';
import { emailList, facilitatorStatus, id, token } from '../validation.ts';

export const facilitatorsRouter = router({
  invite: facilitatorProcedure
    .input(z.object({ sessionId: id, emails: emailList }))
    .mutation(({ ctx, input }) => inviteFacilitators(ctx, ctx.me, input)),

  invitation: publicProcedure.input(z.object({ token })).query(({ ctx, input }) => invitation(ctx, input.token)),

  join: facilitatorProcedure.input(z.object({ token })).mutation(({ ctx, input }) => join(ctx, ctx.me, input.token)),

  setStatus: facilitatorProcedure
    .input(z.object({ sessionId: id, facilitatorId: id, status: facilitatorStatus }))
    .mutation(({ ctx, input }) => setStatus(ctx, ctx.me, input)),

  remove: facilitatorProcedure
    .input(z.object({ sessionId: id, facilitatorId: id }))
    .mutation(({ ctx, input }) => removeFacilitator(ctx, ctx.me, input)),

  mySessions: facilitatorProcedure.input(z.object({}).optional()).query(({ ctx }) => mySessions(ctx, ctx.me)),
});
