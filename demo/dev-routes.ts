import { desc } from 'drizzle-orm';
import type { Hono } from 'hono';
import { outbox } from '../schema/index.ts';
import { signJwt } from '../server/auth.ts';
import type { Deps } from '../server/context.ts';
import { renderRow } from '../server/outbox-drainer.ts';
import { escapeHtml, pageHeaders } from '../server/pages.ts';
import { faviconLink } from '../server/favicon.ts';

/**
 * Demo-only routes: token minting for the demo sign-in and tests, and the local outbox. Only the demo entry
 * (demo/serve.ts) registers them; the server's own code never imports this file, so `npm run serve` and the
 * Worker answer 404 for every `/dev/*` path (test/server/entries.test.ts, test/worker/node/bundle.test.ts).
 */
export function registerDevRoutes(app: Hono, deps: Deps) {
  app.post('/dev/token', async (c) => {
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    const email = typeof body?.email === 'string' ? body.email.toLowerCase() : '';
    if (!body || !email) return c.json({ error: { message: 'email required' } }, 400);
    const exp = Math.floor(deps.clock.now() / 1000) + 12 * 3600;
    const token = await signJwt(
      {
        sub: typeof body.sub === 'string' ? body.sub : `demo:${email}`,
        email,
        name: typeof body.name === 'string' ? body.name : email,
        role: body.role === 'admin' ? 'admin' : 'facilitator',
        ...(typeof body.of === 'boolean' ? { of: body.of } : {}),
        exp,
      },
      deps.config.authSecret,
    );
    return c.json({ token });
  });

  const messages = async () => {
    const rows = await deps.database.db.select().from(outbox).orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(200);
    return Promise.all(
      rows.map(async (row) => {
        const m = await renderRow(deps, row).catch((e: Error) => ({ subject: `(render failed: ${e.message})`, text: '', html: '' }));
        const links = [...new Set(m.text.match(/https?:\/\/[^\s<>"]+/g) ?? [])];
        return {
          id: row.id,
          template: row.template,
          to: row.to,
          lang: row.lang,
          status: row.status,
          attempts: row.attempts,
          lastError: row.lastError,
          createdAt: new Date(row.createdAt).toISOString(),
          sentAt: row.sentAt ? new Date(row.sentAt).toISOString() : null,
          subject: m.subject,
          text: m.text,
          html: m.html,
          links,
        };
      }),
    );
  };

  app.get('/dev/outbox.json', async (c) => c.json(await messages(), 200, { 'Cache-Control': 'no-store' }));

  app.get('/dev/outbox', async (c) => {
    const list = await messages();
    const status = (s: string) =>
      s === 'sent' ? 'envoyé' : s === 'kept' ? 'gardé localement (non envoyé)' : s === 'failed' ? 'échec' : 'en attente';
    const items = list
      .map(
        (m) => `<article>
<h2>${escapeHtml(m.subject)}</h2>
<p class="meta">À : ${escapeHtml(m.to)} · ${escapeHtml(m.template)} · ${escapeHtml(status(m.status))} · ${escapeHtml(m.createdAt)}${m.lastError ? ` · ${escapeHtml(m.lastError)}` : ''}</p>
<pre>${escapeHtml(m.text).replace(/https?:\/\/[^\s<>"]+/g, (u) => `<a href="${u}">${u}</a>`)}</pre>
</article>`,
      )
      .join('\n');
    return c.body(
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Boîte d'envoi (démo)</title>${faviconLink}<link rel="stylesheet" href="/demo/demo.css"></head><body><main><h1>Boîte d'envoi locale</h1><p>Sans <code>RESEND_API_KEY</code>, les emails sont gardés ici et ne sont pas envoyés. ${list.length} message(s), les plus récents d'abord.</p>${items || '<p>Aucun message.</p>'}</main></body></html>`,
      200,
      pageHeaders(deps.config),
    );
  });
}
