import { trpcServer } from '@hono/trpc-server';
import type { TRPCError } from '@trpc/server';
import { Hono, type Context as HonoContext, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { checkJwt, type JwtVerdict } from './auth.ts';
import type { Context, Deps } from './context.ts';
import { registerSignupRoutes } from './signup-routes.ts';
import { signupInfoFastPath } from './signup-fast-path.ts';
import { missionsGetFastPath } from './missions-fast-path.ts';
import { registerFastPath } from './register-fast-path.ts';
import { calendarIcs, sessionIcs } from './emails/ics.ts';
import { feedSessions } from './services/my-sessions.ts';
import { faviconSvg } from './favicon.ts';
import { openApiDocument } from './openapi.ts';
import { elementPage as renderElementPage, pageHeaders } from './pages.ts';
import type { WidgetManifest } from './widget-files.ts';
import { appRouter } from './router.ts';
import { DomainError } from './errors.ts';
import { loadSession, sessionInfo } from './services/access.ts';
import { resolveCaller, type Caller } from './services/identity.ts';
import { getSession } from './services/sessions.ts';
import { listRetributionRequests } from './services/retributions.ts';
import { activity } from './services/activity.ts';
import { activityCsv, participantsCsv, retributionRequestCsv } from '../domain/csv.ts';
import { instantRange } from './validation.ts';
import { attendanceCsv, getAttendance } from './services/attendance.ts';
import { attestationFor } from './services/follow-up.ts';
import { attestationPdf } from './attestation/attestation.ts';

export interface AppOptions {
  /** The caller's address (Node: the socket; Workers: CF-Connecting-IP). */
  clientIp?: (c: HonoContext) => string;
  /** Serves `/widget/*` (Node: files from dist/widget; Workers: static assets). */
  widgetAssets?: MiddlewareHandler;
  /** Answers `signupInfo` cache hits in front of tRPC (server/signup-fast-path.ts); default on. Off in tests to compare. */
  signupFastPath?: boolean;
  /** Answers `missions.get` cache hits in front of tRPC (server/missions-fast-path.ts); default on. Off in tests to compare. */
  missionsFastPath?: boolean;
  /** dist/widget/manifest.json (hashed file names for the pages); without it the pages use the stable names. */
  widgetManifest?: () => WidgetManifest | undefined | Promise<WidgetManifest | undefined>;
}

/** API.md, bounds: a request body over 100 KB answers 413; a batch holds at most 20 calls. */
export const MAX_BODY_BYTES = 100 * 1024;
export const MAX_BATCH_CALLS = 20;

/** Reads and verifies the bearer token of a request; logs a token refused for its claims (which one, never the token). */
async function verdictOf(deps: Deps, header: string | undefined): Promise<JwtVerdict> {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!m) return { claims: null };
  const verdict = await checkJwt(m[1], deps.config.authSecret, deps.clock.now());
  if (!verdict.claims && verdict.claim) console.warn(`[auth] bearer token refused: claim "${verdict.claim}" is missing, malformed or out of bounds`);
  return verdict;
}

async function claimsOf(deps: Deps, header: string | undefined) {
  return (await verdictOf(deps, header)).claims;
}

/** The Hono app: the HTTP edge around the tRPC router. Exported for tests (`app.request`) and both entries. */
export function createApp(deps: Deps, opts: AppOptions = {}) {
  const app = new Hono();
  const clientIp = opts.clientIp ?? ((c: HonoContext) => c.req.header('cf-connecting-ip') ?? 'local');
  const allowed = new Set(deps.config.allowedOrigins);

  app.onError((err, c) => {
    console.error('[http]', c.req.method, c.req.path, err.message);
    return c.json({ error: { message: 'Internal error' } }, 500);
  });
  app.notFound((c) => c.json({ error: { message: 'Not found' } }, 404));

  // Exact allow-list: an origin not listed gets no CORS headers, so the browser refuses the answer.
  app.use(
    '*',
    cors({
      origin: (origin) => (allowed.has(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'Authorization', 'trpc-accept', 'x-trpc-source'],
      maxAge: 600,
    }),
  );

  app.get('/health', async (c) => {
    const ok = await deps.database.ping();
    return ok ? c.json({ ok: true }) : c.json({ ok: false, reason: 'database_unavailable' }, 503);
  });

  app.get('/favicon.svg', (c) => c.body(faviconSvg, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' }));

  // The API's OpenAPI description, built from the router once per process (or isolate).
  let openApi: string | undefined;
  app.get('/openapi.json', (c) => {
    openApi ??= JSON.stringify(openApiDocument({ serverUrl: deps.config.appUrl }));
    return c.body(openApi, 200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
  });

  // tRPC's context and error log, shared with the register fast path, which calls the procedure in process.
  const createContext = async (c: HonoContext): Promise<Context> => {
    const verdict = await verdictOf(deps, c.req.header('authorization'));
    return { ...deps, claims: verdict.claims, refusedClaim: verdict.claims ? undefined : verdict.claim, clientIp: clientIp(c) };
  };
  const onError = ({ error, path }: { error: TRPCError; path: string | undefined }) => {
    if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`[trpc] ${path}:`, error.cause?.message ?? error.message);
  };

  // The fast paths (issue 19) come before the body limit, which costs every request a full web `Request`; each
  // reads a body only when its declared length is small, and leaves everything else to the limit and tRPC.
  if (opts.signupFastPath !== false) {
    app.use('/trpc/participants.signupInfo', signupInfoFastPath(deps, clientIp));
    app.use('/trpc/participants.register', registerFastPath(deps, clientIp, MAX_BODY_BYTES, { createContext, onError }));
  }
  if (opts.missionsFastPath !== false) app.use('/trpc/missions.get', missionsGetFastPath(deps));

  // Bodies over 100 KB are refused from Content-Length, or as soon as a streamed body passes it: never read whole.
  app.use(
    '/trpc/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => {
        const path = decodeURIComponent(c.req.path.replace(/^\/trpc\/?/, '')).slice(0, 200);
        const error = { message: 'payload_too_large', code: -32013, data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, path, reason: 'payload_too_large' } };
        return c.json({ error }, 413, { Connection: 'close' });
      },
    }),
  );

  app.use(
    '/trpc/*',
    trpcServer({
      // Queries that carry a secret (invitation, cancellation, survey tokens) can be POSTed so that the
      // secret stays out of URLs that proxies and CDNs log; the widgets do so.
      allowMethodOverride: true,
      maxBatchSize: MAX_BATCH_CALLS,
      router: appRouter,
      endpoint: '/trpc',
      createContext: async (_opts, c) => (await createContext(c)) as unknown as Record<string, unknown>,
      onError,
    }),
  );

  if (opts.widgetAssets) app.use('/widget/*', opts.widgetAssets);

  // Pages reached from links in emails and shared by coordinators, referencing the widget files by their
  // hashed names: the manifest is looked up per page request (Node: re-read when rebuilt; Workers: cached).
  let widgetManifest: WidgetManifest | undefined;
  const elementPage = (o: Parameters<typeof renderElementPage>[0]) => renderElementPage({ ...o, assets: widgetManifest });
  for (const path of ['/signup/*', '/invitation/*', '/cancel/*', '/join/*', '/missions', '/missions/*', '/auth/*']) {
    app.use(path, async (_c, next) => {
      widgetManifest = (await opts.widgetManifest?.()) ?? undefined;
      await next();
    });
  }
  const page = (c: HonoContext, html: string) => c.body(html, 200, pageHeaders(deps.config));
  registerSignupRoutes(app, deps, { clientIp, elementPage });
  app.get('/invitation/:token', (c) =>
    page(c, elementPage({ title: 'Inscription', element: 'fresk-invite', bundle: 'fresk-invite', attrs: { token: c.req.param('token'), api: deps.config.appUrl } })),
  );
  app.get('/cancel/:token', (c) =>
    page(c, elementPage({ title: 'Annulation', element: 'fresk-invite', bundle: 'fresk-invite', attrs: { 'cancel-token': c.req.param('token'), api: deps.config.appUrl } })),
  );
  app.get('/join/:code', (c) =>
    page(c, elementPage({ title: 'Invitation', element: 'fresk-missions', bundle: 'fresk-missions', attrs: { join: c.req.param('code'), api: deps.config.appUrl } })),
  );
  app.get('/missions', (c) =>
    page(c, elementPage({ title: 'Mes missions', element: 'fresk-missions', bundle: 'fresk-missions', attrs: { api: deps.config.appUrl } })),
  );
  app.get('/missions/:id', (c) =>
    page(c, elementPage({ title: 'Ma mission', element: 'fresk-missions', bundle: 'fresk-missions', attrs: { mission: c.req.param('id'), api: deps.config.appUrl } })),
  );
  // The association's desk; `/desk/requests/<id>` is the retribution email's link: the desk opens on that
  // request (after a magic-link sign-in if needed) and downloads its CSV.
  app.get('/desk', (c) => page(c, elementPage({ title: 'Espace association', element: 'fresk-missions', bundle: 'fresk-missions', attrs: { api: deps.config.appUrl } })));
  app.get('/desk/requests/:id', (c) =>
    page(c, elementPage({ title: 'Demande de rétributions', element: 'fresk-missions', bundle: 'fresk-missions', attrs: { request: c.req.param('id'), api: deps.config.appUrl } })),
  );
  // The page script trades the magic link for a JWT (POST, so link scanners that GET it do not burn it).
  app.get('/auth/:token', (c) =>
    page(c, elementPage({ title: 'Connexion', element: 'p', bundle: 'fresk-missions', attrs: { id: 'fresk-auth-status', role: 'status' }, text: 'Connexion en cours…' })),
  );

  // The day of the session and after: self check-in, the survey (their own small bundle), the attestation.
  app.get('/checkin/:code', (c) =>
    page(c, elementPage({ title: 'Présence / Check-in', element: 'fresk-checkin', bundle: 'fresk-day', attrs: { code: c.req.param('code'), api: deps.config.appUrl } })),
  );
  app.get('/survey/:token', (c) =>
    page(c, elementPage({ title: 'Questionnaire / Survey', element: 'fresk-survey', bundle: 'fresk-day', attrs: { token: c.req.param('token'), api: deps.config.appUrl } })),
  );
  app.get('/attestation/:file', async (c) => {
    const secret = c.req.param('file').replace(/\.pdf$/, '');
    const data = secret.length <= 200 ? await attestationFor(deps, secret) : null;
    if (!data) return c.json({ error: { message: 'Not found', reason: 'invalid_token' } }, 404);
    const pdf = await attestationPdf(data);
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${data.lang === 'fr' ? 'attestation-de-presence' : 'certificate-of-attendance'}.pdf"`,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  // A session's calendar entry (session ids are unguessable; nothing personal in it).
  app.get('/calendar/:file', async (c) => {
    const id = c.req.param('file').replace(/\.ics$/, '');
    const row = id.length <= 100 ? await loadSession(deps.database.db, id) : null;
    if (!row) return c.json({ error: { message: 'Not found' } }, 404);
    // A cancelled session's file cancels the entry (METHOD:CANCEL, same UID), so calendars drop it.
    const cancelled = row.session.status === 'cancelled';
    const ics = sessionIcs({ uid: row.session.id, session: sessionInfo(row.session), organization: row.organization.name, lang: row.session.language, now: deps.clock.now(), sequence: row.session.sequence, cancelled });
    return c.body(ics, 200, { 'Content-Type': `text/calendar; charset=utf-8; method=${cancelled ? 'CANCEL' : 'PUBLISH'}`, 'Content-Disposition': 'attachment; filename="session.ics"' });
  });

  // A facilitator's secret calendar feed (facilitators.calendarFeed): every session they are on.
  app.get('/calendar/feed/:file', async (c) => {
    const rows = await feedSessions(deps, c.req.param('file').replace(/\.ics$/, ''));
    if (!rows) return c.json({ error: { message: 'Not found' } }, 404);
    const ics = calendarIcs({
      lang: 'fr',
      now: deps.clock.now(),
      name: 'Fresk — mes sessions',
      events: rows.map(({ s, organizationName }) => ({ uid: s.id, session: sessionInfo(s), organization: organizationName, sequence: s.sequence, cancelled: s.status === 'cancelled' })),
    });
    return c.body(ics, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, no-store' });
  });

  // CSV exports, with the same bearer token as the API.
  const csv = (c: HonoContext, body: string, filename: string) =>
    c.body(body, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' });
  // A session's CSV, for whoever may see the session (anyone else: 404, as for a session that does not exist).
  const sessionCsv = (name: string, make: (caller: Caller, sessionId: string) => Promise<{ body: string; filename: string }>) =>
    app.get(`/export/sessions/:id/${name}.csv`, async (c) => {
      const claims = await claimsOf(deps, c.req.header('authorization'));
      if (!claims) return c.json({ error: { message: 'Unauthorized', reason: 'unauthorized' } }, 401);
      try {
        const { body, filename } = await make(await resolveCaller(deps, claims), c.req.param('id'));
        return csv(c, body, filename);
      } catch (error) {
        if (error instanceof DomainError) return c.json({ error: { message: 'Not found', reason: 'not_found' } }, 404);
        throw error;
      }
    });
  sessionCsv('participants', async (caller, id) => {
    const s = await getSession(deps, caller, id);
    return { body: participantsCsv(s.participants), filename: `participants-${s.id}.csv` };
  });
  sessionCsv('attendance', async (caller, id) => {
    const a = await getAttendance(deps, caller, id);
    return { body: attendanceCsv(a), filename: `attendance-${a.sessionId}.csv` };
  });
  app.get('/export/retribution-requests/:file', async (c) => {
    const claims = await claimsOf(deps, c.req.header('authorization'));
    if (!claims) return c.json({ error: { message: 'Unauthorized', reason: 'unauthorized' } }, 401);
    if (claims.role !== 'admin') return c.json({ error: { message: 'Forbidden', reason: 'forbidden' } }, 403);
    const id = c.req.param('file').replace(/\.csv$/, '');
    const [request] = await listRetributionRequests(deps.database.db, { requestId: id });
    if (!request) return c.json({ error: { message: 'Not found', reason: 'not_found' } }, 404);
    return csv(c, retributionRequestCsv(request), `retributions-${request.period}-${request.requestId}.csv`);
  });

  app.get('/export/activity.csv', async (c) => {
    const claims = await claimsOf(deps, c.req.header('authorization'));
    if (!claims) return c.json({ error: { message: 'Unauthorized', reason: 'unauthorized' } }, 401);
    if (claims.role !== 'admin') return c.json({ error: { message: 'Forbidden', reason: 'forbidden' } }, 403);
    const range = instantRange.safeParse({ from: c.req.query('from'), to: c.req.query('to') });
    if (!range.success) {
      const fieldErrors = Object.fromEntries(range.error.issues.map((i) => [String(i.path[0] ?? '_'), [i.message]]));
      return c.json({ error: { message: 'Invalid input', reason: 'invalid_input', fieldErrors } }, 400);
    }
    const figures = await activity(deps.database.db, deps.clock.now(), range.data);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    return csv(c, activityCsv(figures), `activite-${day(range.data.from)}-${day(range.data.to)}.csv`);
  });

  return app;
}
