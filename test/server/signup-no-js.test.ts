// The signup form without JavaScript (issue 19): the server's /signup/<code> page delivers the form already
// rendered inside <fresk-invite>, and posting it (application/x-www-form-urlencoded) registers through
// participants.register itself: same rules, reasons, rate limit and exactly-once emails. Over real HTTP
// (the Hono app on a Node socket), as a browser without JavaScript would send it.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../schema/index.ts';
import { createApp } from '../../server/app.ts';
import { makeWorld, missionFor, people, secretOf, sessionInput } from './helpers.ts';

const w = await makeWorld();
let base = '';
let server: ReturnType<typeof serve>;

beforeAll(async () => {
  const app = createApp(w.deps, { clientIp: () => `10.0.0.${Math.floor(Math.random() * 250)}` });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function signupCode(extra: Record<string, unknown> = {}) {
  const s = await w.as(people.camille).sessions.create(sessionInput(await missionFor(w), 10, extra));
  return { sessionId: s.sessionId, code: secretOf(s.participantSignupUrl) };
}

/** Posts the form as a browser without JavaScript does, from the server's own page unless `headers` say otherwise. */
async function post(code: string, fields: Record<string, string>, headers: Record<string, string> = { 'sec-fetch-site': 'same-origin', origin: 'null' }) {
  const res = await fetch(`${base}/signup/${code}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

const confirmations = async (email: string) => w.db.query.outbox.findMany({ where: and(eq(outbox.template, 'registration_confirmation'), eq(outbox.to, email)) });
const waitlistMails = async (email: string) => w.db.query.outbox.findMany({ where: and(eq(outbox.template, 'waitlist_joined'), eq(outbox.to, email)) });

describe('the signup page without JavaScript', () => {
  it('delivers the form already rendered inside <fresk-invite>, with the session, posting to its own route, under the strict CSP', async () => {
    const { code } = await signupCode();
    const res = await fetch(`${base}/signup/${code}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const element = html.slice(html.indexOf('<fresk-invite'), html.indexOf('</fresk-invite>'));
    expect(element).toContain(`<form class="fresk-static" method="post" action="http://fresk.test/signup/${code}" data-info="`);
    for (const field of ['name="name"', 'name="email"', 'name="consent"', '<button type="submit">Je m&#39;inscris</button>']) expect(element).toContain(field);
    expect(element).toContain('Acme');
    expect(element).toContain('12 places restantes');
    // The same summary as JSON, for the element to show at once when it takes the form over.
    const data = /<form [^>]*data-info="([^"]*)"/.exec(element)![1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect(JSON.parse(data)).toMatchObject({ seatsLeft: 12, open: true, organization: { name: 'Acme' } });
    // Works without JavaScript: no "needs JavaScript" notice; the script still upgrades it.
    expect(html).not.toContain('<noscript>');
    expect(html).toMatch(/<link rel="modulepreload" href="\/widget\/fresk-invite[.\w]*\.js">/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("form-action 'self'");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline script
    expect(html).not.toMatch(/\sstyle=/); // no inline style
  });

  it('registers from a posted form and answers the confirmation page; a repeat sends no second email', async () => {
    const { code } = await signupCode();
    const fields = { name: 'Ada Lovelace', email: 'ada.nojs@example.org', consent: '1', lang: 'fr' };
    const first = await post(code, fields);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/html');
    expect(first.html).toContain('Inscription confirmée');
    expect(first.html).toContain('Un email de confirmation a été envoyé à ada.nojs@example.org');
    expect(first.html).toMatch(/href="http:\/\/fresk\.test\/calendar\/[\w-]+\.ics"/);
    expect(first.html).not.toContain('<script');
    const again = await post(code, fields);
    expect(again.html).toContain('Inscription confirmée');
    expect(await confirmations('ada.nojs@example.org')).toHaveLength(1);
  });

  it('answers in English when the form was English', async () => {
    const { code } = await signupCode();
    const { html } = await post(code, { name: 'Grace Hopper', email: 'grace.nojs@example.org', consent: '1', lang: 'en' });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Registration confirmed');
  });

  it('says what is wrong with an invalid email and shows the form again with the values kept', async () => {
    const { code } = await signupCode();
    const { status, html } = await post(code, { name: 'Alan Turing', email: 'not-an-email', consent: '1', lang: 'fr' });
    expect(status).toBe(400);
    expect(html).toContain('Cette adresse email ne semble pas valide');
    expect(html).toContain('value="Alan Turing"');
    expect(html).toContain('value="not-an-email" aria-invalid="true"');
    expect(html).toMatch(/name="consent" type="checkbox" value="1" required checked/);
    expect(await confirmations('not-an-email')).toHaveLength(0);
  });

  it('asks for the consent and the name when they are missing, in English too', async () => {
    const { code } = await signupCode();
    const { status, html } = await post(code, { name: '', email: 'someone@example.org', lang: 'en' });
    expect(status).toBe(400);
    expect(html).toContain('Enter your full name.');
    expect(html).toContain('Tick this box to register');
    expect(html).toContain('value="someone@example.org"');
  });

  it('on a full session: session_full without the waiting list, the list offered with the values kept, then a position', async () => {
    const { code, sessionId } = await signupCode({ capacity: 1 });
    await post(code, { name: 'First Person', email: 'first.nojs@example.org', consent: '1' });
    const full = await post(code, { name: 'Second Person', email: 'second.nojs@example.org', consent: '1' });
    expect(full.status).toBe(409);
    // API.md: without `waitlist`, a full session answers session_full; its waiting list is open, so the
    // form comes back as the list's form, values kept.
    expect(full.html).toContain('Cette session est complète. Inscrivez-vous sur la liste d&#39;attente');
    expect(full.html).toContain('<input type="hidden" name="waitlist" value="1">');
    expect(full.html).toContain('value="second.nojs@example.org"');
    const waiting = await post(code, { name: 'Second Person', email: 'second.nojs@example.org', consent: '1', waitlist: '1' });
    expect(waiting.status).toBe(200);
    expect(waiting.html).toContain('Vous êtes sur la liste d&#39;attente');
    expect(waiting.html).toContain('Position 1.');
    expect(await waitlistMails('second.nojs@example.org')).toHaveLength(1);
    const session = await w.as(people.camille).sessions.get({ sessionId });
    expect(session.participants).toHaveLength(1);
  });

  it('says the reason in words for a cancelled session or an unknown code', async () => {
    const { code, sessionId } = await signupCode();
    await w.as(people.camille).sessions.cancel({ sessionId });
    const cancelled = await post(code, { name: 'Late Comer', email: 'late.nojs@example.org', consent: '1' });
    expect(cancelled.status).toBe(412);
    expect(cancelled.html).toContain('Cette session a été annulée.');
    const unknown = await post('no-such-code', { name: 'Some One', email: 'some.nojs@example.org', consent: '1' });
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('Ce lien n&#39;est pas valide');
  });

  it('takes posts from its own pages and from allowed origins, refuses other sites and hidden origins (CSRF)', async () => {
    const { code } = await signupCode();
    const fields = (n: number) => ({ name: 'Cross Site', email: `cross${n}.nojs@example.org`, consent: '1' });
    expect((await post(code, fields(1), { 'sec-fetch-site': 'cross-site', origin: 'https://allowed.example' })).status).toBe(200);
    expect((await post(code, fields(2), {})).status).toBe(200); // no browser page of another site
    const evil = await post(code, fields(3), { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.html).toContain('Ce formulaire ne peut pas être envoyé depuis ce site');
    expect((await post(code, fields(4), { 'sec-fetch-site': 'cross-site', origin: 'null' })).status).toBe(403);
    expect((await post(code, fields(5), { origin: 'https://evil.example' })).status).toBe(403);
    expect(await confirmations('cross3.nojs@example.org')).toHaveLength(0);
  });

  it('keeps the rate limit of participants.register', async () => {
    const limited = await makeWorld({ FRESK_RATE_LIMIT_PER_MINUTE: '2' });
    const s = await limited.as(people.camille).sessions.create(sessionInput(await missionFor(limited)));
    const app = createApp(limited.deps, { clientIp: () => '10.9.9.9' });
    const send = (n: number) =>
      app.request(`/signup/${secretOf(s.participantSignupUrl)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ name: 'Rate Limited', email: `rl${n}@example.org`, consent: '1' }).toString(),
      });
    const statuses = [];
    for (let n = 0; n < 4; n++) statuses.push((await send(n)).status);
    expect(statuses).toContain(429);
    const last = await (await send(9)).text();
    expect(last).toContain('Trop de tentatives');
  });

  it('serves the form alone for the WordPress plugin, cacheable for a minute, in its language', async () => {
    const { code } = await signupCode();
    const res = await fetch(`${base}/signup/${code}/form?lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    const html = await res.text();
    expect(html.startsWith('<')).toBe(true);
    expect(html).not.toContain('<html');
    expect(html).toContain(`action="http://fresk.test/signup/${code}"`);
    expect(html).toContain('<input type="hidden" name="lang" value="en">');
    expect(html).toContain('Register');
    const unknown = await fetch(`${base}/signup/no-such-code/form`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('cache-control')).toBe('no-store');
  });
});
