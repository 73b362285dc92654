import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustedProxies, rateIdentity } from '../../server/client-address.ts';
import { loadConfig } from '../../server/config.ts';
import { serveDemoPages } from '../../demo/static.ts';
import { listenHosts } from '../../server/node.ts';
import { createApp } from '../../server/app.ts';
import { MemoryRateLimiter, publicRateLimiter } from '../../server/rate-limit.ts';
import { http, makeWorld, missionFor, people, secretOf, sessionInput } from './helpers.ts';

const w = await makeWorld();

describe('request bounds (API.md)', () => {
  it('answers 413 payload_too_large to a body over 100 KB, from its Content-Length, without reading it', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 200) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await w.app.request('/trpc/participants.register', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(200 * chunk.length) },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error.data).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, reason: 'payload_too_large' });
    expect(pulled).toBeLessThan(5);
  });

  it('stops reading a streamed body (no Content-Length) as soon as it passes 100 KB', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(16 * 1024).fill(0x61);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 1000) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await w.app.request('/trpc/participants.register', { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(12);
  });

  it('still takes a body just under the limit', async () => {
    const res = await http(w, 'participants.register', { input: { code: 'x'.repeat(32), name: 'A', email: 'a@b.co', consent: true, pad: 'p'.repeat(90_000) } });
    expect(res.status).toBe(404);
  });

  it('refuses a batch of more than 20 calls with BAD_REQUEST, and serves one of 20', async () => {
    const token = await w.token(people.camille);
    const call = (n: number) =>
      w.app.request(`/trpc/${Array(n).fill('missions.list').join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify({}))}`, { headers: { authorization: `Bearer ${token}` } });
    const ok = await call(20);
    expect(ok.status).toBe(200);
    const res = await call(21);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(JSON.stringify(body)).toMatch(/"code":"BAD_REQUEST"/);
    expect(JSON.stringify(body)).toMatch(/batch_too_large/);
  });

  it('takes a token-bearing query by POST (method override), so the secret stays out of the URL', async () => {
    const missionId = await missionFor(w);
    const created = await w.as(people.camille).sessions.create(sessionInput(missionId));
    const res = await http(w, 'participants.signupInfo', { method: 'POST', input: { code: secretOf(created.participantSignupUrl) } });
    expect(res.status).toBe(200);
    expect(res.body.result.data.session.kind).toBe('atelier');
  });
});

describe('rate limits (API.md, Trust)', () => {
  it('defaults to a burst of 30 then 60 per minute per client and procedure', () => {
    const config = loadConfig({ FRESK_AUTH_SECRET: 'x'.repeat(32) });
    expect(config.rateLimitPerMinute).toBe(60);
    const limiter = publicRateLimiter(config.rateLimitPerMinute);
    const t0 = Date.parse('2027-03-01T09:00:00Z');
    let passed = 0;
    for (let i = 0; i < 300; i++) if (limiter.take('203.0.113.1|participants.register', t0)) passed++;
    expect(passed).toBe(30);
    expect(limiter.take('203.0.113.1|participants.register', t0 + 1000)).toBe(true); // one a second
    expect(limiter.take('203.0.113.1|participants.register', t0 + 1000)).toBe(false);
    expect(limiter.take('203.0.113.2|participants.register', t0)).toBe(true);
  });

  it('believes X-Forwarded-For only from a trusted proxy, and reads it from the right', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8, 2001:db8:ffff::1');
    expect(clientAddress('198.51.100.9', '203.0.113.5', trusted)).toBe('198.51.100.9');
    expect(clientAddress('10.1.2.3', '203.0.113.5', trusted)).toBe('203.0.113.5');
    expect(clientAddress('10.1.2.3', '6.6.6.6, 203.0.113.5, 10.9.9.9', trusted)).toBe('203.0.113.5');
    expect(clientAddress('2001:db8:ffff::1', '203.0.113.7', trusted)).toBe('203.0.113.7');
    expect(clientAddress('10.1.2.3', undefined, trusted)).toBe('10.1.2.3');
    expect(clientAddress('10.1.2.3', '203.0.113.5', [])).toBe('10.1.2.3');
  });

  it('counts IPv6 clients per /64, and IPv4-mapped addresses as IPv4', () => {
    expect(rateIdentity('2001:db8:1:2:aaaa::1')).toBe(rateIdentity('2001:db8:1:2:ffff:1:2:3'));
    expect(rateIdentity('2001:db8:1:2::1')).not.toBe(rateIdentity('2001:db8:1:3::1'));
    expect(rateIdentity('::ffff:192.0.2.1')).toBe('192.0.2.1');
  });

  it('keeps at most maxKeys buckets, forgetting the least recently seen', () => {
    const limiter = new MemoryRateLimiter(10, 60_000, 5, 1000);
    for (let i = 0; i < 5000; i++) limiter.take(`k${i}`, 0);
    expect(limiter.size).toBe(1000);
    for (let i = 0; i < 5; i++) limiter.take('hot', 0);
    for (let i = 0; i < 999; i++) limiter.take(`n${i}`, 0);
    expect(limiter.take('hot', 0)).toBe(false); // still remembered: recently seen
  });
});

describe('demo mode', () => {
  it('listens on loopback addresses only', () => {
    expect(listenHosts({ demo: true })).toEqual(['127.0.0.1', '::1']);
    expect(listenHosts({ demo: false })).toEqual([undefined]);
  });

  it('serves /demo/ with the same security headers as every page', async () => {
    const app = createApp(w.deps);
    serveDemoPages(app, w.config, process.cwd());
    const res = await app.request('/demo/');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*script-src 'self'/);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const css = await app.request('/demo/demo.css');
    expect(css.headers.get('x-content-type-options')).toBe('nosniff');
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
  });
});

describe('registration is no spam relay', () => {
  it('the confirmation email carries no text typed in the form', async () => {
    const { outbox } = await import('../../schema/index.ts');
    const { renderRow } = await import('../../server/outbox-drainer.ts');
    const { eq } = await import('drizzle-orm');
    const missionId = await missionFor(w);
    const created = await w.as(people.camille).sessions.create(sessionInput(missionId));
    const name = 'Bonjour ton compte est suspendu reactive le';
    await w.anonymous().participants.register({ code: secretOf(created.participantSignupUrl), name, email: 'victim@example.org', consent: true });
    const [row] = await w.db.select().from(outbox).where(eq(outbox.to, 'victim@example.org'));
    const mail = await renderRow(w.deps, row);
    expect(mail.text + mail.html + mail.subject).not.toContain(name);
  });

  it('refuses a name that carries a link or an address, with fieldErrors', async () => {
    const missionId = await missionFor(w);
    const created = await w.as(people.camille).sessions.create(sessionInput(missionId));
    for (const name of ['Voir https://evil.example', 'www.evil.example', 'evil.com/login', 'a@b.example', 'Jean\u0007']) {
      const res = await http(w, 'participants.register', { input: { code: secretOf(created.participantSignupUrl), name, email: 'n@example.org', consent: true } });
      expect(res.status, name).toBe(400);
      expect(res.body.error.data.fieldErrors.name, name).toBeTruthy();
    }
    for (const name of ['Jean-Pierre Dupont', "Ngozi O'Neil", 'Nguyễn Văn A', 'J.R.R. Tolkien']) {
      const res = await http(w, 'participants.register', { input: { code: secretOf(created.participantSignupUrl), name, email: `ok${name.length}@example.org`, consent: true } });
      expect(res.status, name).toBe(200);
    }
  });

  it('caps new registrations per session per hour (REGISTRATIONS_PER_SESSION_HOUR)', async () => {
    const { REGISTRATIONS_PER_SESSION_HOUR } = await import('../../server/services/participants.ts');
    const missionId = await missionFor(w);
    const created = await w.as(people.camille).sessions.create(sessionInput(missionId, 10, { capacity: 1000 }));
    const code = secretOf(created.participantSignupUrl);
    for (let i = 0; i < REGISTRATIONS_PER_SESSION_HOUR; i++) await w.anonymous(`198.51.100.${i % 250}`).participants.register({ code, name: 'P', email: `wave${i}@example.org`, consent: true });
    await expect(w.anonymous('198.51.100.251').participants.register({ code, name: 'P', email: 'late@example.org', consent: true })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    // A repeat still answers its registration; and an hour later the session takes new people again.
    await expect(w.anonymous().participants.register({ code, name: 'P', email: 'wave0@example.org', consent: true })).resolves.toMatchObject({ status: 'registered' });
    w.clock.advance(3600_000 + 1);
    await expect(w.anonymous().participants.register({ code, name: 'P', email: 'late@example.org', consent: true })).resolves.toMatchObject({ status: 'registered' });
  });
});
