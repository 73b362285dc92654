import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { Context as HonoContext, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Deps } from './context.ts';
import { DomainError } from './errors.ts';
import type { elementPage as renderElementPage } from './pages.ts';
import { pageHeaders } from './pages.ts';
import { createCaller } from './router.ts';
import { signupFormHtml, type FormField, type FormLang, type FormSession, type FormState } from './signup-form.ts';

/** API.md, bounds: a request body over 100 KB is refused (the form's is under 1 KB). */
const MAX_FORM_BYTES = 100 * 1024;

/** What a refused cross-site post says (see `fromAllowedPage`). */
const crossSiteText: Record<FormLang, string> = {
  fr: "Ce formulaire ne peut pas être envoyé depuis ce site. Inscrivez-vous depuis la page de la session.",
  en: 'This form cannot be sent from this site. Sign up from the session’s page.',
};

/**
 * CSRF: the signup form has no cookie, no session and no credential to ride on (anyone can call
 * `participants.register` with any HTTP client), so it carries no token. What a cross-site form post could
 * still do is make the visitors of an unrelated site register addresses of that site's choosing, each from
 * their own address (around the per-address rate limit). So a post is taken from the server's own pages
 * (`Sec-Fetch-Site: same-origin`; their `no-referrer` policy makes their `Origin` "null"), from an origin of
 * the CORS allow-list (`FRESK_ALLOWED_ORIGINS`: the WordPress sites that embed the form), or from a client
 * that sends neither fetch metadata nor an origin (not a browser page of another site); a cross-site post
 * from anywhere else, or one hiding its origin, is refused.
 */
function fromAllowedPage(c: HonoContext, deps: Deps): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site === 'same-origin' || site === 'none') return true;
  const origin = c.req.header('origin');
  if (origin && origin !== 'null') return origin === new URL(deps.config.appUrl).origin || deps.config.allowedOrigins.includes(origin);
  return site === undefined;
}

/** The stable reason and the refused fields of an error thrown through the caller (as server/trpc.ts formats them). */
function refusal(error: unknown): { reason: string; fields: Set<string>; status: number } {
  if (!(error instanceof TRPCError)) throw error;
  const cause = error.cause;
  const issues = (cause as { issues?: { path?: PropertyKey[] }[] } | undefined)?.issues;
  const fields = new Set((error.code === 'BAD_REQUEST' && Array.isArray(issues) ? issues : []).map((i) => String(i.path?.[0] ?? '')));
  const reason = cause instanceof DomainError ? cause.reason : fields.size ? 'invalid_input' : error.code === 'INTERNAL_SERVER_ERROR' ? 'unknown' : error.code.toLowerCase();
  return { reason, fields, status: getHTTPStatusCodeFromError(error) };
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * The session's public signup page, `GET /signup/<code>` (API.md, Pages), with the form already rendered
 * inside `<fresk-invite>` (server/signup-form.ts); `GET /signup/<code>/form?lang=fr|en`, that form alone, for
 * the WordPress plugin to print (and cache for a minute); and `POST /signup/<code>`, the form posted without
 * JavaScript (`application/x-www-form-urlencoded`): it registers through `participants.register` itself
 * (same validation, rules, reasons, rate limit and exactly-once emails) and answers an HTML page with the
 * confirmation, the waiting-list position, or the reason in words with the form again, values kept.
 */
export function registerSignupRoutes(app: Hono, deps: Deps, opts: { clientIp: (c: HonoContext) => string; elementPage: typeof renderElementPage }): void {
  const caller = (c: HonoContext) => createCaller({ ...deps, claims: null, clientIp: opts.clientIp(c) });
  const action = (code: string) => `${deps.config.appUrl}/signup/${encodeURIComponent(code)}`;

  /** The session's summary, or why there is none: a rate limit or a database hiccup leaves the form without it. */
  async function lookUp(c: HonoContext, code: string): Promise<{ info?: FormSession; reason?: string }> {
    try {
      return { info: (await caller(c).participants.signupInfo({ code })) as FormSession };
    } catch (error) {
      const { reason } = refusal(error);
      return reason === 'invalid_token' || reason === 'invalid_input' ? { reason: 'invalid_token' } : {};
    }
  }

  const page = (c: HonoContext, state: FormState, status: number, element: boolean) =>
    c.body(
      opts.elementPage({
        title: state.lang === 'en' ? 'Sign up' : 'Inscription',
        description: "Inscription à une session d'atelier ou de formation de la Fresque du Climat.",
        index: element,
        lang: element ? undefined : state.lang,
        // With the script, the element takes the rendered form over; the answer to a post needs no script.
        element: element ? 'fresk-invite' : 'div',
        attrs: element ? { code: c.req.param('code') ?? '', api: deps.config.appUrl } : { class: 'fresk-invite' },
        bundle: 'fresk-invite',
        inner: signupFormHtml(state),
        scripts: element,
      }),
      status as 200,
      pageHeaders(deps.config),
    );

  app.get('/signup/:code', async (c) => {
    const code = c.req.param('code');
    return page(c, { action: action(code), lang: 'fr', ...(await lookUp(c, code)) }, 200, true);
  });

  app.get('/signup/:code/form', async (c) => {
    const code = c.req.param('code');
    const lang: FormLang = c.req.query('lang') === 'en' ? 'en' : 'fr';
    const found = await lookUp(c, code);
    return c.body(signupFormHtml({ action: action(code), lang, ...found }), found.info ? 200 : found.reason ? 404 : 503, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': found.info ? 'public, max-age=60' : 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  app.post(
    '/signup/:code',
    bodyLimit({ maxSize: MAX_FORM_BYTES, onError: (c) => c.text('payload_too_large', 413, { Connection: 'close' }) }),
    async (c) => {
      const code = c.req.param('code');
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const lang: FormLang = form.lang === 'en' ? 'en' : 'fr';
      const values = { name: text(form.name), email: text(form.email).trim(), consent: text(form.consent) !== '' };
      const base: FormState = { action: action(code), lang, values };
      if (!fromAllowedPage(c, deps)) {
        return c.body(`<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>403</title><p>${crossSiteText[lang]}</p></html>`, 403, pageHeaders(deps.config));
      }
      try {
        const result = await caller(c).participants.register({ code, name: values.name.trim(), email: values.email, consent: values.consent as true, ...(form.waitlist === '1' && { waitlist: true }) });
        const outcome: FormState['outcome'] =
          result.status === 'waitlisted' ? { status: 'waitlisted', email: values.email, position: result.position } : { status: 'registered', email: values.email, icsUrl: result.icsUrl };
        return page(c, { ...base, ...(await lookUp(c, code)), reason: undefined, outcome }, 200, false);
      } catch (error) {
        const { reason, fields, status } = refusal(error);
        const errors = Object.fromEntries(['name', 'email', 'consent'].filter((f) => fields.has(f)).map((f) => [f, true])) as Partial<Record<FormField, true>>;
        const found = await lookUp(c, code);
        return page(c, { ...base, info: found.info, errors, reason: Object.keys(errors).length ? undefined : reason }, status, false);
      }
    },
  );
}
