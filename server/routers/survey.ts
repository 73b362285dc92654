import { z } from 'zod';
import { answerSurvey, getSurvey } from '../services/survey.ts';
import { publicProcedure, router } from '../trpc.ts';
import { token } from '../validation.ts';

const rating = z.number().int('Must be a whole number from 1 to 5').min(1, 'From 1 to 5').max(5, 'From 1 to 5');
/** Optional free text: up to 2000 characters, line breaks allowed, no other control character; blank means none. */
const freeText = z
  .string()
  .max(2000, 'At most 2000 characters')
  .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), 'Contains control characters')
  .transform((v) => v.trim() || null)
  .nullish();

export const surveyRouter = router({
  get: publicProcedure.input(z.object({ token })).query(({ ctx, input }) => getSurvey(ctx, input.token)),

  answer: publicProcedure
    .input(
      z.object({
        token,
        answers: z.object({
          overall: rating,
          content: rating,
          facilitation: rating,
          recommend: z.number().int('Must be a whole number from 0 to 10').min(0, 'From 0 to 10').max(10, 'From 0 to 10'),
          takeaway: freeText,
          comment: freeText,
        }),
      }),
    )
    .mutation(({ ctx, input }) => answerSurvey(ctx, input)),
});
