import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, outbox, registrations } from '../../schema/index.ts';
import { purgeExpiredPersonalData } from '../../server/services/privacy.ts';
import { runScheduledJobs } from '../../server/scheduled.ts';
import { failure, makeWorld, missionFor, people, secretOf, sessionInput } from './helpers.ts';

const w = await makeWorld();
const staff = () => w.as(people.admin);

async function sessionWithParticipant(email: string) {
  const missionId = await missionFor(w);
  const s = await w.as(people.camille).sessions.create(sessionInput(missionId, 5));
  await w.anonymous().participants.register({ code: secretOf(s.participantSignupUrl), name: 'Zoé Personne', email, consent: true });
  return { missionId, ...s };
}

describe('export and erasure on request', () => {
  it('exports what is stored about a participant', async () => {
    const s = await sessionWithParticipant('zoe@x.test');
    const data = await staff().admin.exportPerson({ email: 'ZOE@x.test' });
    expect(data.facilitator).toBeNull();
    expect(data.registrations).toEqual([expect.objectContaining({ sessionId: s.sessionId, name: 'Zoé Personne', email: 'zoe@x.test' })]);
    expect(data.emails.map((e) => e.template)).toContain('registration_confirmation');
  });

  it('erases a participant: registration gone, seat freed, messages gone, audited by id only', async () => {
    const s = await sessionWithParticipant('erase-me@x.test');
    const res = await staff().admin.erasePerson({ email: 'erase-me@x.test' });
    expect(res).toMatchObject({ erased: true, registrations: 1 });
    expect(await w.db.select().from(registrations).where(eq(registrations.email, 'erase-me@x.test'))).toEqual([]);
    expect(await w.db.select().from(outbox).where(eq(outbox.to, 'erase-me@x.test'))).toEqual([]);
    expect((await w.as(people.camille).sessions.get({ sessionId: s.sessionId })).seatsLeft).toBe(12);
    const audit = await w.db.select().from(auditLog).where(eq(auditLog.action, 'person.erased'));
    expect(JSON.stringify(audit)).not.toContain('erase-me');
  });

  it('anonymises a facilitator but keeps their sessions adding up', async () => {
    await staff().admin.setFacilitator({ email: 'gone@fresk.test', name: 'Gone Soon', ofCompliant: true });
    const missionId = await missionFor(w);
    const s = await w.as(people.camille).sessions.create(sessionInput(missionId, 5));
    await w.as({ sub: 'p-gone', email: 'gone@fresk.test', name: 'Gone Soon', role: 'facilitator' }).facilitators.join({ token: secretOf(s.facilitatorInviteUrl) });
    await staff().admin.erasePerson({ email: 'gone@fresk.test' });
    const session = await w.as(people.camille).sessions.get({ sessionId: s.sessionId });
    expect(session.facilitators).toHaveLength(2);
    expect(JSON.stringify(session.facilitators)).not.toMatch(/gone@fresk|Gone Soon/);
    expect((await staff().admin.exportPerson({ email: 'gone@fresk.test' })).facilitator).toBeNull();
  });

  it('refuses to erase the coordinator of an open mission', async () => {
    await missionFor(w, people.louis);
    expect(await failure(staff().admin.erasePerson({ email: people.louis.email }))).toMatchObject({ reason: 'coordinates_open_mission' });
  });

  it('the audit log stays append-only', async () => {
    await expect(w.database.client.execute("UPDATE audit_log SET detail = '{}'")).rejects.toThrow(/append-only/);
    await expect(w.database.client.execute('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });
});

describe('retention', () => {
  it('anonymises participants of missions closed more than the retention period ago', async () => {
    const s = await sessionWithParticipant('old@x.test');
    // the session ends, nothing to pay (coordinator interne), the mission is closed
    const camilleId = (await w.as(people.camille).sessions.get({ sessionId: s.sessionId })).facilitators[0].facilitatorId;
    await w.as(people.camille).facilitators.setStatus({ sessionId: s.sessionId, facilitatorId: camilleId, status: 'interne' });
    w.clock.set('2027-03-10T10:00:00+01:00');
    await w.as(people.camille).missions.close({ missionId: s.missionId });
    w.clock.set('2028-01-01T10:00:00+01:00'); // under 12 months: kept
    await purgeExpiredPersonalData(w.deps, 12);
    expect(await w.db.select().from(registrations).where(eq(registrations.email, 'old@x.test'))).toHaveLength(1);
    w.clock.set('2028-03-20T10:00:00+01:00'); // over 12 months
    const res = await runScheduledJobs(w.deps, null);
    expect(res.retention.anonymised).toBeGreaterThanOrEqual(1);
    expect(await w.db.select().from(registrations).where(eq(registrations.email, 'old@x.test'))).toEqual([]);
    const session = await w.as(people.camille).sessions.get({ sessionId: s.sessionId });
    expect(session.participants).toHaveLength(1);
    expect(session.participants[0]).toMatchObject({ name: '', email: expect.stringMatching(/^anonymised-.*@erased\.invalid$/) });
    expect((await w.db.select().from(outbox).where(eq(outbox.to, 'old@x.test'))).length).toBe(0);
    w.clock.set('2027-03-01T10:00:00+01:00');
  });
});
