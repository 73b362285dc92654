/**
 * The transactional outbox and its drainer, through the real `resend` SDK pointed at a local fake Resend
 * API (test/fake-resend.ts): retries, idempotency keys, permanent failures, timeouts, due times, the local
 * outbox without a key, and a request's independence from the provider.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { outbox } from '../../schema/index.ts';
import { resendMailer, type Mailer } from '../../server/mailer.ts';
import { drainOutbox, renderRow, startOutboxLoop } from '../../server/outbox-drainer.ts';
import { enqueueEmail } from '../../server/services/outbox.ts';
import { startFakeResend, type FakeResend } from '../fake-resend.ts';
import { APP_URL, NOW, http, makeWorld, missionFor, people, secretOf, sessionInput } from './helpers.ts';

const w = await makeWorld();
const demo = await makeWorld({ FRESK_DEMO: '1' });

let fake: FakeResend;
let mailer: Mailer;
/** The drainer's log lines (a failed or stuck message must be visible in the logs). */
let logged: { warn: string[]; error: string[] };

beforeEach(async () => {
  // Each test starts with an empty outbox and a healthy fake.
  await w.db.delete(outbox);
  w.clock.set(NOW);
  logged = { warn: [], error: [] };
  vi.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => void logged.warn.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void logged.error.push(a.join(' ')));
  fake = await startFakeResend();
  mailer = resendMailer('re_test', fake.url, 2_000);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fake.close();
});

const rowOf = async (id: string) => (await w.db.query.outbox.findFirst({ where: eq(outbox.id, id) }))!;

/** Queues a mission_assigned message directly, as a service would inside its transaction. */
async function enqueue(to = 'camille@fresk.test', title = 'Mission test') {
  return w.database.write((tx) =>
    enqueueEmail(tx, w.clock.now(), {
      template: 'mission_assigned',
      to,
      lang: 'fr',
      data: { missionId: 'm-1', missionTitle: title, organizationName: 'Acme', coordinatorName: 'Camille' },
    }),
  );
}

/** Moves the clock to the row's next attempt and drains. */
async function drainWhenDue(id: string, m: Mailer | null = mailer) {
  w.clock.set((await rowOf(id)).nextAttemptAt);
  return drainOutbox(w.deps, m);
}

describe('drainOutbox with the Resend SDK', () => {
  it('sends a queued message once, with the row id as Idempotency-Key and the rendered content', async () => {
    const id = await enqueue();
    expect(await drainOutbox(w.deps, mailer)).toEqual({ sent: 1, retried: 0, failed: 0, kept: 0 });
    expect(fake.attempts).toHaveLength(1);
    const [a] = fake.attempts;
    expect(a.idempotencyKey).toBe(id);
    expect(a.headers.authorization).toBe('Bearer re_test');
    expect(a.body).toMatchObject({ from: w.config.mailFrom, to: ['camille@fresk.test'], subject: 'Nouvelle mission : Mission test' });
    expect(a.body.text).toContain(`${APP_URL}/missions/m-1`);
    expect(a.body.html).toContain(`href="${APP_URL}/missions/m-1"`);
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null, providerId: fake.deliveries[0].id, sentAt: w.clock.now() });
    // Nothing more to do: a later drain sends nothing again.
    w.clock.advance(86_400_000);
    expect(await drainOutbox(w.deps, mailer)).toEqual({ sent: 0, retried: 0, failed: 0, kept: 0 });
    expect(fake.attempts).toHaveLength(1);
  });

  it('retries 500s with exponential backoff, keeps the Idempotency-Key, and delivers each message once', async () => {
    const a = await enqueue('a@fresk.test');
    const b = await enqueue('b@fresk.test');
    fake.failNext(6, { kind: 'status', status: 500 });
    const start = w.clock.now();
    const waits: number[] = [];
    // Three rounds: each round, both rows fail with 500.
    for (let round = 1; round <= 3; round++) {
      const before = w.clock.now();
      expect(await drainOutbox(w.deps, mailer)).toEqual({ sent: 0, retried: 2, failed: 0, kept: 0 });
      const row = await rowOf(a);
      expect(row).toMatchObject({ status: 'pending', attempts: round });
      expect(row.lastError).toMatch(/^500: /);
      waits.push(row.nextAttemptAt - before);
      // Not due yet: a drain a millisecond early does nothing.
      w.clock.set(Math.min(row.nextAttemptAt, (await rowOf(b)).nextAttemptAt) - 1);
      expect(await drainOutbox(w.deps, mailer)).toEqual({ sent: 0, retried: 0, failed: 0, kept: 0 });
      w.clock.set(Math.max(row.nextAttemptAt, (await rowOf(b)).nextAttemptAt));
    }
    expect(waits).toEqual([2000, 4000, 8000]);
    expect(logged.warn.filter((l) => l.includes(a))).toHaveLength(3);
    expect(logged.warn.find((l) => l.includes(a))).toMatch(/attempt 1 failed, retrying at .*: 500: /);
    expect(w.clock.now() - start).toBe(14_000);
    expect(await drainOutbox(w.deps, mailer)).toEqual({ sent: 2, retried: 0, failed: 0, kept: 0 });

    expect(fake.attempts).toHaveLength(8);
    expect(fake.deliveries.map((d) => d.idempotencyKey).sort()).toEqual([a, b].sort());
    for (const id of [a, b]) {
      const attempts = fake.attempts.filter((x) => x.body.to[0] === (id === a ? 'a@fresk.test' : 'b@fresk.test'));
      expect(attempts.map((x) => x.idempotencyKey)).toEqual([id, id, id, id]);
      // The very same payload every time (Resend refuses a reused key with another payload).
      expect(new Set(attempts.map((x) => JSON.stringify(x.body))).size).toBe(1);
      expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 4, lastError: null });
    }
  });

  it('honours retry-after on 429 (seconds): not before it, then delivers with the same key', async () => {
    const id = await enqueue();
    fake.failNext(1, { kind: 'status', status: 429, retryAfter: '30', message: 'Too many requests' });
    const t0 = w.clock.now();
    expect(await drainOutbox(w.deps, mailer)).toMatchObject({ retried: 1 });
    const row = await rowOf(id);
    expect(row.status).toBe('pending');
    expect(row.lastError).toBe('429: Too many requests');
    expect(row.nextAttemptAt).toBeGreaterThanOrEqual(t0 + 30_000);
    w.clock.set(t0 + 29_999);
    expect(await drainOutbox(w.deps, mailer)).toMatchObject({ sent: 0, retried: 0 });
    expect(fake.attempts).toHaveLength(1);
    await drainWhenDue(id);
    expect(fake.attempts.map((x) => x.idempotencyKey)).toEqual([id, id]);
    expect(fake.deliveries).toHaveLength(1);
    expect((await rowOf(id)).status).toBe('sent');
  });

  it('honours retry-after given as an HTTP date, and never waits less than the backoff', async () => {
    const id = await enqueue();
    const t0 = w.clock.now();
    fake.script(
      { kind: 'status', status: 429, retryAfter: new Date(Date.now() + 120_000).toUTCString() },
      { kind: 'status', status: 429, retryAfter: '0' },
    );
    await drainOutbox(w.deps, mailer);
    const first = await rowOf(id);
    // An HTTP date has a one-second resolution: at least 119 s from now.
    expect(first.nextAttemptAt - t0).toBeGreaterThanOrEqual(119_000);
    expect(first.nextAttemptAt - t0).toBeLessThanOrEqual(121_000);
    const t1 = first.nextAttemptAt;
    await drainWhenDue(id);
    expect((await rowOf(id)).nextAttemptAt - t1).toBe(4000); // retry-after 0: backoff of attempt 2
    await drainWhenDue(id);
    expect(fake.deliveries).toHaveLength(1);
    expect(new Set(fake.attempts.map((x) => x.idempotencyKey))).toEqual(new Set([id]));
  });

  it('marks a 422 failed with the provider message, and never retries it', async () => {
    const id = await enqueue();
    fake.failNext(1, { kind: 'status', status: 422, message: 'Invalid `to` field. The email address needs to follow the `email@example.com` format.' });
    expect(await drainOutbox(w.deps, mailer)).toEqual({ sent: 0, retried: 0, failed: 1, kept: 0 });
    const row = await rowOf(id);
    expect(row.status).toBe('failed');
    expect(row.lastError).toBe('422: Invalid `to` field. The email address needs to follow the `email@example.com` format.');
    expect(logged.error).toEqual([expect.stringContaining(`[outbox] message ${id} (mission_assigned) failed after 1 attempt(s): 422: Invalid`)]);
    w.clock.advance(7 * 86_400_000);
    expect(await drainOutbox(w.deps, mailer)).toEqual({ sent: 0, retried: 0, failed: 0, kept: 0 });
    expect(fake.attempts).toHaveLength(1);
    expect(fake.deliveries).toHaveLength(0);
  });

  it('retries a timeout (the provider never answers) with the same key', async () => {
    const quick = resendMailer('re_test', fake.url, 150);
    const id = await enqueue();
    fake.failNext(1, { kind: 'hang' });
    expect(await drainOutbox(w.deps, quick)).toMatchObject({ retried: 1 });
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toMatch(/^network: /);
    await drainWhenDue(id, quick);
    expect(fake.attempts.map((x) => x.idempotencyKey)).toEqual([id, id]);
    expect(fake.deliveries).toHaveLength(1);
    expect((await rowOf(id)).status).toBe('sent');
  });

  it('a timed-out send the provider did accept is not doubled by the retry (idempotency)', async () => {
    const quick = resendMailer('re_test', fake.url, 150);
    const id = await enqueue();
    fake.failNext(1, { kind: 'hang', accepted: true });
    await drainOutbox(w.deps, quick);
    expect((await rowOf(id)).status).toBe('pending');
    await drainWhenDue(id, quick);
    expect(fake.attempts.map((x) => x.outcome)).toEqual(['hang-accepted', 'replayed']);
    expect(fake.deliveries).toHaveLength(1);
    expect(await rowOf(id)).toMatchObject({ status: 'sent', providerId: fake.deliveries[0].id });
  });

  it('retries 409 concurrent_idempotent_requests (Resend: safe to retry later)', async () => {
    const id = await enqueue();
    fake.failNext(1, { kind: 'status', status: 409, name: 'concurrent_idempotent_requests', message: 'Same idempotency key is still in progress.' });
    expect(await drainOutbox(w.deps, mailer)).toMatchObject({ retried: 1, failed: 0 });
    expect((await rowOf(id)).status).toBe('pending');
    await drainWhenDue(id);
    expect((await rowOf(id)).status).toBe('sent');
    expect(fake.deliveries).toHaveLength(1);
  });

  it('a message re-rendered differently after its send was accepted (409 invalid_idempotent_request) counts as sent, not resent', async () => {
    const quick = resendMailer('re_test', fake.url, 150);
    const id = await enqueue();
    fake.failNext(1, { kind: 'hang', accepted: true });
    await drainOutbox(w.deps, quick);
    // A deploy changes the rendering (here the sender) before the retry.
    const from = w.config.mailFrom;
    w.config.mailFrom = 'Fresk <noreply@asso.example>';
    try {
      await drainWhenDue(id, quick);
    } finally {
      w.config.mailFrom = from;
    }
    expect(fake.attempts.map((x) => x.outcome)).toEqual(['hang-accepted', '409']);
    expect(fake.deliveries).toHaveLength(1);
    const row = await rowOf(id);
    expect(row.status).toBe('sent');
    expect(row.lastError).toMatch(/^409: .*already sent under this key/);
    w.clock.advance(86_400_000);
    await drainOutbox(w.deps, quick);
    expect(fake.attempts).toHaveLength(2);
  });

  it('retries a 502 whose body is not JSON (a proxy page)', async () => {
    const id = await enqueue();
    fake.failNext(1, { kind: 'status', status: 502, rawBody: '<html>Bad gateway</html>' });
    await drainOutbox(w.deps, mailer);
    expect((await rowOf(id)).lastError).toMatch(/^502: /);
    await drainWhenDue(id);
    expect((await rowOf(id)).status).toBe('sent');
  });

  it('does not give up during an hour-long provider outage', async () => {
    const id = await enqueue();
    const start = w.clock.now();
    fake.failNext(1000, { kind: 'status', status: 503 });
    while (w.clock.now() - start < 3600_000) {
      await drainWhenDue(id);
      expect((await rowOf(id)).status).toBe('pending');
    }
    const failing = fake.attempts.length;
    await resetFake(); // the provider is back
    await drainWhenDue(id);
    expect((await rowOf(id)).status).toBe('sent');
    expect(failing).toBeGreaterThan(8);
  });

  it('gives up (failed, visible) on a message the provider keeps refusing for far too long', async () => {
    const id = await enqueue();
    fake.failNext(10_000, { kind: 'status', status: 500 });
    let rounds = 0;
    while ((await rowOf(id)).status === 'pending' && rounds++ < 500) await drainWhenDue(id);
    const row = await rowOf(id);
    expect(row.status).toBe('failed');
    expect(row.lastError).toMatch(/^500: /);
    // Within Resend's 24-hour idempotency window, so no late retry can ever double a message.
    expect(fake.attempts.length).toBe(row.attempts);
    expect(w.clock.now() - row.createdAt).toBeLessThan(24 * 3600_000);
    expect(row.nextAttemptAt - row.createdAt).toBeGreaterThan(12 * 3600_000);
    expect(row.attempts).toBeGreaterThan(20);
  });

  it('marks a message it cannot render failed, without calling the provider', async () => {
    const id = crypto.randomUUID();
    await w.db.insert(outbox).values({ id, template: 'no_such_template', to: 'x@fresk.test', lang: 'fr', data: '{}', status: 'pending', nextAttemptAt: w.clock.now(), createdAt: w.clock.now() });
    expect(await drainOutbox(w.deps, mailer)).toMatchObject({ failed: 1 });
    expect((await rowOf(id)).lastError).toMatch(/unknown email template/);
    expect(fake.attempts).toHaveLength(0);
  });

  it('two drainers running at once send each message once', async () => {
    const ids = await Promise.all([1, 2, 3, 4].map((i) => enqueue(`p${i}@fresk.test`)));
    const other = resendMailer('re_test', fake.url, 2_000);
    await Promise.all([drainOutbox(w.deps, mailer), drainOutbox(w.deps, other), drainOutbox(w.deps, mailer)]);
    expect(fake.attempts).toHaveLength(4);
    expect(fake.deliveries.map((d) => d.idempotencyKey).sort()).toEqual([...ids].sort());
  });

  it('sends the registration confirmation with its .ics attachment (base64, UTF-8)', async () => {
    const missionId = await missionFor(w);
    const s = await w.as(people.camille).sessions.create(sessionInput(missionId, 10, { title: 'Fresque à Besançon' }));
    await w.db.delete(outbox);
    await w.anonymous().participants.register({ code: secretOf(s.participantSignupUrl), name: 'Zoé Ümlaut', email: 'zoe@client.test', consent: true });
    const [row] = await w.db.query.outbox.findMany();
    const rendered = await renderRow(w.deps, row);
    await drainOutbox(w.deps, mailer);
    const body = fake.deliveries[0].body;
    expect(body.attachments).toHaveLength(1);
    expect(body.attachments[0]).toMatchObject({ filename: 'session.ics', content_type: 'text/calendar; charset=utf-8; method=PUBLISH' });
    expect(Buffer.from(body.attachments[0].content, 'base64').toString('utf8')).toBe(rendered.attachments![0].content);
    expect(rendered.attachments![0].content).toContain('Fresque à Besançon');
  });
});

/** Replaces the fake by a healthy one on the same test (used after a long scripted outage). */
async function resetFake() {
  await fake.close();
  fake = await startFakeResend();
  mailer = resendMailer('re_test', fake.url, 2_000);
}

describe('without RESEND_API_KEY (demo)', () => {
  it("keeps messages as 'kept', listed at /dev/outbox and /dev/outbox.json with their rendered links", async () => {
    const missionId = await missionFor(demo);
    const s = await demo.as(people.camille).sessions.create(sessionInput(missionId));
    await demo.as(people.camille).participants.invite({ sessionId: s.sessionId, emails: ['guest@client.test'] });
    expect(await drainOutbox(demo.deps, null)).toMatchObject({ sent: 0, kept: 2 });
    const rows = await demo.db.query.outbox.findMany();
    expect(rows.map((r) => r.status)).toEqual(['kept', 'kept']);
    // Kept rows are not picked up again.
    demo.clock.advance(3600_000);
    expect(await drainOutbox(demo.deps, null)).toMatchObject({ kept: 0 });

    const res = await demo.app.request('/dev/outbox.json');
    expect(res.status).toBe(200);
    const list = (await res.json()) as { template: string; to: string; status: string; links: string[]; text: string; html: string }[];
    const assigned = list.find((m) => m.template === 'mission_assigned')!;
    expect(assigned).toMatchObject({ to: people.camille.email, status: 'kept' });
    expect(assigned.links).toEqual([`${APP_URL}/missions/${missionId}`]);
    const invite = list.find((m) => m.template === 'participant_invitation')!;
    expect(invite.to).toBe('guest@client.test');
    expect(invite.links).toHaveLength(1);
    expect(invite.links[0]).toMatch(new RegExp(`^${APP_URL}/invitation/[A-Za-z0-9_-]{32}$`));
    // The rendered link works: it is the token's secret, recomputed.
    const info = await demo.anonymous().participants.signupInfo({ token: secretOf(invite.links[0]) });
    expect(info.organization.name).toBe('Acme');

    const page = await demo.app.request('/dev/outbox');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('gardé localement (non envoyé)');
    expect(html).toContain(`<a href="${APP_URL}/missions/${missionId}">`);
    expect(html).toContain(`<a href="${invite.links[0]}">`);
  });

  it('shows a failed message and its error at /dev/outbox', async () => {
    const id = crypto.randomUUID();
    await demo.db.insert(outbox).values({
      id,
      template: 'mission_assigned',
      to: 'x@fresk.test',
      lang: 'en',
      data: JSON.stringify({ missionId: 'm', missionTitle: 'T', organizationName: 'O', coordinatorName: 'C' }),
      status: 'failed',
      attempts: 1,
      lastError: '422: Invalid `to` field',
      nextAttemptAt: 0,
      createdAt: demo.clock.now(),
    });
    const list = (await (await demo.app.request('/dev/outbox.json')).json()) as { id: string; status: string; lastError: string }[];
    expect(list.find((m) => m.id === id)).toMatchObject({ status: 'failed', lastError: '422: Invalid `to` field' });
    const html = await (await demo.app.request('/dev/outbox')).text();
    expect(html).toContain('échec');
    expect(html).toContain('422: Invalid `to` field');
  });

  it('is not served outside demo mode', async () => {
    expect((await w.app.request('/dev/outbox')).status).toBe(404);
    expect((await w.app.request('/dev/outbox.json')).status).toBe(404);
  });
});

describe('a request never waits for the provider', () => {
  it('mutations that enqueue email complete while the provider hangs', async () => {
    fake.hangAll(true);
    const slow = resendMailer('re_test', fake.url, 60_000);
    const loop = startOutboxLoop(w.deps, slow, 3600_000);
    w.deps.kickOutbox = loop.kick;
    try {
      const events: string[] = [];
      const admin = await w.token(people.admin);
      const created = await http(w, 'admin.createMission', {
        token: admin,
        input: { title: 'Won', organization: { name: 'Acme', sector: 'entreprise' }, coordinator: { email: people.camille.email, name: 'Camille' }, order: [{ kind: 'atelier', quantity: 1 }] },
      });
      events.push('createMission answered');
      expect(created.status).toBe(200);
      // The drainer is now stuck on the provider, which has answered nothing.
      await fake.waitForAttempts(1);
      expect(fake.hanging()).toBe(1);

      // A public mutation made while the provider hangs answers too.
      const missionId = created.body.result.data.missionId as string;
      const s = await w.as(people.camille).sessions.create(sessionInput(missionId));
      const registered = await http(w, 'participants.register', { input: { code: secretOf(s.participantSignupUrl), name: 'Zoé', email: 'zoe@client.test', consent: true } });
      events.push('register answered');
      expect(registered.status).toBe(200);
      expect(fake.attempts.every((a) => !a.answered)).toBe(true);
      expect(events).toEqual(['createMission answered', 'register answered']);

      // The provider comes back: everything queued is delivered once.
      fake.hangAll(false);
      fake.release();
      events.push('provider answered');
      loop.kick();
      await vi.waitFor(async () => expect((await w.db.query.outbox.findMany()).every((r) => r.status === 'sent')).toBe(true), { timeout: 10_000, interval: 20 });
      expect(events).toEqual(['createMission answered', 'register answered', 'provider answered']);
      expect(fake.deliveries.map((d) => d.body.to[0]).sort()).toEqual([people.camille.email, 'zoe@client.test']);
    } finally {
      loop.stop();
      w.deps.kickOutbox = undefined;
      await loop.idle();
    }
  });
});
