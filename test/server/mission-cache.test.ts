/**
 * The exact cache of `missions.get` (server/services/missions.ts on server/services/answer-cache.ts): no answer ever
 * differs from an uncached one, checked against a second `Database` on the same file through `@libsql/client`
 * (which never caches), across every kind of write touching a mission, writes from elsewhere, and the clock
 * crossing a session's start and end and the Paris month boundary; access is checked on every call.
 */
import { createClient } from '@libsql/client';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { registrations, sessions } from '../../schema/index.ts';
import { startOfNextParisMonth } from '../../domain/time.ts';
import { Database } from '../../server/db.ts';
import { createCaller } from '../../server/router.ts';
import { MAX_AGE_MS } from '../../server/services/answer-cache.ts';
import { secretFor } from '../../server/services/tokens.ts';
import { NOW, SECRET, failure, facilitatorIdOf, makeWorld, missionFor, people, planWith, secretOf, sessionInput, writeFromAnotherConnection, writeFromAnotherProcess, type Person } from './helpers.ts';

const w = await makeWorld();
afterEach(() => w.clock.set(NOW));
// The same file through `@libsql/client`, which has no change stamp: never cached, the reference.
const reference = new Database(() => createClient({ url: `file:${w.file}` }));
afterAll(() => reference.close());
const truthAs = (p: Person) => createCaller({ ...w.deps, database: reference, claims: { ...p, exp: Math.floor(w.clock.now() / 1000) + 3600 }, clientIp: '192.0.2.1' });

const { camille, louis, ines, admin } = people;
const outcome = (p: Promise<unknown>) => p.then((value) => ({ value }), (error) => ({ reason: (error as { cause?: { reason?: string } }).cause?.reason ?? String(error) }));
const get = (p: Person, missionId: string) => outcome(w.as(p).missions.get({ missionId }));

/** Statements the call sends on the cached world. */
async function statementsOf(fn: () => Promise<unknown>) {
  const before = w.database.statements;
  await fn();
  return w.database.statements - before;
}

/** Caches the answer (and proves the next call is a hit: only the caller's identity is read). */
async function prime(missionId: string, p: Person = camille) {
  const first = await get(p, missionId);
  let second: unknown;
  const hit = await statementsOf(async () => (second = await get(p, missionId)));
  expect(second).toEqual(first);
  expect(hit, 'the second call is answered from the cache (the identity read only)').toBeLessThanOrEqual(1);
  return first;
}

/** After a change: the cached path answers exactly what the uncached one does. */
async function same(missionId: string, what: string, p: Person = camille) {
  const got = await get(p, missionId);
  const want = await outcome(truthAs(p).missions.get({ missionId }));
  expect(got, what).toEqual(want);
  return got;
}

let n = 0;
const register = (code: string) => w.anonymous().participants.register({ code, name: `Person ${++n}`, email: `person${n}@example.org`, consent: true });
const at = (t: number) => w.clock.set(new Date(t).toISOString());

describe('missions.get answers from the cache exactly what it computes', () => {
  it('across every kind of write touching a mission, and the clock crossing the start, the end and the Paris month', async () => {
    const missionId = await missionFor(w);
    const a = await planWith(w, missionId, { startsAt: sessionInput(missionId, 1).startsAt, endsAt: sessionInput(missionId, 1).endsAt }, [louis, ines]);
    const code = secretOf(a.participantSignupUrl);
    await register(code);
    const startsAt = Date.parse(sessionInput(missionId, 1).startsAt);
    const endsAt = Date.parse(sessionInput(missionId, 1).endsAt);
    let b = '';
    const c = () => w.as(camille);
    const cancelSecret = async () => secretFor(SECRET, (await w.db.query.registrations.findFirst({ where: eq(registrations.sessionId, a.sessionId) }))!.cancelTokenId!);

    /** Each step changes the answer (so a stale one would show): primed before, compared after. */
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['a session created', async () => (b = (await c().sessions.create(sessionInput(missionId, 10))).sessionId)],
      ['a session updated', () => c().sessions.update({ sessionId: a.sessionId, capacity: 20 })],
      ['a facilitator withdrawing', () => w.as(ines).facilitators.withdraw({ sessionId: a.sessionId })],
      ['a facilitator joining', () => w.as(ines).facilitators.join({ token: secretOf(a.facilitatorInviteUrl) })],
      ['a facilitator removed', async () => c().facilitators.remove({ sessionId: a.sessionId, facilitatorId: await facilitatorIdOf(w, ines) })],
      ['a participant registering', () => register(code)],
      ['a participant cancelling', async () => w.anonymous().participants.cancel({ cancelToken: await cancelSecret() })],
      ['the order updated by staff', () => w.as(admin).admin.updateOrder({ missionId, order: [{ kind: 'atelier', quantity: 3 }] })],
      ['a session cancelled', () => c().sessions.cancel({ sessionId: b })],
      ['a write from another connection', async () => writeFromAnotherConnection(w.file, `UPDATE missions SET title = 'Renamed by a connection' WHERE id = '${missionId}'`)],
      ['a write from another process', async () => writeFromAnotherProcess(w.file, `UPDATE sessions SET capacity = 7 WHERE id = '${a.sessionId}'`)],
      ['an autocommit write on the read connection (not the write lane)', () => w.db.update(sessions).set({ title: 'Renamed here' }).where(eq(sessions.id, a.sessionId))],
    ];
    for (const [what, change] of steps) {
      const before = await prime(missionId);
      await change();
      expect(await same(missionId, `after ${what}`), `${what} changes the answer`).not.toEqual(before);
    }
    const participantId = (await w.db.query.registrations.findFirst({ where: eq(registrations.sessionId, a.sessionId) }))!.id;

    // The start: nothing on the dashboard changes with it, but the cache lets the answer go and computes it again.
    at(startsAt - 300);
    await prime(missionId);
    at(startsAt);
    expect(await same(missionId, 'at the start')).toMatchObject({ value: { sessions: [{ ended: false }, {}] } });
    // The end: `ended`, the retribution tag, `delivered`, the closing blockers and warnings.
    at(endsAt - 300);
    const beforeEnd = await prime(missionId);
    expect(beforeEnd).toMatchObject({ value: { sessions: [{ ended: false, retributionTag: 'none' }, {}], close: { blockers: ['sessions_not_ended'] } } });
    at(endsAt - 1);
    expect(await same(missionId, 'just before the end')).toEqual(beforeEnd);
    at(endsAt);
    expect(await same(missionId, 'at the end')).toMatchObject({ value: { sessions: [{ ended: true, retributionTag: 'to_request' }, {}], close: { blockers: ['retributions_pending'], warnings: expect.arrayContaining(['attendance_missing']) } } });
    at(endsAt - 200);
    expect(await same(missionId, 'back before the end')).toEqual(beforeEnd);
    at(endsAt + 3_600_000);

    const afterEnd: Array<[string, () => Promise<unknown>]> = [
      ['a facilitator status changed', async () => c().facilitators.setStatus({ sessionId: a.sessionId, facilitatorId: await facilitatorIdOf(w, louis), status: 'interne' })],
      ['attendance marked', () => c().attendance.mark({ sessionId: a.sessionId, participantIds: [participantId], attendance: 'present' })],
      ['the follow-up sent', () => c().followUp.send({ sessionId: a.sessionId })],
      ['the retributions requested', () => c().retributions.request({ missionId })],
    ];
    for (const [what, change] of afterEnd) {
      const before = await prime(missionId);
      await change();
      expect(await same(missionId, `after ${what}`), `${what} changes the answer`).not.toEqual(before);
    }

    // The Paris month boundary: this month's request no longer counts.
    const nextMonth = startOfNextParisMonth(w.clock.now());
    at(nextMonth - 300);
    const lastMonth = await prime(missionId);
    expect(lastMonth).toMatchObject({ value: { retributions: { alreadyRequestedThisMonth: true } } });
    at(nextMonth);
    expect(await same(missionId, 'at the next Paris month')).toMatchObject({ value: { retributions: { alreadyRequestedThisMonth: false, nextAllowedAt: null } } });
    at(nextMonth - 1);
    expect(await same(missionId, 'back before it')).toEqual(lastMonth);

    at(nextMonth + 1000);
    const open = await prime(missionId);
    await c().missions.close({ missionId });
    expect(await same(missionId, 'after closing'), 'closing changes the answer').not.toEqual(open);
    expect(await same(missionId, 'after closing')).toMatchObject({ value: { status: 'closed', close: { canClose: false, blockers: ['mission_closed'] } } });
  });

  it('a caller without access gets NOT_FOUND even right after the answer was cached; staff and the coordinator share it', async () => {
    const missionId = await missionFor(w);
    await c_plan(missionId);
    const answer = await prime(missionId);
    expect(answer).toHaveProperty('value');
    const statements = w.database.statements;
    expect(await get(admin, missionId), 'staff get the same answer (it does not depend on the caller)').toEqual(answer);
    expect(w.database.statements - statements, 'from the cache').toBeLessThanOrEqual(1);
    for (const [who, p] of [['another facilitator', louis], ['staff whose token lost the staff role', { ...admin, role: 'facilitator' } as Person]] as const) {
      expect(await get(p, missionId), who).toEqual({ reason: 'not_found' });
      expect(await get(camille, missionId), 'the coordinator still gets it').toEqual(answer);
      expect(await get(p, missionId), `${who}, again`).toEqual({ reason: 'not_found' });
      expect((await failure(w.as(p).missions.get({ missionId }))).code).toBe('NOT_FOUND');
    }
    expect(await get(camille, 'no-such-mission')).toEqual({ reason: 'not_found' });
    // A coordinator moved (by hand, from another process): the old one loses it at once, the new one gets it.
    await prime(missionId);
    writeFromAnotherProcess(w.file, `UPDATE missions SET coordinator_id = (SELECT id FROM facilitators WHERE email = '${louis.email}') WHERE id = '${missionId}'`);
    expect(await get(camille, missionId)).toEqual({ reason: 'not_found' });
    expect(await same(missionId, 'the new coordinator', louis)).toHaveProperty('value');
  });

  it('an answer is reused at most a second, even when nothing changed; the @libsql/client driver never caches', async () => {
    const missionId = await missionFor(w);
    await c_plan(missionId);
    await prime(missionId);
    w.clock.advance(MAX_AGE_MS - 1);
    expect(await statementsOf(() => same(missionId, 'within the second'))).toBeLessThanOrEqual(1);
    w.clock.advance(1);
    expect(await statementsOf(() => get(camille, missionId)), 'a second later it is computed again').toBeGreaterThan(1);

    const truth = truthAs(camille);
    await truth.missions.get({ missionId });
    const before = reference.statements;
    await truth.missions.get({ missionId });
    const once = reference.statements - before;
    await truth.missions.get({ missionId });
    expect(reference.statements - before).toBe(2 * once);
    expect(once).toBeGreaterThan(1);
  });
});

async function c_plan(missionId: string) {
  const { participantSignupUrl } = await w.as(camille).sessions.create(sessionInput(missionId, 5));
  await register(secretOf(participantSignupUrl));
}
