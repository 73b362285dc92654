/**
 * The exact cache of `participants.signupInfo` (server/services/signup-info-cache.ts): what it relies on — the thin
 * client's change stamp moves on every commit, ours or another connection's or process's — and that no answer
 * ever differs from an uncached one, checked against a second `Database` on the same file through
 * `@libsql/client` (which never caches), across registrations, cancellations, capacity changes, session
 * cancel/update, writes from elsewhere, and the clock crossing a session's start and end.
 */
import { createClient } from '@libsql/client';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { registrations, sessions, tokens } from '../../schema/index.ts';
import { Database } from '../../server/db.ts';
import { openNodeDatabase } from '../../server/node-db.ts';
import { createCaller } from '../../server/router.ts';
import { cachedSignupInfo, CACHE_SIZE } from '../../server/services/signup-info-cache.ts';
import { secretFor } from '../../server/services/tokens.ts';
import { createSqliteClient } from '../../server/sqlite-client.ts';
import { NOW, SECRET, failure, makeWorld, missionFor, people, secretOf, sessionInput, writeFromAnotherConnection, writeFromAnotherProcess } from './helpers.ts';

const files: string[] = [];
afterAll(() => {
  for (const f of files) for (const s of ['', '-wal', '-shm']) rmSync(f + s, { force: true });
});
const tempFile = () => {
  const file = join(tmpdir(), `fresk-signup-cache-${randomUUID()}.db`);
  files.push(file);
  return file;
};

describe("the thin client's change stamp (PRAGMA data_version + total_changes on the read connection)", () => {
  it('stays put across reads and moves on every commit: ours (autocommit, transaction, batch), another connection, another process', async () => {
    const file = tempFile();
    const client = createSqliteClient(`file:${file}`);
    await client.executeMultiple('PRAGMA journal_mode = WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);');
    const seen = new Set<string>();
    const moved = (what: string) => {
      const stamp = client.changeStamp();
      expect(seen.has(stamp), `${what} changes the stamp`).toBe(false);
      seen.add(stamp);
      expect(client.changeStamp(), `${what}: reading the stamp again changes nothing`).toBe(stamp);
    };
    moved('the start');
    await client.execute('SELECT * FROM t');
    await client.execute({ sql: 'SELECT count(*) FROM t WHERE v = ?', args: ['x'] });
    expect(seen.has(client.changeStamp()), 'reads leave it').toBe(true);

    await client.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: ['autocommit'] });
    moved('an autocommit insert on the read connection itself');
    const tx = await client.transaction('write');
    await tx.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: ['in a transaction'] });
    expect(seen.has(client.changeStamp()), 'an uncommitted transaction is not seen').toBe(true);
    await tx.commit();
    moved("a transaction's commit (its own connection)");
    const rolledBack = await client.transaction('write');
    await rolledBack.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: ['rolled back'] });
    await rolledBack.rollback();
    expect(seen.has(client.changeStamp()), 'a rollback commits nothing').toBe(true);
    await client.batch([{ sql: 'UPDATE t SET v = ? WHERE id = 1', args: ['batch'] }], 'write');
    moved('a batch');
    await client.execute({ sql: 'UPDATE t SET v = ? WHERE id = 1', args: ['batch'] });
    moved('an update that writes the same value');
    writeFromAnotherConnection(file, "INSERT INTO t (v) VALUES ('other connection')");
    moved('another connection of this process');
    writeFromAnotherProcess(file, "INSERT INTO t (v) VALUES ('other process')");
    moved('another process');
    writeFromAnotherProcess(file, "UPDATE t SET v = 'again' WHERE id = 1");
    moved('another process again');
    await client.executeMultiple('CREATE TABLE u (id INTEGER PRIMARY KEY)');
    moved('a schema change');
    await client.reconnect();
    moved('a new read connection');
    client.close();
  });

  it('moves on every write transaction of Database.write (drizzle), whose counter moves too', async () => {
    const database = await openNodeDatabase(`file:${tempFile()}`);
    const client = database.client as unknown as { changeStamp(): string };
    const before = { stamp: client.changeStamp(), writes: database.writes };
    await database.write((tx) => tx.update(sessions).set({ title: 'nothing matches' }).where(eq(sessions.id, 'none')));
    expect(database.writes).toBe(before.writes + 1);
    await database.write((tx) => tx.insert(tokens).values({ id: 't1', hash: 'h1', purpose: 'signup_link', createdAt: 1 }));
    expect(client.changeStamp()).not.toBe(before.stamp);
    expect(database.writes).toBe(before.writes + 2);
    database.close();
  });
});

describe('signupInfo answers from the cache exactly what it computes', async () => {
  const w = await makeWorld();
  afterEach(() => w.clock.set(NOW));
  // The same file through `@libsql/client`, which has no change stamp: never cached, the reference.
  const reference = new Database(() => createClient({ url: `file:${w.file}` }));
  afterAll(() => reference.close());
  const truth = createCaller({ ...w.deps, database: reference, claims: null, clientIp: '192.0.2.1' });
  const cached = () => w.anonymous();

  const outcome = (p: Promise<unknown>) => p.then((value) => ({ value }), (error) => ({ reason: (error as { cause?: { reason?: string } }).cause?.reason ?? String(error) }));

  /** Caches the answer for `code` (and proves the second call is a hit: no statement sent). */
  async function prime(code: string) {
    const first = await outcome(cached().participants.signupInfo({ code }));
    const statements = w.database.statements;
    const second = await outcome(cached().participants.signupInfo({ code }));
    expect(second).toEqual(first);
    if ('value' in first) expect(w.database.statements, 'the second call is answered from the cache').toBe(statements);
    return first;
  }

  /** After a change: the cached path answers exactly what the uncached one does. */
  async function same(code: string, what: string) {
    const got = await outcome(cached().participants.signupInfo({ code }));
    const want = await outcome(truth.participants.signupInfo({ code }));
    expect(got, what).toEqual(want);
    return got;
  }

  async function plan(capacity: number) {
    const missionId = await missionFor(w);
    const created = await w.as(people.camille).sessions.create(sessionInput(missionId, 10, { capacity }));
    return { missionId, sessionId: created.sessionId, code: secretOf(created.participantSignupUrl) };
  }

  let n = 0;
  const register = (code: string, extra: { waitlist?: boolean } = {}) =>
    w.anonymous().participants.register({ code, name: `Person ${++n}`, email: `person${n}@example.org`, consent: true, ...extra });
  const cancelSecretOf = async (registrationId: string) =>
    secretFor(SECRET, (await w.db.query.registrations.findFirst({ where: eq(registrations.id, registrationId) }))!.cancelTokenId!);

  it('through registrations, the waiting list, cancellations, removals, capacity and session changes', async () => {
    const s = await plan(2);
    const camille = w.as(people.camille);
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['a registration', () => register(s.code)],
      ['the last seat', () => register(s.code)],
      ['a waiting-list entry', () => register(s.code, { waitlist: true })],
      ['a second waiting-list entry', () => register(s.code, { waitlist: true })],
      ['a cancellation (the first waiting is promoted)', async () => w.anonymous().participants.cancel({ cancelToken: await cancelSecretOf((await w.db.query.registrations.findFirst({ where: eq(registrations.sessionId, s.sessionId) }))!.id) })],
      ['a capacity raised', () => camille.sessions.update({ sessionId: s.sessionId, capacity: 5 })],
      ['a registration after it', () => register(s.code)],
      ['a removal by the coordinator', async () => camille.participants.remove({ sessionId: s.sessionId, participantId: (await w.db.query.registrations.findFirst({ where: eq(registrations.sessionId, s.sessionId) }))!.id })],
      ['a capacity lowered to the registered count', async () => {
        const { seatsLeft } = await truth.participants.signupInfo({ code: s.code });
        await camille.sessions.update({ sessionId: s.sessionId, capacity: 5 - seatsLeft });
      }],
      ['the session moved a day later', () => camille.sessions.update({ sessionId: s.sessionId, ...sessionInput(s.missionId, 11, {}) })],
      ['an autocommit write on the read connection (not the write lane)', () => w.db.update(sessions).set({ title: 'Renamed here' }).where(eq(sessions.id, s.sessionId))],
      ['a write from another connection', async () => writeFromAnotherConnection(w.file, `UPDATE sessions SET capacity = 9 WHERE id = '${s.sessionId}'`)],
      ['a write from another process', async () => writeFromAnotherProcess(w.file, `UPDATE sessions SET title = 'Renamed elsewhere' WHERE id = '${s.sessionId}'`)],
      ['a registration from another process', async () => writeFromAnotherProcess(w.file, `UPDATE sessions SET capacity = (SELECT count(*) FROM registrations WHERE session_id = '${s.sessionId}') WHERE id = '${s.sessionId}'`)],
      ['the session cancelled', () => camille.sessions.cancel({ sessionId: s.sessionId })],
    ];
    for (const [what, change] of steps) {
      const before = await prime(s.code);
      await change();
      expect(await same(s.code, `after ${what}`), `${what} changes the answer (a stale one would show)`).not.toEqual(before);
    }
  });

  it('a regenerated link: the old code is invalid at once, the new one answers', async () => {
    const s = await plan(3);
    await prime(s.code);
    const { participantSignupUrl } = await w.as(people.camille).sessions.regenerateLink({ sessionId: s.sessionId, link: 'participant' });
    expect(await same(s.code, 'the old code')).toEqual({ reason: 'invalid_token' });
    await same(secretOf(participantSignupUrl), 'the new code');
  });

  it('the clock crossing the start (the waiting list closes), the end (session_ended) and the code’s expiry, or going back', async () => {
    const s = await plan(1);
    await register(s.code);
    const info = await truth.participants.signupInfo({ code: s.code });
    const startsAt = Date.parse(info.session.startsAt);
    const endsAt = Date.parse(info.session.endsAt);
    const at = async (t: number, what: string) => {
      w.clock.set(new Date(t).toISOString());
      return same(s.code, what);
    };
    w.clock.set(new Date(startsAt - 300).toISOString());
    expect((await prime(s.code)) as { value: { waitlist: { open: boolean } } }).toMatchObject({ value: { waitlist: { open: true } } });
    expect(await at(startsAt - 1, 'just before the start')).toMatchObject({ value: { waitlist: { open: true } } });
    expect(await at(startsAt, 'at the start')).toMatchObject({ value: { waitlist: { open: false } } });
    expect(await at(startsAt - 1, 'back before the start')).toMatchObject({ value: { waitlist: { open: true } } });

    w.clock.set(new Date(endsAt - 300).toISOString());
    expect(await prime(s.code)).toMatchObject({ value: { reason: 'session_full' } });
    expect(await at(endsAt - 1, 'just before the end')).toMatchObject({ value: { reason: 'session_full' } });
    expect(await at(endsAt, 'at the end')).toMatchObject({ value: { open: false, reason: 'session_ended' } });
    expect(await at(endsAt - 200, 'back before the end')).toMatchObject({ value: { reason: 'session_full' } });

    const expiresAt = startsAt - 10_000;
    await w.db.update(tokens).set({ expiresAt }).where(eq(tokens.hash, sql`(SELECT hash FROM tokens WHERE id = (SELECT signup_link_id FROM sessions WHERE id = ${s.sessionId}))`));
    w.clock.set(new Date(expiresAt - 500).toISOString());
    expect(await prime(s.code)).toHaveProperty('value');
    expect(await at(expiresAt, 'at the code’s expiry')).toEqual({ reason: 'invalid_token' });
  });

  it('an answer is reused at most a second, even when nothing changed', async () => {
    const s = await plan(4);
    await prime(s.code);
    const statements = w.database.statements;
    w.clock.advance(999);
    await same(s.code, 'within the second');
    expect(w.database.statements - statements, 'a hit (the reference counts on its own database)').toBe(0);
    w.clock.advance(1);
    await cached().participants.signupInfo({ code: s.code });
    expect(w.database.statements - statements, 'a second later it is computed again').toBe(2);
  });

  it('personal tokens and the @libsql/client driver are never cached; the rate limiter still counts every call', async () => {
    const s = await plan(4);
    const { registrationId } = await register(s.code);
    const cancelToken = await cancelSecretOf(registrationId);
    for (const input of [{ cancelToken }]) {
      await cached().participants.signupInfo(input);
      const statements = w.database.statements;
      await cached().participants.signupInfo(input);
      expect(w.database.statements).toBeGreaterThan(statements);
    }
    const refStatements = reference.statements;
    await truth.participants.signupInfo({ code: s.code });
    await truth.participants.signupInfo({ code: s.code });
    expect(reference.statements - refStatements).toBe(4);

    const limited = await makeWorld({ FRESK_RATE_LIMIT_PER_MINUTE: '10' }); // a burst of 5
    const missionId = await missionFor(limited);
    const code = secretOf((await limited.as(people.camille).sessions.create(sessionInput(missionId))).participantSignupUrl);
    for (let i = 0; i < 5; i++) await limited.anonymous('203.0.113.9').participants.signupInfo({ code });
    expect(await failure(limited.anonymous('203.0.113.9').participants.signupInfo({ code }))).toMatchObject({ reason: 'rate_limited' });
  });
});

describe('the cache itself', () => {
  it(`keeps at most ${CACHE_SIZE} codes, the least recently used leaving first; an error is not kept`, async () => {
    const database = await openNodeDatabase(`file:${tempFile()}`);
    let computed = 0;
    const answer = (code: string) => cachedSignupInfo(database, code, 1_000, async () => (computed++, { code }));
    for (let i = 0; i <= CACHE_SIZE; i++) await answer(`c${i}`);
    expect(computed).toBe(CACHE_SIZE + 1);
    await answer(`c${CACHE_SIZE}`); // kept
    await answer('c1'); // kept, now the most recent
    expect(computed).toBe(CACHE_SIZE + 1);
    await answer('c0'); // evicted by the last one: computed again (and c2 leaves)
    expect(computed).toBe(CACHE_SIZE + 2);
    await answer('c1');
    expect(computed).toBe(CACHE_SIZE + 2);
    await answer('c2');
    expect(computed).toBe(CACHE_SIZE + 3);

    const failing = () => cachedSignupInfo(database, 'bad', 1_000, async () => (computed++, Promise.reject(new Error('no'))));
    await expect(failing()).rejects.toThrow('no');
    await expect(failing()).rejects.toThrow('no');
    expect(computed).toBe(CACHE_SIZE + 5);
    // cached answers are frozen: a caller cannot change what the next one gets
    expect(Object.isFrozen(await answer('c1'))).toBe(true);
    database.close();
  });
});
