import { z } from 'zod';
import { followUpResults, sendFollowUp } from '../services/follow-up.ts';
import { facilitatorProcedure, router } from '../trpc.ts';
import { id } from '../validation.ts';

export const followUpRouter = router({
  send: facilitatorProcedure.input(z.object({ sessionId: id })).mutation(({ ctx, input }) => sendFollowUp(ctx, ctx.me, input.sessionId)),

  results: facilitatorProcedure
    .input(
      z
        .object({ missionId: id.optional(), sessionId: id.optional() })
        .refine((v) => (v.missionId === undefined) !== (v.sessionId === undefined), { message: 'Give either missionId or sessionId', path: ['missionId'] }),
    )
    .query(({ ctx, input }) => followUpResults(ctx, ctx.me, input)),
});
