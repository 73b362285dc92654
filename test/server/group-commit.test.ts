import { createClient } from '@libsql/client';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registrations } from '../../schema/index.ts';
import { Database } from '../../server/db.ts';
import { DomainError } from '../../server/errors.ts';
import { openNodeDatabase } from '../../server/node-db.ts';
import { failure, makeWorld, missionFor, people, secretOf, sessionInput, type World } from './helpers.ts';

/**
 * Group commit in the write lane (server/db.ts) and the registrations refused without it
 * (server/services/refusal-board.ts), on real libSQL files.
 */
const files: string[] = [];
const opened: Database[] = [];
const fresh = () => {
  const f = join(tmpdir(), `fresk-group-${randomUUID()}.db`);
  files.push(f);
  return f;
};
afterAll(() => {
  for (const d of opened) d.close();
  for (const f of files) for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(f + suffix, { force: true });
});

async function lane() {
  const file = fresh();
  const d = new Database(() => createClient({ url: `file:${file}` }), undefined, { maxQueue: 1000, txTimeoutMs: 10_000, busyRetries: 3, groupMax: 64, groupBudgetMs: 5000 });
  opened.push(d);
  await d.client.execute('PRAGMA journal_mode = WAL');
  await d.client.execute('CREATE TABLE t (n INTEGER PRIMARY KEY)');
  return d;
}
const rows = async (d: Database) => (await d.client.execute('SELECT n FROM t ORDER BY n')).rows.map((r) => Number(r.n));
const settle = <T,>(ps: Promise<T>[]) => Promise.allSettled(ps);

describe('group commit (server/db.ts)', () => {
  it('commits waiting transactions together, each with its own answer; a DomainError rolls back its member only', async () => {
    const d = await lane();
    const results = await settle(
      Array.from({ length: 40 }, (_, i) =>
        d.write(async (tx) => {
          await tx.run(sql`INSERT INTO t (n) VALUES (${i})`);
          if (i % 10 === 7) throw new DomainError('session_full');
          return i * 2;
        }),
      ),
    );
    results.forEach((r, i) => {
      if (i % 10 === 7) expect(r).toMatchObject({ status: 'rejected', reason: { reason: 'session_full' } });
      else expect(r).toEqual({ status: 'fulfilled', value: i * 2 });
    });
    expect(await rows(d)).toEqual(Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 10 !== 7));
    expect(d.laneStats.grouped).toBeGreaterThan(30);
    expect(d.laneStats.fallbacks).toBe(0);
  });

  it('each member sees the rows of the members before it (a conditional insert stays exact)', async () => {
    const d = await lane();
    const results = await settle(
      Array.from({ length: 50 }, (_, i) =>
        d.write(async (tx) => {
          const r = await tx.run(sql`INSERT INTO t (n) SELECT ${i} WHERE (SELECT count(*) FROM t) < 17`);
          if (r.rowsAffected !== 1) throw new DomainError('session_full');
          return i;
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(17);
    expect(await rows(d)).toHaveLength(17);
    expect(d.laneStats.grouped).toBeGreaterThan(1);
  });

  it('settles every promise only after the COMMIT: another connection already sees the row', async () => {
    const d = await lane();
    const seen: boolean[] = [];
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        d
          .write((tx) => tx.run(sql`INSERT INTO t (n) VALUES (${i})`))
          .then(async () => seen.push((await d.client.execute({ sql: 'SELECT count(*) AS c FROM t WHERE n = ?', args: [i] })).rows[0].c === 1)),
      ),
    );
    expect(seen).toHaveLength(30);
    expect(seen.every(Boolean)).toBe(true);
    expect(d.laneStats.grouped).toBeGreaterThan(1);
  });

  it('an unexpected failure rolls the group back and runs its members alone: the others commit, the failing one gets its own error', async () => {
    const d = await lane();
    let flaky = 1;
    const results = await settle(
      Array.from({ length: 20 }, (_, i) =>
        d.write(async (tx) => {
          await tx.run(sql`INSERT INTO t (n) VALUES (${i})`);
          if (i === 5) throw new TypeError('a bug');
          // Fails once inside the group, succeeds alone: it must commit once, not twice.
          if (i === 12 && flaky-- > 0) throw new Error('SQLITE_IOERR: once');
          return i;
        }),
      ),
    );
    results.forEach((r, i) => {
      if (i === 5) expect(r).toMatchObject({ status: 'rejected', reason: { message: 'a bug' } });
      else expect(r).toEqual({ status: 'fulfilled', value: i });
    });
    expect(await rows(d)).toEqual(Array.from({ length: 20 }, (_, i) => i).filter((i) => i !== 5));
    expect(d.laneStats.fallbacks).toBeGreaterThan(0);
  });

  it('a COMMIT that fails runs the group again one by one', async () => {
    const file = fresh();
    let failCommits = 1;
    const d = new Database(() => {
      const real = createClient({ url: `file:${file}` });
      return new Proxy(real, {
        get(target, prop, receiver) {
          if (prop === 'transaction') {
            return async (mode?: 'write') => {
              const tx = await target.transaction(mode);
              const commit = tx.commit.bind(tx);
              tx.commit = async () => {
                if (failCommits-- > 0) {
                  await tx.rollback();
                  throw new Error('SQLITE_IOERR: disk I/O error');
                }
                return commit();
              };
              return tx;
            };
          }
          const value = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    });
    opened.push(d);
    await d.client.execute('CREATE TABLE t (n INTEGER PRIMARY KEY)');
    failCommits = 0;
    await d.write((tx) => tx.run(sql`INSERT INTO t (n) VALUES (1000)`));
    failCommits = 1;
    const results = await settle(Array.from({ length: 10 }, (_, i) => d.write(async (tx) => (await tx.run(sql`INSERT INTO t (n) VALUES (${i})`), i))));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(await rows(d)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1000]);
    expect(d.laneStats.fallbacks).toBe(1);
  });

  it('keeps the queue bound and the per-transaction timeout inside a group', async () => {
    const small = new Database(() => createClient({ url: `file:${fresh()}` }), undefined, { maxQueue: 3, txTimeoutMs: 150, busyRetries: 0 });
    opened.push(small);
    await small.client.execute('CREATE TABLE t (n INTEGER PRIMARY KEY)');
    const first = small.write(async (tx) => tx.run(sql`INSERT INTO t (n) VALUES (1)`));
    const stuck = small.write(() => new Promise<void>(() => {}));
    const third = small.write(async (tx) => (await tx.run(sql`INSERT INTO t (n) VALUES (3)`), 3));
    await expect(small.write(async () => 'one too many')).rejects.toMatchObject({ reason: 'database_unavailable' });
    await expect(stuck).rejects.toMatchObject({ reason: 'database_unavailable' });
    await first;
    expect(await third).toBe(3);
    expect((await small.client.execute('SELECT n FROM t ORDER BY n')).rows.map((r) => Number(r.n))).toEqual([1, 3]);
  });
});

describe('registrations under group commit (participants.register)', () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
    // Stands guard inside the database: an INSERT or promotion past the capacity, even inside a transaction
    // that would roll back, fails loudly instead of being counted after the fact.
    await w.database.client.execute(`CREATE TRIGGER never_above_capacity AFTER INSERT ON registrations
      WHEN (SELECT count(*) FROM registrations WHERE session_id = NEW.session_id) > (SELECT capacity FROM sessions WHERE id = NEW.session_id)
      BEGIN SELECT RAISE(ABORT, 'above capacity'); END`);
  });
  const plan = async (capacity: number) => {
    const created = await w.as(people.camille).sessions.create(sessionInput(await missionFor(w), 10, { capacity }));
    return { ...created, code: secretOf(created.participantSignupUrl) };
  };
  const count = async (sessionId: string) => Number((await w.db.select({ n: sql<number>`count(*)` }).from(registrations).where(eq(registrations.sessionId, sessionId)))[0].n);
  const reasonOf = (r: PromiseSettledResult<unknown>) => (r.status === 'rejected' ? ((r.reason as { cause?: { reason?: string } }).cause?.reason ?? String(r.reason)) : 'ok');

  it('STORM: 200 concurrent registrations for 30 seats, with removals and waiting-list promotions → exactly 30, never above', async () => {
    const s = await plan(30);
    const early = await Promise.all(Array.from({ length: 20 }, (_, i) => w.anonymous().participants.register({ code: s.code, name: `Early ${i}`, email: `early${i}@storm.test`, consent: true })));
    const grouped = w.database.laneStats.grouped;
    const storm = Array.from({ length: 200 }, (_, i) =>
      w.anonymous(`10.9.${i >> 8}.${i & 255}`).participants.register({ code: s.code, name: `Storm ${i}`, email: `storm${i}@storm.test`, consent: true, waitlist: i % 2 === 0 }),
    );
    const removals = early.slice(0, 8).map((r) => w.as(people.camille).participants.remove({ sessionId: s.sessionId, participantId: r.registrationId }));
    const results = await Promise.allSettled([...storm, ...removals]);
    const reasons = results.map(reasonOf);
    // Every answer is a registration, a place on the list, a removal or session_full: nothing else.
    expect(new Set(reasons)).toEqual(new Set(['ok', 'session_full']));
    expect(await count(s.sessionId)).toBe(30);
    // The storm took the 10 seats left and the 8 freed ones (directly, or promoted from the list).
    const rows = await w.db.select().from(registrations).where(eq(registrations.sessionId, s.sessionId));
    expect(rows.filter((r) => r.email.startsWith('storm'))).toHaveLength(18);
    expect(rows.filter((r) => r.email.startsWith('early'))).toHaveLength(12);
    // Only the ones not asking for the list were refused.
    results.slice(0, 200).forEach((r, i) => {
      if (r.status === 'rejected') expect(i % 2, `storm ${i}`).toBe(1);
    });
    expect(w.database.laneStats.grouped - grouped).toBeGreaterThan(20);
  });

  it('answers session_full without the lane once known full, and never while a seat is free (removals interleaved, another process too)', async () => {
    const s = await plan(5);
    const regs = await Promise.all(Array.from({ length: 5 }, (_, i) => w.anonymous().participants.register({ code: s.code, name: `Seat ${i}`, email: `seat${i}@board.test`, consent: true })));
    let n = 0;
    const attempt = () => w.anonymous().participants.register({ code: s.code, name: `Late ${n}`, email: `late${n++}@board.test`, consent: true });
    // The lane says it first (and the board notes it after the commit)...
    expect(await failure(attempt())).toMatchObject({ reason: 'session_full' });
    // ... then the same answer comes without entering the lane.
    const entered = w.database.laneStats.entered;
    for (let i = 0; i < 5; i++) expect(await failure(attempt())).toMatchObject({ reason: 'session_full' });
    expect(w.database.laneStats.entered).toBe(entered);
    // The same person asking again is answered by the lane (their registration), not refused.
    expect(await w.anonymous().participants.register({ code: s.code, name: 'Seat 0', email: 'seat0@board.test', consent: true })).toMatchObject({ registrationId: regs[0].registrationId });

    // Another process on the same file frees a seat: this process's board is not told, the read sees it.
    const other = await openNodeDatabase(`file:${w.file}`);
    opened.push(other);
    for (const [i, reg] of regs.entries()) {
      if (i % 2) await other.write((tx) => tx.delete(registrations).where(and(eq(registrations.id, reg.registrationId), eq(registrations.sessionId, s.sessionId))));
      else await w.as(people.camille).participants.remove({ sessionId: s.sessionId, participantId: reg.registrationId });
      // A seat is free: the next registration takes it, whatever the board noted.
      expect(await attempt()).toMatchObject({ status: 'registered' });
      expect(await failure(attempt())).toMatchObject({ reason: 'session_full' });
    }
    expect(await count(s.sessionId)).toBe(5);

    // Interleaved without waiting: a removal among refused attempts; afterwards, a seat is never left free
    // while someone was told session_full after the removal committed.
    const victim = (await w.db.select().from(registrations).where(eq(registrations.sessionId, s.sessionId)))[0];
    const removal = w.as(people.camille).participants.remove({ sessionId: s.sessionId, participantId: victim.id });
    const crowd = Promise.allSettled(Array.from({ length: 20 }, () => attempt()));
    await removal;
    const after = await Promise.allSettled(Array.from({ length: 5 }, () => attempt()));
    const before = await crowd;
    const taken = [...before, ...after].filter((r) => r.status === 'fulfilled').length;
    expect(taken).toBe(1);
    expect(await count(s.sessionId)).toBe(5);
  });

  it('answers session_cancelled and session_ended without the lane once known', async () => {
    const s = await plan(10);
    await w.as(people.camille).sessions.cancel({ sessionId: s.sessionId });
    const attempt = () => w.anonymous().participants.register({ code: s.code, name: 'Late', email: `late-${randomUUID()}@cancel.test`, consent: true });
    expect(await failure(attempt())).toMatchObject({ reason: 'session_cancelled' });
    const entered = w.database.laneStats.entered;
    expect(await failure(attempt())).toMatchObject({ reason: 'session_cancelled' });
    expect(w.database.laneStats.entered).toBe(entered);

    const e = await plan(10);
    await w.anonymous().participants.register({ code: e.code, name: 'On time', email: 'ontime@ended.test', consent: true });
    const realNow = w.clock.now();
    try {
      w.clock.set(realNow + 30 * 24 * 3600_000);
      const late = () => w.anonymous().participants.register({ code: e.code, name: 'Late', email: `late-${randomUUID()}@ended.test`, consent: true });
      expect(await failure(late())).toMatchObject({ reason: 'session_ended' });
      const before = w.database.laneStats.entered;
      expect(await failure(late())).toMatchObject({ reason: 'session_ended' });
      expect(w.database.laneStats.entered).toBe(before);
    } finally {
      w.clock.set(realNow);
    }
  });
});
