/**
 * Database unavailable: a clear 503 with a reason, no hang, and recovery when it comes back — in-process
 * (a connection that dies, then cannot be reopened for a while) and with the real Node server on a bad URL.
 */
import { createClient } from '@libsql/client';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { Database } from '../../server/db.ts';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { http, makeWorld, people } from './helpers.ts';

describe('database unavailable in-process', () => {
  it('answers 503 database_unavailable while down and recovers when it comes back', async () => {
    const w = await makeWorld();
    const url = `file:${join(tmpdir(), `fresk-down-${randomUUID()}.db`)}`;
    let down = false;
    const database = new Database(
      () => {
        if (down) throw new Error('ConnectionFailed("Unable to open connection to local database")');
        return createClient({ url });
      },
      (db) => migrate(db, { migrationsFolder: 'schema/migrations' }),
    );
    await database.ready();
    const app = createApp({ ...w.deps, database });
    const world = { ...w, app };
    const token = await w.token(people.camille);
    expect((await http(world, 'missions.list', { method: 'GET', token })).status).toBe(200);

    // The disk goes away: the open connection dies and a new one cannot be opened.
    down = true;
    database.client.close();
    const res = await http(world, 'missions.list', { method: 'GET', token });
    expect(res.status).toBe(503);
    expect(res.body.error.data).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'database_unavailable' });
    const health = await app.request('/health');
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ ok: false, reason: 'database_unavailable' });
    expect((await http(world, 'missions.list', { method: 'GET', token })).status).toBe(503);

    // It comes back.
    down = false;
    expect((await app.request('/health')).status).toBe(200);
    expect((await http(world, 'missions.list', { method: 'GET', token })).status).toBe(200);
    database.close();
  });
});

describe('the Node server on a database it cannot open', () => {
  let child: ReturnType<typeof spawn> | undefined;
  afterAll(() => child?.kill('SIGKILL'));

  it('starts, answers 503 with a reason, and does not hang', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    child = spawn(process.execPath, ['--import', 'tsx', 'server/node.ts'], {
      env: { ...process.env, PORT: String(port), FRESK_DB_URL: 'file:/etc/passwd/fresk.db', FRESK_AUTH_SECRET: 'x'.repeat(40), FRESK_DEMO: '' },
      stdio: 'ignore',
    });
    let health: Response | undefined;
    for (let i = 0; i < 100 && !health; i++) {
      health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
      if (!health) await new Promise((r) => setTimeout(r, 100));
    }
    expect(health?.status).toBe(503);
    const res = await fetch(`http://127.0.0.1:${port}/trpc/participants.signupInfo?input=${encodeURIComponent(JSON.stringify({ code: 'A'.repeat(32) }))}`, {
      signal: AbortSignal.timeout(5000),
    });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { data: { reason: string } } }).error.data.reason).toBe('database_unavailable');
  });
});
