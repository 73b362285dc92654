/** What stays fixed once a session is over or paid: dates and existence after a retribution request, registrations after the end. */
import { desc } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox } from '../../schema/index.ts';
import { renderRow } from '../../server/outbox-drainer.ts';
import { failure, makeWorld, missionFor, people, secretOf, sessionInput } from './helpers.ts';

const w = await makeWorld();

describe('a session whose retributions were requested', () => {
  it('keeps its dates and cannot be cancelled; other fields still change', async () => {
    const missionId = await missionFor(w);
    const { sessionId } = await w.as(people.camille).sessions.create(sessionInput(missionId, -5));
    await w.as(people.camille).retributions.request({ missionId });
    expect(await failure(w.as(people.camille).sessions.update({ sessionId, startsAt: '2027-04-01T09:00:00+02:00', endsAt: '2027-04-01T12:00:00+02:00' }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
      reason: 'retribution_requested',
    });
    expect(await failure(w.as(people.camille).sessions.cancel({ sessionId }))).toMatchObject({ reason: 'retribution_requested' });
    await w.as(people.camille).sessions.update({ sessionId, title: 'Renamed', capacity: 30 });
    expect((await w.as(people.camille).sessions.get({ sessionId })).retributionTag).toBe('requested');
  });
});

describe('a participant cancelling', () => {
  it('is refused after the session ended (the registration is the attendance record)', async () => {
    const missionId = await missionFor(w);
    const s = await w.as(people.camille).sessions.create(sessionInput(missionId, 2));
    await w.anonymous().participants.register({ code: secretOf(s.participantSignupUrl), name: 'Late', email: 'late@x.test', consent: true });
    const [row] = await w.db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(1);
    const cancelToken = (await renderRow(w.deps, row)).text.match(/\/cancel\/([A-Za-z0-9_-]+)/)![1];
    w.clock.set('2027-03-05T10:00:00+01:00');
    expect(await failure(w.anonymous().participants.cancel({ cancelToken }))).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'session_ended' });
    expect((await w.as(people.camille).sessions.get({ sessionId: s.sessionId })).participants).toHaveLength(1);
  });
});

describe('cancelling a session', () => {
  it('tells its participants and its other facilitators', async () => {
    const missionId = await missionFor(w);
    const s = await w.as(people.camille).sessions.create(sessionInput(missionId, 20));
    await w.anonymous().participants.register({ code: secretOf(s.participantSignupUrl), name: 'Ana', email: 'ana@x.test', consent: true });
    await w.as(people.ines).facilitators.join({ token: secretOf(s.facilitatorInviteUrl) });
    await w.as(people.camille).sessions.cancel({ sessionId: s.sessionId });
    const rows = (await w.db.select().from(outbox)).filter((r) => r.template === 'session_cancelled' && JSON.parse(r.data).session.startsAt === sessionInput(missionId, 20).startsAt);
    expect(rows.map((r) => r.to).sort()).toEqual(['ana@x.test', people.ines.email]);
  });
});
