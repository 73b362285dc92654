import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { exchangeLink, requestLink } from '../services/magic-links.ts';
import { publicProcedure, router } from '../trpc.ts';
import { email, language, token } from '../validation.ts';

export const authRouter = router({
  /**
   * Always `{sent:true}`, known address or not; at most 5 links per address and 20 per client address
   * per 15 minutes (on top of the public procedures' limit), so nobody can flood facilitators' inboxes.
   */
  requestLink: publicProcedure
    .input(z.object({ email, next: z.string().max(500).optional(), lang: language.optional() }))
    .mutation(async ({ ctx, input }) => {
      const now = ctx.clock.now();
      if (!(await ctx.linkClientLimiter.take(ctx.clientIp, now))) throw new DomainError('rate_limited');
      if (!(await ctx.addressLimiter.take(`magic|${input.email}`, now))) throw new DomainError('rate_limited');
      return requestLink(ctx, input);
    }),

  /** Trades a magic link's secret for a JWT (single use). */
  exchange: publicProcedure.input(z.object({ token })).mutation(({ ctx, input }) => exchangeLink(ctx, input.token)),
});
