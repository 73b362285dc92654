/**
 * The Workers build inside workerd: server/worker.ts with wrangler.toml's bindings, the real
 * `@libsql/client/web` → Hrana v2 over HTTP → the Turso stand-in (test/libsql-http-server.ts), Cloudflare's
 * rate-limiting binding (Miniflare's implementation), static assets, and the Cron Trigger's handler
 * sending through the real Resend SDK to the fake Resend — all on 127.0.0.1, reached with plain fetch.
 */
import { createClient } from '@libsql/client/web';
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { signJwt, type Claims } from '../../server/auth.ts';
import worker from '../../server/worker.ts';

const BASE = 'http://fresk.test';
const admin = { sub: 'w-admin', email: 'staff@asso.test', name: 'Staff', role: 'admin' } as const;
const coordinator = { sub: 'w-camille', email: 'camille.worker@fresk.test', name: 'Camille', role: 'facilitator', of: true } as const;

const token = (who: Omit<Claims, 'exp'>, secret = env.FRESK_AUTH_SECRET, exp = Math.floor(Date.now() / 1000) + 3600) => signJwt({ ...who, exp }, secret);

/** The stand-in database, read directly (through the same Hrana protocol) for assertions. */
const db = createClient({ url: env.FRESK_DB_URL, authToken: env.FRESK_DB_TOKEN });
afterAll(() => db.close());

interface Call {
  token?: string;
  input?: unknown;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
}
async function trpc(path: string, { token: t, input, method = 'POST', headers = {} }: Call = {}) {
  const h: Record<string, string> = { ...headers };
  if (t) h.authorization = `Bearer ${t}`;
  let url = `${BASE}/trpc/${path}`;
  let body: string | undefined;
  if (method === 'GET') url += `?input=${encodeURIComponent(JSON.stringify(input ?? {}))}`;
  else {
    h['content-type'] = 'application/json';
    body = JSON.stringify(input ?? {});
  }
  const res = await exports.default.fetch(url, { method, headers: h, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) };
}

async function resendLog(): Promise<{ attempts: { idempotencyKey: string | null; outcome: string; body: { to: string[]; subject: string } }[]; deliveries: { idempotencyKey: string | null; body: { to: string[]; subject: string; text: string } }[] }> {
  return (await fetch(`${env.CONTROL_URL}/resend`)).json();
}

async function until<T>(what: () => Promise<T | undefined | null | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('boot and health', () => {
  it('answers /health once the database (Turso stand-in over HTTP) is reachable, with migrations applied', async () => {
    const res = await exports.default.fetch(`${BASE}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    const applied = await db.execute('SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at');
    expect(applied.rows.length).toBeGreaterThanOrEqual(2);
    const tables = await db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('missions', 'outbox')");
    expect(tables.rows.map((r) => r.name).sort()).toEqual(['missions', 'outbox']);
  });

  it('serves the OpenAPI description built from the router, as the Node server does', async () => {
    const res = await exports.default.fetch(`${BASE}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/trpc/participants.register']).toHaveProperty('post');
  });

  it('answers 404 in the API shape for an unknown path', async () => {
    const res = await exports.default.fetch(`${BASE}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { message: 'Not found' } });
  });

  it('answers 503 database_unavailable when Turso is down, and 500 without its secret', async () => {
    // A server answering 503 to the Hrana pipeline. (A closed port behaves the same, but workerd then
    // logs each refused connection with a native stack, which buries the test output.)
    const down = { ...env, FRESK_DB_URL: env.CONTROL_URL };
    let ctx = createExecutionContext();
    const health = await worker.fetch(new Request(`${BASE}/health`), down, ctx);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, reason: 'database_unavailable' });
    const t = await token(coordinator);
    const api = await worker.fetch(new Request(`${BASE}/trpc/missions.list?input=%7B%7D`, { headers: { authorization: `Bearer ${t}` } }), down, ctx);
    expect(api.status).toBe(503);
    expect((await api.json()).error.data).toMatchObject({ reason: 'database_unavailable' });
    await waitOnExecutionContext(ctx);

    ctx = createExecutionContext();
    const res = await worker.fetch(new Request(`${BASE}/health`), { ...env, FRESK_AUTH_SECRET: '' }, ctx);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toMatch(/FRESK_AUTH_SECRET|at .*\.ts/);
    await waitOnExecutionContext(ctx);
  });
});

describe('demo mode', () => {
  it('is never on at the edge, even with FRESK_DEMO=1: no /dev/* routes (token minting)', async () => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(`${BASE}/dev/token`, { method: 'POST', body: JSON.stringify({ email: 'x@y.org', role: 'admin' }) }), { ...env, FRESK_DEMO: '1' } as typeof env, ctx);
    expect(res.status).toBe(404);
    await waitOnExecutionContext(ctx);
  });
});

describe('CORS', () => {
  it('allows a listed origin, exactly', async () => {
    const res = await exports.default.fetch(`${BASE}/trpc/missions.list`, {
      method: 'OPTIONS',
      headers: { origin: 'https://wordpress.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://wordpress.example');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });

  it('gives no CORS headers to an origin not listed', async () => {
    for (const origin of ['https://evil.example', 'https://wordpress.example.evil.example', 'http://wordpress.example']) {
      const res = await exports.default.fetch(`${BASE}/health`, { headers: { origin } });
      expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });
});

describe('auth', () => {
  it('refuses a call without a token, with a bad signature, expired, or not HS256 (401)', async () => {
    const forged = await token(coordinator, 'another-secret-0123456789-abcdefghijklmnop');
    const expired = await token(coordinator, env.FRESK_AUTH_SECRET, Math.floor(Date.now() / 1000) - 60);
    const good = await token(coordinator);
    const [head, body, sig] = good.split('.');
    const noneAlg = `${btoa(JSON.stringify({ alg: 'none', typ: 'JWT' })).replace(/=+$/, '')}.${body}.${sig}`;
    for (const t of [undefined, 'garbage', forged, expired, noneAlg]) {
      const res = await trpc('missions.list', { method: 'GET', token: t });
      expect(res.status, String(t)).toBe(401);
      expect(res.body.error.data).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401, reason: 'unauthorized' });
    }
    expect(head).toBeTruthy();
    expect((await trpc('missions.list', { method: 'GET', token: good })).status).toBe(200);
  });

  it('keeps admin procedures to admins', async () => {
    const res = await trpc('admin.missions', { method: 'GET', token: await token(coordinator), input: {} });
    expect([403, 404]).toContain(res.status);
    expect(res.body.error.data.reason).toBeTruthy();
  });
});

describe('error shape', () => {
  it('carries code, httpStatus, path and reason, never a stack or SQL', async () => {
    const res = await trpc('missions.get', { method: 'GET', token: await token(coordinator), input: { missionId: 'nope' } });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: -32004, data: { code: 'NOT_FOUND', httpStatus: 404, path: 'missions.get', reason: 'not_found' } });
    expect(res.text).not.toMatch(/stack|at .*\.ts|SELECT|sqlite|hrana|libsql/i);
  });

  it('maps bad input to a 400 with fieldErrors', async () => {
    const res = await trpc('admin.createMission', {
      token: await token(admin),
      input: { title: '', organization: { name: 'x'.repeat(201), sector: 'moon' }, coordinator: { email: 'not-an-email' }, order: [] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.data).toMatchObject({ code: 'BAD_REQUEST', reason: 'invalid_input' });
    expect(Object.keys(res.body.error.data.fieldErrors)).toEqual(expect.arrayContaining(['organization', 'coordinator']));
    expect(res.text).not.toMatch(/stack|at .*\.ts/);
  });
});

describe('a full path: tRPC → drizzle → @libsql/client/web → Hrana HTTP → libSQL, and back', () => {
  let missionId = '';

  it('admin.createMission writes the mission in one interactive transaction (batons) and queues the email', async () => {
    const res = await trpc('admin.createMission', {
      token: await token(admin),
      input: {
        title: 'Fresques chez Acme',
        organization: { name: 'Acme Worker', sector: 'entreprise' },
        coordinator: { email: coordinator.email, name: coordinator.name },
        order: [
          { kind: 'atelier', quantity: 6 },
          { kind: 'formation', quantity: 1 },
        ],
      },
    });
    expect(res.status, res.text).toBe(200);
    missionId = res.body.result.data.missionId;
    expect(missionId).toMatch(/^[0-9a-f-]{36}$/);
    const row = await db.execute({ sql: 'SELECT title FROM missions WHERE id = ?', args: [missionId] });
    expect(row.rows[0]?.title).toBe('Fresques chez Acme');
    const audit = await db.execute({ sql: 'SELECT count(*) AS n FROM audit_log WHERE at IS NOT NULL', args: [] });
    expect(Number(audit.rows[0].n)).toBeGreaterThan(0);
  });

  it('missions.get as the coordinator reads it back, with the order counters', async () => {
    const res = await trpc('missions.get', { method: 'GET', token: await token(coordinator), input: { missionId } });
    expect(res.status, res.text).toBe(200);
    const m = res.body.result.data;
    expect(m).toMatchObject({ id: missionId, title: 'Fresques chez Acme', status: 'open', organization: { name: 'Acme Worker', sector: 'entreprise' } });
    expect(m.order).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'atelier', ordered: 6, planned: 0 }),
        expect.objectContaining({ kind: 'formation', ordered: 1, planned: 0 }),
      ]),
    );
    expect(m.sessions).toEqual([]);
    // Not theirs: another facilitator gets NOT_FOUND, as for something that does not exist.
    const other = await trpc('missions.get', { method: 'GET', token: await token({ ...coordinator, sub: 'w-other', email: 'other@fresk.test' }), input: { missionId } });
    expect(other.status).toBe(404);
  });

  it('batches two queries in one HTTP call (?batch=1)', async () => {
    const t = await token(coordinator);
    const input = encodeURIComponent(JSON.stringify({ 0: {}, 1: { missionId } }));
    const res = await exports.default.fetch(`${BASE}/trpc/missions.list,missions.get?batch=1&input=${input}`, { headers: { authorization: `Bearer ${t}` } });
    expect(res.status).toBe(200);
    const [list, get] = (await res.json()) as { result: { data: { id: string }[] | { id: string } } }[];
    expect((list.result.data as { id: string }[]).map((x) => x.id)).toContain(missionId);
    expect((get.result.data as { id: string }).id).toBe(missionId);
  });

  it('sends the coordinator email right after the request (ctx.waitUntil), through the Resend SDK to the fake', async () => {
    const sent = await until(async () => {
      const r = await db.execute({ sql: "SELECT id, status, provider_id FROM outbox WHERE \"to\" = ? AND status = 'sent'", args: [coordinator.email] });
      return r.rows[0];
    });
    const log = await resendLog();
    const delivery = log.deliveries.find((d) => d.idempotencyKey === sent.id);
    expect(delivery, JSON.stringify(log.deliveries.map((d) => d.idempotencyKey))).toBeTruthy();
    expect(delivery!.body.to).toEqual([coordinator.email]);
    expect(delivery!.body.text).toContain(`http://fresk.test/`);
    expect(String(sent.provider_id)).toMatch(/^fake_/);
  });
});

describe('scheduled (Cron Trigger)', () => {
  it('drains a pending email to the fake Resend, with the outbox row id as Idempotency-Key', async () => {
    // A pending message as a write that the request path did not drain would leave it.
    const [template] = (await db.execute("SELECT template, lang, data FROM outbox WHERE status = 'sent' LIMIT 1")).rows;
    expect(template).toBeTruthy();
    const id = crypto.randomUUID();
    const now = Date.now();
    await db.execute({
      sql: 'INSERT INTO outbox (id, template, "to", lang, data, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, \'pending\', 0, ?, ?)',
      args: [id, template.template, 'cron.reader@fresk.test', template.lang, template.data, now - 1000, now - 1000],
    });

    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: '* * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);

    const row = (await db.execute({ sql: 'SELECT status, attempts, provider_id FROM outbox WHERE id = ?', args: [id] })).rows[0];
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    const log = await resendLog();
    const attempts = log.attempts.filter((a) => a.idempotencyKey === id);
    expect(attempts).toHaveLength(1);
    expect(attempts[0].body.to).toEqual(['cron.reader@fresk.test']);
    expect(log.deliveries.filter((d) => d.idempotencyKey === id)).toHaveLength(1);
  });

  it('a second run sends nothing again', async () => {
    const before = (await resendLog()).attempts.length;
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController(), env, ctx);
    await waitOnExecutionContext(ctx);
    expect((await resendLog()).attempts.length).toBe(before);
  });
});

describe('rate limits through the Cloudflare binding', () => {
  it('refuses a public procedure past the limit, per client address (CF-Connecting-IP)', async () => {
    const call = (ip: string) => trpc('participants.signupInfo', { method: 'GET', input: { code: 'no-such-code-0000000000' }, headers: { 'cf-connecting-ip': ip } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call('203.0.113.7')).status);
    expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    const limited = await call('203.0.113.7');
    expect(limited.status).toBe(429);
    expect(limited.body.error.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'rate_limited' });
    // Another address is counted apart.
    expect((await call('203.0.113.8')).status).toBe(404);
  });
});

describe('widget bundles (static assets)', () => {
  it('serves /widget/<file> from dist/widget with CORS for a listed origin', async () => {
    const res = await exports.default.fetch(`${BASE}/widget/fresk-invite.js`, { headers: { origin: 'https://wordpress.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://wordpress.example');
    expect((await res.text()).length).toBeGreaterThan(1000);
  });

  it('serves nothing else: no alias at the root, 404 for an unknown bundle, the manifest or a precompressed copy', async () => {
    expect((await exports.default.fetch(`${BASE}/fresk-invite.js`)).status).toBe(404);
    expect((await exports.default.fetch(`${BASE}/widget/nope.js`)).status).toBe(404);
    expect((await exports.default.fetch(`${BASE}/widget/manifest.json`)).status).toBe(404);
    expect((await exports.default.fetch(`${BASE}/widget/fresk-invite.js.br`)).status).toBe(404);
  });

  it("pages reference the hashed bundles, which are cached for a year; the portal's chunks are there too", async () => {
    const page = await (await exports.default.fetch(`${BASE}/missions`)).text();
    const src = /<script type="module" src="(\/widget\/fresk-missions\.[0-9a-f]{8}\.js)">/.exec(page)?.[1];
    expect(src, page).toBeTruthy();
    expect(page).toContain(`<link rel="modulepreload" href="${src}">`);
    const res = await exports.default.fetch(`${BASE}${src}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const chunk = /from"\.\/([\w-]+\.[A-Z0-9]{8}\.js)"/.exec(await res.text())?.[1];
    expect(chunk).toBeTruthy();
    const chunkRes = await exports.default.fetch(`${BASE}/widget/${chunk}`);
    expect(chunkRes.status).toBe(200);
    expect(chunkRes.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    await chunkRes.body?.cancel();
    const stable = await exports.default.fetch(`${BASE}/widget/fresk-missions.js`);
    expect(stable.headers.get('cache-control')).not.toContain('immutable');
    await stable.body?.cancel();
  });
});

describe('le jour J in workerd', () => {
  it('the follow-up goes out with the attestation PDF (pdf-lib + fontkit, font bundled), also served at /attestation/<token>.pdf', async () => {
    const staff = await token(admin);
    const camille = await token(coordinator);
    const m = await trpc('admin.createMission', { token: staff, input: { title: 'Jour J worker', organization: { name: 'Acme', sector: 'entreprise' }, coordinator: { email: coordinator.email }, order: [{ kind: 'atelier', quantity: 1 }] } });
    const hour = 3600_000;
    const s = await trpc('sessions.create', {
      token: camille,
      input: { missionId: m.body.result.data.missionId, kind: 'atelier', startsAt: new Date(Date.now() - 4 * hour).toISOString(), endsAt: new Date(Date.now() - hour).toISOString(), location: { mode: 'onsite', address: 'Paris' }, capacity: 5, extraFacilitators: 0 },
    });
    const sessionId = s.body.result.data.sessionId;
    expect(s.body.result.data.checkInUrl).toMatch(/^http:\/\/fresk\.test\/checkin\//);
    expect((await trpc('attendance.addWalkIn', { token: camille, input: { sessionId, name: 'Nguyễn An', email: 'an.worker@fresk.test' } })).status).toBe(200);
    expect((await trpc('followUp.send', { token: camille, input: { sessionId } })).body.result.data).toEqual({ sent: 1 });
    const delivery = await until(async () => (await resendLog()).deliveries.find((d) => d.body.to[0] === 'an.worker@fresk.test'));
    const body = delivery.body as unknown as { text: string; attachments: { content: string; content_type: string }[] };
    expect(body.attachments[0].content_type).toBe('application/pdf');
    expect(atob(body.attachments[0].content).slice(0, 5)).toBe('%PDF-');
    const link = body.text.match(/http:\/\/fresk\.test(\/attestation\/[A-Za-z0-9_-]+\.pdf)/)![1];
    const res = await exports.default.fetch(`${BASE}${link}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(bytes.length).toBeLessThan(60_000);
  });

  it('a Korean or Chinese name prints with the font range files read through the ASSETS binding', async () => {
    const staff = await token(admin);
    const camille = await token(coordinator);
    const m = await trpc('admin.createMission', { token: staff, input: { title: 'CJK worker', organization: { name: 'Acme', sector: 'entreprise' }, coordinator: { email: coordinator.email }, order: [{ kind: 'atelier', quantity: 1 }] } });
    const hour = 3600_000;
    const s = await trpc('sessions.create', {
      token: camille,
      input: { missionId: m.body.result.data.missionId, kind: 'atelier', startsAt: new Date(Date.now() - 4 * hour).toISOString(), endsAt: new Date(Date.now() - hour).toISOString(), location: { mode: 'onsite', address: 'Paris' }, capacity: 5, extraFacilitators: 0 },
    });
    const sessionId = s.body.result.data.sessionId;
    const names = { 'kim.worker@fresk.test': ['김민준', 'KR'], 'li.worker@fresk.test': ['李雷', 'SC'] } as const;
    for (const [email, [name]] of Object.entries(names)) expect((await trpc('attendance.addWalkIn', { token: camille, input: { sessionId, name, email } })).status).toBe(200);
    expect((await trpc('followUp.send', { token: camille, input: { sessionId } })).body.result.data).toEqual({ sent: 2 });
    for (const [email, [, script]] of Object.entries(names)) {
      const delivery = await until(async () => (await resendLog()).deliveries.find((d) => d.body.to[0] === email));
      const link = (delivery.body as unknown as { text: string }).text.match(/http:\/\/fresk\.test(\/attestation\/[A-Za-z0-9_-]+\.pdf)/)![1];
      const res = await exports.default.fetch(`${BASE}${link}`);
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(bytes.length).toBeLessThan(200_000);
      const fonts = (await PDFDocument.load(bytes)).context
        .enumerateIndirectObjects()
        .flatMap(([, o]) => (o instanceof PDFDict && o.get(PDFName.of('Subtype')) === PDFName.of('Type0') ? [String(o.get(PDFName.of('BaseFont')))] : []));
      expect(fonts.some((f) => f.includes(`NotoSans${script}`)), fonts.join(' ')).toBe(true);
    }
  });
});
