import { z } from 'zod';
import { invitation, inviteFacilitators, join, removeFacilitator, setStatus, withdraw } from '../services/facilitators.ts';
import { calendarFeed, mySessions, regenerateCalendarFeed } from '../services/my-sessions.ts';
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

  withdraw: facilitatorProcedure.input(z.object({ sessionId: id })).mutation(({ ctx, input }) => withdraw(ctx, ctx.me, input.sessionId)),

  calendarFeed: facilitatorProcedure.input(z.object({}).optional()).query(({ ctx }) => calendarFeed(ctx, ctx.me)),

  regenerateCalendarFeed: facilitatorProcedure.input(z.object({}).optional()).mutation(({ ctx }) => regenerateCalendarFeed(ctx, ctx.me)),
});
