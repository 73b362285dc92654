import { z } from 'zod';
import { closeMission, getMission, listMissions } from '../services/missions.ts';
import { requestRetributions } from '../services/retributions.ts';
import { facilitatorProcedure, router } from '../trpc.ts';
import { id } from '../validation.ts';

export const missionsRouter = router({
  list: facilitatorProcedure
    .input(z.object({}).optional())
    .query(({ ctx }) => listMissions(ctx.database.db, ctx.clock.now(), { coordinatorId: ctx.me.facilitatorId })),

  get: facilitatorProcedure.input(z.object({ missionId: id })).query(({ ctx, input }) => getMission(ctx, ctx.me, input.missionId)),

  close: facilitatorProcedure.input(z.object({ missionId: id })).mutation(({ ctx, input }) => closeMission(ctx, ctx.me, input.missionId)),
});

export const retributionsRouter = router({
  request: facilitatorProcedure
    .input(z.object({ missionId: id }))
    .mutation(({ ctx, input }) => requestRetributions(ctx, ctx.me, input.missionId)),
});
