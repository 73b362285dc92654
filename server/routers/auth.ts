import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { exchangeLink, requestLink } from '../services/magic-links.ts';
import { publicProcedure, router } from '../trpc.ts';
import { email, language, token } from '../validation.ts';

export const authRouter = router({
  /** Always `{sent:true}`, known address or not; at most 5 links per address per 15 minutes. */
  requestLink: publicProcedure
    .input(z.object({ email, next: z.string().max(500).optional(), lang: language.optional() }))
    .mutation(async ({ ctx, input }) => {
      const now = ctx.clock.now();
      if (!(await ctx.addressLimiter.take(`magic|${input.email}`, now))) throw new DomainError('rate_limited');
      return requestLink(ctx, input);
    }),

  /** Trades a magic link's secret for a JWT (single use). */
  exchange: publicProcedure.input(z.object({ token })).mutation(({ ctx, input }) => exchangeLink(ctx, input.token)),
});
