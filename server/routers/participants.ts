import { z } from 'zod';
import { cancelRegistration, inviteParticipants, register, removeParticipant, signupInfo } from '../services/participants.ts';
import { facilitatorProcedure, publicProcedure, router } from '../trpc.ts';
import { email, personName, emailList, id, token } from '../validation.ts';

/** Exactly one of `code` (the public signup link), `token` (a personal invitation) or `cancelToken` (the cancel view). */
const target = z
  .object({ code: token.optional(), token: token.optional(), cancelToken: token.optional() })
  .refine((v) => [v.code, v.token, v.cancelToken].filter((x) => x !== undefined).length === 1, {
    message: 'Give exactly one of code, token or cancelToken',
    path: ['code'],
  });

export const participantsRouter = router({
  invite: facilitatorProcedure
    .input(z.object({ sessionId: id, emails: emailList }))
    .mutation(({ ctx, input }) => inviteParticipants(ctx, ctx.me, input)),

  signupInfo: publicProcedure.input(target).query(({ ctx, input }) => signupInfo(ctx, input)),

  register: publicProcedure
    .input(
      z
        .object({
          code: token.optional(),
          token: token.optional(),
          name: personName,
          email,
          consent: z.literal(true, { message: 'Consent is required' }),
          waitlist: z.boolean().optional(),
        })
        .refine((v) => (v.code === undefined) !== (v.token === undefined), { message: 'Give either code or token', path: ['code'] }),
    )
    .mutation(({ ctx, input }) => register(ctx, input)),

  cancel: publicProcedure.input(z.object({ cancelToken: token })).mutation(({ ctx, input }) => cancelRegistration(ctx, input.cancelToken)),

  remove: facilitatorProcedure
    .input(z.object({ sessionId: id, participantId: id }))
    .mutation(({ ctx, input }) => removeParticipant(ctx, ctx.me, input)),
});
