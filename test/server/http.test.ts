import { describe, expect, it } from 'vitest';
import { signJwt } from '../../server/auth.ts';
import { http, makeWorld, missionFor, people, SECRET, sessionInput } from './helpers.ts';

const w = await makeWorld();
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('GET /health', () => {
  it('answers 200 {ok:true} when the database answers', async () => {
    const res = await w.app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe('JWT bearer auth', () => {
  const call = (token?: string) => http(w, 'missions.list', { method: 'GET', token });

  it('accepts a valid HS256 token and creates the facilitator from its claims', async () => {
    const res = await call(await w.token(people.camille));
    expect(res.status).toBe(200);
    expect(res.body.result.data).toEqual(expect.any(Array));
  });

  it.each([
    ['no token', async () => undefined],
    ['garbage', async () => 'not.a.jwt'],
    ['wrong secret', async () => signJwt({ ...people.camille, exp: Math.floor(w.clock.now() / 1000) + 60 } as never, 'another-secret')],
    ['expired', async () => w.token(people.camille, { exp: Math.floor(w.clock.now() / 1000) - 1 })],
    ['no exp', async () => {
      const t = await w.token(people.camille);
      const [h, , s] = t.split('.');
      const { exp: _exp, ...claims } = JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString());
      return `${h}.${b64(claims)}.${s}`; // signature no longer matches either; below we also sign properly
    }],
    ['alg none', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...people.camille, exp: 9999999999 })}.`],
  ])('refuses %s with UNAUTHORIZED', async (_label, make) => {
    const res = await call(await make());
    expect(res.status).toBe(401);
    expect(res.body.error.data).toMatchObject({ code: 'UNAUTHORIZED', reason: 'unauthorized' });
  });

  it('refuses a correctly signed token without exp, and one signed with HS512', async () => {
    const { createHmac } = await import('node:crypto');
    const sign = (alg: 'HS256' | 'HS512', claims: object) => {
      const head = b64({ alg, typ: 'JWT' });
      const body = b64(claims);
      const sig = createHmac(alg === 'HS256' ? 'sha256' : 'sha512', SECRET).update(`${head}.${body}`).digest('base64url');
      return `${head}.${body}.${sig}`;
    };
    expect((await call(sign('HS256', { ...people.camille }))).status).toBe(401);
    const exp = Math.floor(w.clock.now() / 1000) + 3600;
    expect((await call(sign('HS512', { ...people.camille, exp }))).status).toBe(401);
    expect((await call(sign('HS256', { ...people.camille, exp }))).status).toBe(200);
  });
});

describe('error shape', () => {
  it('carries code, httpStatus, path, reason and never a stack', async () => {
    const token = await w.token(people.camille);
    const res = await http(w, 'missions.get', { method: 'GET', token, input: { missionId: 'nope' } });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: -32004, data: { code: 'NOT_FOUND', httpStatus: 404, path: 'missions.get', reason: 'not_found' } });
    expect(JSON.stringify(res.body)).not.toMatch(/stack|at .*\.ts|SELECT|sqlite/i);
  });

  it('maps each bad field of sessions.create to fieldErrors with a 400', async () => {
    const token = await w.token(people.camille);
    const missionId = await missionFor(w);
    const good = sessionInput(missionId);
    const bad: [string, Record<string, unknown>][] = [
      ['kind', { kind: 'conference' }],
      ['startsAt', { startsAt: '2027-02-30T10:00:00Z' }],
      ['startsAt', { startsAt: '2027-03-04' }],
      ['startsAt', { startsAt: '2027-03-04T09:00:00' }],
      ['endsAt', { endsAt: 'tomorrow' }],
      ['capacity', { capacity: 0 }],
      ['capacity', { capacity: 1001 }],
      ['capacity', { capacity: 2.5 }],
      ['extraFacilitators', { extraFacilitators: -1 }],
      ['extraFacilitators', { extraFacilitators: 51 }],
      ['location', { location: { mode: 'online', url: 'javascript:alert(1)' } }],
      ['location', { location: { mode: 'online', url: `https://x.org/${'a'.repeat(500)}` } }],
      ['location', { location: { mode: 'onsite', address: '' } }],
      ['location', { location: { mode: 'moon' } }],
      ['title', { title: 'x'.repeat(201) }],
      ['language', { language: 'de' }],
      ['missionId', { missionId: 42 }],
    ];
    for (const [field, patch] of bad) {
      const res = await http(w, 'sessions.create', { token, input: { ...good, ...patch } });
      expect(res.status, `${field} ${JSON.stringify(patch)}`).toBe(400);
      expect(res.body.error.data.reason).toBe('invalid_input');
      expect(Object.keys(res.body.error.data.fieldErrors), JSON.stringify(patch)).toContain(field);
    }
    const sessions = (await w.as(people.camille).missions.get({ missionId })).sessions;
    expect(sessions).toHaveLength(0);
  });

  it('ends_before_start is a 400 with reason and a fieldError on endsAt', async () => {
    const token = await w.token(people.camille);
    const input = sessionInput(await missionFor(w));
    const res = await http(w, 'sessions.create', { token, input: { ...input, endsAt: input.startsAt } });
    expect(res.status).toBe(400);
    expect(res.body.error.data).toMatchObject({ reason: 'ends_before_start', fieldErrors: { endsAt: [expect.any(String)] } });
  });

  it('bounds admin.createMission inputs', async () => {
    const token = await w.token(people.admin);
    const good = { title: 'T', organization: { name: 'O', sector: 'entreprise' }, coordinator: { email: 'c@x.org' }, order: [{ kind: 'atelier', quantity: 1 }] };
    const bad: [string, Record<string, unknown>][] = [
      ['title', { title: 'x'.repeat(201) }],
      ['title', { title: '' }],
      ['organization.name', { organization: { name: 'x'.repeat(201), sector: 'entreprise' } }],
      ['organization.sector', { organization: { name: 'O', sector: 'banque' } }],
      ['coordinator.email', { coordinator: { email: 'not-an-email' } }],
      ['coordinator.email', { coordinator: { email: `${'a'.repeat(250)}@x.org` } }],
      ['coordinator.name', { coordinator: { email: 'c@x.org', name: 'x'.repeat(121) } }],
      ['order.0.quantity', { order: [{ kind: 'atelier', quantity: 10001 }] }],
      ['order.0.quantity', { order: [{ kind: 'atelier', quantity: -1 }] }],
      ['order', { order: [{ kind: 'atelier', quantity: 1 }, { kind: 'atelier', quantity: 2 }] }],
    ];
    for (const [field, patch] of bad) {
      const res = await http(w, 'admin.createMission', { token, input: { ...good, ...patch } });
      expect(res.status, field).toBe(400);
      expect(Object.keys(res.body.error.data.fieldErrors), field).toContain(field);
    }
  });

  it('ignores unknown input fields', async () => {
    const token = await w.token(people.admin);
    const res = await http(w, 'admin.setFacilitator', { token, input: { email: 'x@y.org', ofCompliant: true, isAdmin: true, id: 'hack' } });
    expect(res.status).toBe(200);
    expect(res.body.result.data.facilitatorId).not.toBe('hack');
  });

  it('answers malformed JSON with a 4xx, not a 500', async () => {
    const res = await w.app.request('/trpc/admin.setFacilitator', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('supports batching as tRPC defines it', async () => {
    const token = await w.token(people.camille);
    const input = encodeURIComponent(JSON.stringify({ 0: {}, 1: { missionId: 'nope' } }));
    const res = await w.app.request(`/trpc/missions.list,missions.get?batch=1&input=${input}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as any[];
    expect(body).toHaveLength(2);
    expect(body[0].result.data).toEqual(expect.any(Array));
    expect(body[1].error.data.reason).toBe('not_found');
  });
});

describe('CORS', () => {
  it('echoes an allowed origin exactly', async () => {
    const res = await w.app.request('/trpc/missions.list', { method: 'OPTIONS', headers: { origin: 'https://allowed.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,content-type' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });

  it('gives no CORS header to an origin not on the list, nor to a look-alike', async () => {
    for (const origin of ['https://evil.example', 'https://allowed.example.evil.com', 'http://allowed.example', 'null']) {
      const res = await w.app.request('/trpc/missions.list', { headers: { origin } });
      expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });
});

describe('pages', () => {
  it('serve token pages with a strict CSP, nosniff, no referrer and no framing', async () => {
    const res = await w.app.request('/signup/abc');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'.*frame-ancestors 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('escape what comes from the URL', async () => {
    const res = await w.app.request(`/signup/${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(await res.text()).not.toContain('<script>alert(1)</script>');
  });

  it('do not offer /dev routes outside demo mode', async () => {
    expect((await w.app.request('/dev/outbox')).status).toBe(404);
    expect((await w.app.request('/dev/token', { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
