import { z } from 'zod';
import { addWalkIn, checkInInfo, getAttendance, markAttendance, selfCheckIn } from '../services/attendance.ts';
import { facilitatorProcedure, publicProcedure, router } from '../trpc.ts';
import { attendance, email, id, text, token } from '../validation.ts';

/** A person's name: one line, and not an address or a link. */
export const personName = text(120).refine((v) => !/@|:\/\/|www\./i.test(v), 'Must be a name (no email address or link)');

export const attendanceRouter = router({
  get: facilitatorProcedure.input(z.object({ sessionId: id })).query(({ ctx, input }) => getAttendance(ctx, ctx.me, input.sessionId)),

  mark: facilitatorProcedure
    .input(z.object({ sessionId: id, participantIds: z.array(id).min(1).max(1000), attendance }))
    .mutation(({ ctx, input }) => markAttendance(ctx, ctx.me, input)),

  addWalkIn: facilitatorProcedure
    .input(z.object({ sessionId: id, name: personName, email }))
    .mutation(({ ctx, input }) => addWalkIn(ctx, ctx.me, input)),

  checkInInfo: publicProcedure.input(z.object({ code: token })).query(({ ctx, input }) => checkInInfo(ctx, input.code)),

  selfCheckIn: publicProcedure
    .input(z.object({ code: token, email, name: personName.optional(), consent: z.boolean().optional() }))
    .mutation(({ ctx, input }) => selfCheckIn(ctx, input)),
});
