import { trpcServer } from '@hono/trpc-server';
import { Hono, type Context as HonoContext, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { verifyJwt } from './auth.ts';
import type { Context, Deps } from './context.ts';
import { registerDevRoutes } from './dev-routes.ts';
import { sessionIcs } from './emails/ics.ts';
import { faviconSvg } from './favicon.ts';
import { openApiDocument } from './openapi.ts';
import { elementPage as renderElementPage, pageHeaders } from './pages.ts';
import type { WidgetManifest } from './widget-files.ts';
import { appRouter } from './router.ts';
import { DomainError } from './errors.ts';
import { loadSession, sessionInfo } from './services/access.ts';
import { resolveCaller } from './services/identity.ts';
import { getSession } from './services/sessions.ts';
import { participantsCsv } from './services/participants.ts';
import { listRetributionRequests, retributionCsv } from './services/retributions.ts';

export interface AppOptions {
  /** The caller's address (Node: the socket; Workers: CF-Connecting-IP). */
  clientIp?: (c: HonoContext) => string;
  /** Serves `/widget/*` (Node: files from dist/widget; Workers: static assets). */
  widgetAssets?: MiddlewareHandler;
  /** dist/widget/manifest.json (hashed file names for the pages); without it the pages use the stable names. */
  widgetManifest?: () => WidgetManifest | undefined | Promise<WidgetManifest | undefined>;
}

/** Reads and verifies the bearer token of a request; null when absent or not acceptable. */
async function claimsOf(deps: Deps, header: string | undefined) {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m ? verifyJwt(m[1], deps.config.authSecret, deps.clock.now()) : null;
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

  app.use(
    '/trpc/*',
    trpcServer({
      router: appRouter,
      endpoint: '/trpc',
      createContext: async (_opts, c) => {
        const ctx: Context = { ...deps, claims: await claimsOf(deps, c.req.header('authorization')), clientIp: clientIp(c) };
        return ctx as unknown as Record<string, unknown>;
      },
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`[trpc] ${path}:`, error.cause?.message ?? error.message);
      },
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
  app.get('/signup/:code', (c) =>
    page(c, elementPage({ title: 'Inscription', description: "Inscription à une session d'atelier ou de formation de la Fresque du Climat.", index: true, element: 'fresk-invite', bundle: 'fresk-invite', attrs: { code: c.req.param('code'), api: deps.config.appUrl } })),
  );
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
  // The page script trades the magic link for a JWT (POST, so link scanners that GET it do not burn it).
  app.get('/auth/:token', (c) =>
    page(c, elementPage({ title: 'Connexion', element: 'p', bundle: 'fresk-missions', attrs: { id: 'fresk-auth-status', role: 'status' }, text: 'Connexion en cours…' })),
  );

  // A session's calendar entry (session ids are unguessable; nothing personal in it).
  app.get('/calendar/:file', async (c) => {
    const id = c.req.param('file').replace(/\.ics$/, '');
    const row = id.length <= 100 ? await loadSession(deps.database.db, id) : null;
    if (!row || row.session.status === 'cancelled') return c.json({ error: { message: 'Not found' } }, 404);
    const ics = sessionIcs({ uid: row.session.id, session: sessionInfo(row.session), organization: row.organization.name, lang: row.session.language, now: deps.clock.now() });
    return c.body(ics, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'attachment; filename="session.ics"' });
  });

  // CSV exports, with the same bearer token as the API.
  const csv = (c: HonoContext, body: string, filename: string) =>
    c.body(body, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' });
  app.get('/export/sessions/:id/participants.csv', async (c) => {
    const claims = await claimsOf(deps, c.req.header('authorization'));
    if (!claims) return c.json({ error: { message: 'Unauthorized', reason: 'unauthorized' } }, 401);
    try {
      const s = await getSession(deps, await resolveCaller(deps, claims), c.req.param('id'));
      return csv(c, participantsCsv(s.participants), `participants-${s.id}.csv`);
    } catch (error) {
      if (error instanceof DomainError) return c.json({ error: { message: 'Not found', reason: 'not_found' } }, 404);
      throw error;
    }
  });
  app.get('/export/retribution-requests/:file', async (c) => {
    const claims = await claimsOf(deps, c.req.header('authorization'));
    if (!claims) return c.json({ error: { message: 'Unauthorized', reason: 'unauthorized' } }, 401);
    if (claims.role !== 'admin') return c.json({ error: { message: 'Forbidden', reason: 'forbidden' } }, 403);
    const id = c.req.param('file').replace(/\.csv$/, '');
    const [request] = await listRetributionRequests(deps.database.db, { requestId: id });
    if (!request) return c.json({ error: { message: 'Not found', reason: 'not_found' } }, 404);
    return csv(c, retributionCsv(request), `retributions-${request.period}-${request.requestId}.csv`);
  });

  if (deps.config.demo) registerDevRoutes(app, deps);
  return app;
}
