import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import Native from 'libsql';
import { afterAll } from 'vitest';
import { facilitators } from '../../schema/index.ts';
import { signJwt, type Claims } from '../../server/auth.ts';
import { createApp } from '../../server/app.ts';
import { FixedClock } from '../../server/clock.ts';
import { addDays, zonedParts } from '../../domain/time.ts';
import { loadConfig, type Env } from '../../server/config.ts';
import { setFallbackFontLoader } from '../../server/attestation/fallback-fonts.ts';
import { nodeFontLoader } from '../../server/attestation/node-fonts.ts';
import type { Context } from '../../server/context.ts';
import { makeDeps } from '../../server/deps.ts';
import { registerDevRoutes } from '../../demo/dev-routes.ts';
import { openNodeDatabase } from '../../server/node-db.ts';
import { createCaller } from '../../server/router.ts';

export const SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
export const APP_URL = 'http://fresk.test';
/**
 * "Now" in most tests: Monday 1 March 2027, 10:00 Paris. `FRESK_TEST_NOW` moves it (e.g. to an evening,
 * `2027-03-01T21:30:00+01:00`) to prove that no rule or test depends on the hour; sessions planned with
 * `sessionInput` stay on the same Paris day as this "now".
 */
export const NOW = process.env.FRESK_TEST_NOW || '2027-03-01T10:00:00+01:00';

export type Person = Omit<Claims, 'exp'>;

export const people = {
  admin: { sub: 'p-admin', email: 'staff@asso.test', name: 'Staff', role: 'admin' },
  camille: { sub: 'p-camille', email: 'camille@fresk.test', name: 'Camille', role: 'facilitator', of: true },
  louis: { sub: 'p-louis', email: 'louis@fresk.test', name: 'Louis', role: 'facilitator', of: true },
  ines: { sub: 'p-ines', email: 'ines@fresk.test', name: 'Inès', role: 'facilitator', of: true },
  paul: { sub: 'p-paul', email: 'paul@fresk.test', name: 'Paul', role: 'facilitator', of: false },
} satisfies Record<string, Person>;

/**
 * A fresh world per test file: a real libSQL file database with migrations, a settable clock, the
 * dependencies as every entry assembles them (server/deps.ts), the Hono app for HTTP tests, and tRPC
 * callers for each person (no HTTP).
 */
setFallbackFontLoader(nodeFontLoader);

export async function makeWorld(env: Env = {}) {
  const file = join(tmpdir(), `fresk-test-${randomUUID()}.db`);
  const database = await openNodeDatabase(`file:${file}`);
  const clock = new FixedClock(NOW);
  const config = loadConfig({
    FRESK_AUTH_SECRET: SECRET,
    FRESK_APP_URL: APP_URL,
    FRESK_ALLOWED_ORIGINS: 'https://allowed.example',
    FRESK_ASSOCIATION_EMAIL: 'asso@asso.test',
    FRESK_RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  });
  const deps = makeDeps(config, { database, clock });
  const app = createApp(deps);
  // A demo world ({ FRESK_DEMO: '1' }) has the demo entry's /dev/* routes too (demo/serve.ts).
  if (config.demo) registerDevRoutes(app, deps);
  const ctx = (claims: Claims | null, clientIp = '127.0.0.1'): Context => ({ ...deps, claims, clientIp });
  const exp = () => Math.floor(clock.now() / 1000) + 3600;
  const as = (p: Person) => createCaller(ctx({ ...p, exp: exp() }));
  const anonymous = (clientIp?: string) => createCaller(ctx(null, clientIp));
  const token = (p: Person, extra: Partial<Claims> = {}) => signJwt({ ...p, exp: exp(), ...extra } as Claims, SECRET);

  afterAll(() => {
    database.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  });

  return { deps, database, db: database.db, clock, config, app, as, anonymous, token, ctx, file };
}

export type World = Awaited<ReturnType<typeof makeWorld>>;

/** A mission for Camille with an order of 10 ateliers and 2 formations. */
export async function missionFor(w: World, coordinator: Person = people.camille, sector: 'entreprise' | 'enseignement' = 'entreprise') {
  const { missionId } = await w.as(people.admin).admin.createMission({
    title: `Mission ${randomUUID().slice(0, 8)}`,
    organization: { name: sector === 'enseignement' ? 'Lycée Test' : 'Acme', sector },
    coordinator: { email: coordinator.email, name: coordinator.name },
    order: [
      { kind: 'atelier', quantity: 10 },
      { kind: 'formation', quantity: 2 },
    ],
  });
  return missionId;
}

/** Session input starting `dayOffset` days from the test's "now", 09:00–12:00 Paris. */
export function sessionInput(missionId: string, dayOffset = 10, extra: Record<string, unknown> = {}) {
  const day = addDays(zonedParts(NOW, 'Europe/Paris').date, dayOffset);
  return {
    missionId,
    kind: 'atelier' as const,
    startsAt: `${day}T09:00:00+01:00`,
    endsAt: `${day}T12:00:00+01:00`,
    location: { mode: 'onsite' as const, address: '1 rue de Rivoli, Paris' },
    capacity: 12,
    extraFacilitators: 2,
    ...extra,
  };
}

/** A TCP port free on 127.0.0.1 right now (for a server a test starts). */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** The secret at the end of a link (`…/join/<secret>`). */
export const secretOf = (url: string) => url.split('/').pop()!;

/** Expects a promise to fail with a tRPC error carrying `reason` (and returns the error). */
export async function failure(p: Promise<unknown>): Promise<{ code: string; reason?: string; data?: Record<string, unknown>; shape: unknown }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code: string; cause?: { reason?: string; extra?: Record<string, unknown> }; shape?: unknown };
    return { code: err.code, reason: err.cause?.reason, data: err.cause?.extra, shape: err.shape };
  }
  throw new Error('expected a failure, got success');
}

/** tRPC over HTTP through the Hono app (`app.request`). */
export async function http(w: World, path: string, opts: { input?: unknown; token?: string; method?: 'GET' | 'POST'; origin?: string } = {}) {
  const method = opts.method ?? 'POST';
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.origin) headers.origin = opts.origin;
  const url = method === 'GET' ? `/trpc/${path}${opts.input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(opts.input))}`}` : `/trpc/${path}`;
  const res = await w.app.request(url, { method, headers, body: method === 'POST' ? JSON.stringify(opts.input ?? {}) : undefined });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body, headers: res.headers };
}

/** A 09:00–12:00 slot on `date` at the given Paris offset. */
export const slot = (date: string, offset = '+01:00') => ({ startsAt: `${date}T09:00:00${offset}`, endsAt: `${date}T12:00:00${offset}` });

/** Camille plans a session (she facilitates) and `who` join it through the shareable link; the clock must be before its end. */
export async function planWith(w: World, missionId: string, when: { startsAt: string; endsAt: string }, who: Person[] = [], extra: Record<string, unknown> = {}) {
  const created = await w.as(people.camille).sessions.create({
    missionId,
    kind: 'atelier',
    ...when,
    location: { mode: 'onsite', address: '1 rue de Rivoli, Paris' },
    capacity: 12,
    extraFacilitators: Math.max(2, who.length),
    ...extra,
  });
  for (const p of who) await w.as(p).facilitators.join({ token: secretOf(created.facilitatorInviteUrl) });
  return created;
}

/** The facilitator record id of a person. */
export async function facilitatorIdOf(w: World, p: Person) {
  return (await w.db.query.facilitators.findFirst({ where: eq(facilitators.email, p.email) }))!.id;
}

/** A write by another operating-system process (a second server, a CLI) on the same file. */
export function writeFromAnotherProcess(file: string, statement: string): void {
  const script = "const D = require('libsql'); const d = new D(process.argv[1], { timeout: 5000 }); d.prepare(process.argv[2]).run(); d.close();";
  execFileSync(process.execPath, ['-e', script, file, statement], { cwd: process.cwd(), stdio: 'pipe' });
}

/** A write by another connection of this process, outside the client. */
export function writeFromAnotherConnection(file: string, statement: string): void {
  const other = new Native(file, { timeout: 5000 } as never);
  try {
    other.prepare(statement).run();
  } finally {
    other.close();
  }
}
