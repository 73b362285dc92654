import { createClient } from '@libsql/client';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db.ts';

const files: string[] = [];
const fresh = () => {
  const f = join(tmpdir(), `fresk-lane-${randomUUID()}.db`);
  files.push(f);
  return f;
};
let file = fresh();
const open = (limits = { maxQueue: 64, txTimeoutMs: 10_000, busyRetries: 3 }) => new Database(() => createClient({ url: `file:${file}` }), undefined, limits);
const opened: Database[] = [];
afterAll(() => {
  for (const d of opened) d.close();
  for (const f of files) for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(f + suffix, { force: true });
});

describe('the write lane (server/db.ts)', () => {
  it('retries SQLITE_BUSY (another process holds the file) after a short jittered pause', async () => {
    let refusals = 2;
    const d = new Database(() => {
      const real = createClient({ url: `file:${file}` });
      // Stands for another process holding the write lock: the first two BEGINs are refused as libSQL does.
      return new Proxy(real, {
        get(target, prop, receiver) {
          if (prop === 'transaction' && refusals > 0) {
            return () => {
              refusals--;
              return Promise.reject(Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' }));
            };
          }
          const value = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    });
    opened.push(d);
    expect(await d.write(async (tx) => (await tx.all(sql`SELECT 1 AS one`)).length)).toBe(1);
    expect(refusals).toBe(0);
  });

  it('answers database_unavailable at once when its queue is full', async () => {
    file = fresh();
    const d = open({ maxQueue: 2, txTimeoutMs: 60_000, busyRetries: 0 });
    opened.push(d);
    let release!: () => void;
    const first = d.write(() => new Promise<void>((r) => (release = r)));
    const second = d.write(async () => 'queued');
    await expect(d.write(async () => 'one too many')).rejects.toMatchObject({ reason: 'database_unavailable' });
    await new Promise((r) => setTimeout(r, 10));
    release();
    await first;
    expect(await second).toBe('queued');
  });

  it('gives up on a transaction that does not settle, answering database_unavailable, and the lane goes on', async () => {
    file = fresh();
    const d = open({ maxQueue: 64, txTimeoutMs: 100, busyRetries: 0 });
    opened.push(d);
    const stuck = d.write(() => new Promise<void>(() => {}));
    const next = d.write(async () => 'next');
    await expect(stuck).rejects.toMatchObject({ reason: 'database_unavailable' });
    // The next one is not frozen behind it: it runs (or meets the stuck lock and says so), it never hangs.
    const outcome = await next.then((v) => v, (e: Error) => e.message);
    expect(outcome).toBeTruthy();
  });
});
