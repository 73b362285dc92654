import { z } from 'zod';
import { cancelSession, createSession, getSession, regenerateLink, updateSession } from '../services/sessions.ts';
import { facilitatorProcedure, router } from '../trpc.ts';
import { id, instant, kind, language, location, sessionLink, text, timezone } from '../validation.ts';

const fields = {
  kind,
  startsAt: instant,
  endsAt: instant,
  location,
  capacity: z.number().int().min(1).max(1000),
  extraFacilitators: z.number().int().min(0).max(50),
  coordinatorFacilitates: z.boolean().optional(),
  language: language.optional(),
  title: text(200).nullish(),
  timezone: timezone.optional(),
};

export const sessionsRouter = router({
  create: facilitatorProcedure
    .input(z.object({ missionId: id, ...fields }))
    .mutation(({ ctx, input }) => createSession(ctx, ctx.me, input)),

  update: facilitatorProcedure
    .input(z.object(fields).partial().extend({ sessionId: id }))
    .mutation(({ ctx, input }) => updateSession(ctx, ctx.me, input)),

  cancel: facilitatorProcedure.input(z.object({ sessionId: id })).mutation(({ ctx, input }) => cancelSession(ctx, ctx.me, input.sessionId)),

  get: facilitatorProcedure.input(z.object({ sessionId: id })).query(({ ctx, input }) => getSession(ctx, ctx.me, input.sessionId)),

  regenerateLink: facilitatorProcedure
    .input(z.object({ sessionId: id, link: sessionLink }))
    .mutation(({ ctx, input }) => regenerateLink(ctx, ctx.me, input)),
});
