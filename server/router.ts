import { adminRouter } from './routers/admin.ts';
import { attendanceRouter } from './routers/attendance.ts';
import { followUpRouter } from './routers/follow-up.ts';
import { surveyRouter } from './routers/survey.ts';
import { authRouter } from './routers/auth.ts';
import { facilitatorsRouter } from './routers/facilitators.ts';
import { missionsRouter, retributionsRouter } from './routers/missions.ts';
import { participantsRouter } from './routers/participants.ts';
import { sessionsRouter } from './routers/sessions.ts';
import { createCallerFactory, router } from './trpc.ts';

/** The whole API (API.md). Widgets import only `type AppRouter` from here. */
export const appRouter = router({
  admin: adminRouter,
  missions: missionsRouter,
  sessions: sessionsRouter,
  facilitators: facilitatorsRouter,
  participants: participantsRouter,
  retributions: retributionsRouter,
  auth: authRouter,
  attendance: attendanceRouter,
  followUp: followUpRouter,
  survey: surveyRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures without HTTP (tests, scripts). */
export const createCaller = createCallerFactory(appRouter);
