/**
 * The production bundle, exactly as `wrangler deploy` would upload it:
 *   1. `wrangler deploy --dry-run` (bench/worker-size.mjs) builds it from wrangler.toml: it must succeed,
 *      carry no Node built-in import, and stay well under the Workers size limit;
 *   2. that minified bundle boots in workerd (Miniflare) with wrangler.toml's compatibility date and
 *      flags, i.e. WITHOUT `nodejs_compat` (the workerd project's tests run with the flags the
 *      vitest pool adds, nodejs_compat among them, so they cannot show this), and serves /health, a tRPC
 *      round trip through the Turso stand-in, and the Cron Trigger sending to the fake Resend;
 *   3. the demo (its seed, its `/dev/*` routes: demo/serve.ts) is not in it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createClient } from '@libsql/client';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../../../server/auth.ts';
import { startFakeResend, type FakeResend } from '../../fake-resend.ts';
import { startLibsqlHttpServer, type LibsqlHttpServer } from '../../libsql-http-server.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const outdir = mkdtempSync(join(tmpdir(), 'fresk-worker-bundle-'));
const toml = readFileSync(join(root, 'wrangler.toml'), 'utf8');
const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)![1];
const compatibilityFlags = JSON.parse(/^compatibility_flags\s*=\s*(\[[^\]]*\])/m.exec(toml)![1]) as string[];
const SECRET = 'bundle-test-secret-0123456789-abcdefghijklmnop';

let size: { rawBytes: number; gzipBytes: number; budgetBytes: number; limits: { free: number }; shareOfFreeLimit: number; nodeBuiltinImports: string[] };
let db: LibsqlHttpServer;
let resend: FakeResend;
let mf: Miniflare;

beforeAll(async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['bench/worker-size.mjs', '--json', '--check', '--outdir', outdir], { cwd: root, encoding: 'utf8' });
  size = JSON.parse(stdout);
  db = await startLibsqlHttpServer({ authToken: 'tok' });
  resend = await startFakeResend();
  mf = new Miniflare({
    // The module list as wrangler uploads it (no dependency walk: the bundle keeps the Resend SDK's
    // optional `import("@react-email/render")`, which is only reached when rendering React emails).
    modules: [{ type: 'ESModule', path: join(outdir, 'worker.js') }],
    modulesRoot: outdir,
    compatibilityDate,
    compatibilityFlags,
    bindings: {
      FRESK_DB_URL: db.url,
      FRESK_DB_TOKEN: 'tok',
      FRESK_AUTH_SECRET: SECRET,
      FRESK_APP_URL: 'http://fresk.test',
      FRESK_ALLOWED_ORIGINS: 'https://portal.example',
      RESEND_API_KEY: 're_test_key',
      RESEND_BASE_URL: resend.url,
    },
    ratelimits: { RATE_LIMITER: { simple: { limit: 100, period: 60 } }, ADDRESS_LIMITER: { simple: { limit: 5, period: 60 } } },
  });
  await mf.ready;
}, 120_000);

afterAll(async () => {
  await mf?.dispose();
  await resend?.close();
  await db?.close();
  rmSync(outdir, { recursive: true, force: true });
});

describe('wrangler deploy --dry-run', () => {
  it('builds a bundle with no Node built-in import, under budget', () => {
    console.log(`worker bundle: ${(size.rawBytes / 1024).toFixed(1)} KiB raw, ${(size.gzipBytes / 1024).toFixed(1)} KiB gzip (${(100 * size.shareOfFreeLimit).toFixed(1)} % of the free plan's 3 MiB)`);
    expect(size.nodeBuiltinImports).toEqual([]);
    expect(size.gzipBytes).toBeLessThan(size.budgetBytes);
    expect(size.gzipBytes).toBeLessThan(size.limits.free / 3);
  });
});

describe('the demo stays out of the Worker bundle', () => {
  // Strings nothing but the demo writes: its seed's people and its dev routes' paths.
  const markers = { 'demo/seed.ts': ['fresque-demo.org', 'Camille Martin'], 'demo/dev-routes.ts': ['/dev/outbox', '/dev/token'] };

  it('holds neither the demo seed nor the /dev/* routes', () => {
    const bundle = readdirSync(outdir)
      .filter((f) => /\.(m?js|wasm)$/.test(f))
      .map((f) => readFileSync(join(outdir, f), 'utf8'))
      .join('\n');
    for (const [file, strings] of Object.entries(markers)) {
      const source = readFileSync(join(root, file), 'utf8');
      for (const marker of strings) {
        expect(source, `"${marker}" still marks ${file}`).toContain(marker);
        expect(bundle.includes(marker), `"${marker}" (${file}) is in the Worker bundle`).toBe(false);
      }
    }
  });
});

describe('the built bundle in workerd, with wrangler.toml’s flags (no nodejs_compat)', () => {
  it('runs without nodejs_compat', () => {
    expect(compatibilityFlags).not.toContain('nodejs_compat');
    expect(compatibilityFlags).not.toContain('nodejs_compat_v2');
  });

  it('boots and answers /health through Turso’s protocol', async () => {
    const res = await mf.dispatchFetch('http://fresk.test/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('round-trips admin.createMission and missions.get', async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const admin = await signJwt({ sub: 'b-admin', email: 'staff@asso.test', name: 'Staff', role: 'admin', exp }, SECRET);
    const coord = await signJwt({ sub: 'b-coord', email: 'coord.bundle@fresk.test', name: 'Coord', role: 'facilitator', of: true, exp }, SECRET);
    const created = await mf.dispatchFetch('http://fresk.test/trpc/admin.createMission', {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Bundle', organization: { name: 'Org', sector: 'association' }, coordinator: { email: 'coord.bundle@fresk.test' }, order: [{ kind: 'atelier', quantity: 2 }] }),
    });
    const body = (await created.json()) as { result: { data: { missionId: string } } };
    expect(created.status, JSON.stringify(body)).toBe(200);
    const { missionId } = body.result.data;
    const got = await mf.dispatchFetch(`http://fresk.test/trpc/missions.get?input=${encodeURIComponent(JSON.stringify({ missionId }))}`, { headers: { authorization: `Bearer ${coord}` } });
    expect(got.status).toBe(200);
    expect(((await got.json()) as { result: { data: { title: string } } }).result.data.title).toBe('Bundle');
  });

  it('sends the email queued by a request right after it (ctx.waitUntil), through the Resend SDK (no `process` here)', async () => {
    await resend.waitForDeliveries(1);
    const [sent] = db.query<{ id: string }>("SELECT id FROM outbox WHERE status = 'sent'");
    expect(resend.deliveries[0].idempotencyKey).toBe(sent.id);
  });

  it('serialises concurrent writes of one isolate (the write queue across requests, production flags)', async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const admin = await signJwt({ sub: 'b-admin', email: 'staff@asso.test', name: 'Staff', role: 'admin', exp }, SECRET);
    const create = (i: number) =>
      mf.dispatchFetch('http://fresk.test/trpc/admin.createMission', {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Concurrent ${i}`, organization: { name: 'Org', sector: 'association' }, coordinator: { email: 'coord.bundle@fresk.test' }, order: [] }),
      });
    const statuses = await Promise.all(Array.from({ length: 6 }, (_, i) => create(i).then(async (r) => (await r.arrayBuffer(), r.status))));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    expect(db.query<{ n: number }>("SELECT count(*) AS n FROM missions WHERE title LIKE 'Concurrent %'")[0].n).toBe(6);
  });

  it('the Cron Trigger sends whatever is still pending, each message once', async () => {
    // Drains after a burst of requests look at a few messages each; the rest wait for the Cron Trigger.
    const [model] = db.query<{ template: string; lang: string; data: string }>('SELECT template, lang, data FROM outbox LIMIT 1');
    const id = crypto.randomUUID();
    const t = Date.now() - 1000;
    // Written through the protocol, as any client would; a drain may hold the write lock right now
    // (SQLITE_BUSY at once, by design): try again shortly.
    const client = createClient({ url: db.url, authToken: 'tok' });
    for (let i = 0; ; i++) {
      try {
        await client.execute({
          sql: 'INSERT INTO outbox (id, template, "to", lang, data, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, \'pending\', 0, ?, ?)',
          args: [id, model.template, 'cron.bundle@fresk.test', model.lang, model.data, t, t],
        });
        break;
      } catch (error) {
        if (i > 100 || !/locked|busy/i.test((error as Error).message)) throw error;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    client.close();
    // Let the drains that followed the burst finish their claims before the Cron Trigger runs.
    const leased = () => db.query<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND attempts > 0")[0].n;
    for (let i = 0; i < 100 && leased() > 0; i++) await new Promise((r) => setTimeout(r, 50));
    // (Typed by hand: Miniflare's Fetcher type comes from @cloudflare/workers-types, not installed here.)
    const worker = (await mf.getWorker()) as unknown as { scheduled(o: { scheduledTime?: Date; cron?: string }): Promise<unknown> };
    await worker.scheduled({ scheduledTime: new Date(), cron: '* * * * *' });
    const total = db.query<{ n: number }>('SELECT count(*) AS n FROM outbox')[0].n;
    expect(db.query<{ status: string; n: number }>('SELECT status, count(*) AS n FROM outbox GROUP BY status')).toEqual([{ status: 'sent', n: total }]);
    const keys = resend.deliveries.map((d) => d.idempotencyKey);
    expect(keys).toHaveLength(total);
    expect(new Set(keys).size).toBe(total);
    expect(resend.deliveries.find((d) => d.idempotencyKey === id)?.body.to).toEqual(['cron.bundle@fresk.test']);
  });
});
