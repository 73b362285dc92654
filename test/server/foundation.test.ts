import { describe, expect, it } from 'vitest';
import { failure, makeWorld, missionFor, people, sessionInput } from './helpers.ts';

const w = await makeWorld();

describe('admin.createMission / admin.setFacilitator / admin.missions', () => {
  it('creates a mission with its order and emails the coordinator a link to it', async () => {
    const missionId = await missionFor(w);
    const m = await w.as(people.camille).missions.get({ missionId });
    expect(m).toMatchObject({ id: missionId, status: 'open', closedAt: null, organization: { name: 'Acme', sector: 'entreprise' } });
    expect(m.order).toEqual([
      { kind: 'atelier', ordered: 10, planned: 0, delivered: 0, sessions: 0, openSlots: 0, over: 0 },
      { kind: 'formation', ordered: 2, planned: 0, delivered: 0, sessions: 0, openSlots: 0, over: 0 },
    ]);
    const mails = await w.db.query.outbox.findMany();
    const mail = mails.find((r) => r.template === 'mission_assigned' && JSON.parse(r.data).missionId === missionId);
    expect(mail?.to).toBe(people.camille.email);
    const { renderRow } = await import('../../server/outbox-drainer.ts');
    const rendered = await renderRow(w.deps, mail!);
    expect(rendered.text).toContain(`http://fresk.test/missions/${missionId}`);
  });

  it('is for staff only', async () => {
    const err = await failure(
      w.as(people.camille).admin.createMission({ title: 't', organization: { name: 'o', sector: 'entreprise' }, coordinator: { email: 'a@b.co' }, order: [] }),
    );
    expect(err.code).toBe('FORBIDDEN');
    expect((await failure(w.anonymous().admin.missions({}))).code).toBe('UNAUTHORIZED');
  });

  it('lists every mission for staff, filtered by status', async () => {
    const missionId = await missionFor(w, people.louis);
    const all = await w.as(people.admin).admin.missions({});
    expect(all.map((m) => m.id)).toContain(missionId);
    expect((await w.as(people.admin).admin.missions({ status: 'closed' })).map((m) => m.id)).not.toContain(missionId);
  });

  it('setFacilitator creates then updates a record by email', async () => {
    const a = await w.as(people.admin).admin.setFacilitator({ email: 'New.Person@Fresk.test', name: 'New', ofCompliant: false });
    const b = await w.as(people.admin).admin.setFacilitator({ email: 'new.person@fresk.test', ofCompliant: true });
    expect(b.facilitatorId).toBe(a.facilitatorId);
  });
});

describe('missions.list / missions.get', () => {
  it('lists only the missions I coordinate, with counters', async () => {
    const mine = await missionFor(w, people.ines);
    const list = await w.as(people.ines).missions.list({});
    expect(list.map((m) => m.id)).toEqual([mine]);
    expect(list[0].order).toEqual([
      { kind: 'atelier', ordered: 10, planned: 0, delivered: 0 },
      { kind: 'formation', ordered: 2, planned: 0, delivered: 0 },
    ]);
  });

  it("answers NOT_FOUND for another coordinator's mission, exactly as for a missing one", async () => {
    const missionId = await missionFor(w);
    const other = await failure(w.as(people.louis).missions.get({ missionId }));
    const missing = await failure(w.as(people.louis).missions.get({ missionId: 'does-not-exist' }));
    expect(other).toEqual(missing);
    expect(other.code).toBe('NOT_FOUND');
    // staff see every mission
    expect((await w.as(people.admin).missions.get({ missionId })).id).toBe(missionId);
  });
});

describe('sessions and the order counters', () => {
  it('registers the coordinator as first facilitator; extra facilitators are open slots', async () => {
    const missionId = await missionFor(w);
    const created = await w.as(people.camille).sessions.create(sessionInput(missionId));
    expect(created.facilitatorInviteUrl).toMatch(/^http:\/\/fresk\.test\/join\/[A-Za-z0-9_-]{32}$/);
    expect(created.participantSignupUrl).toMatch(/^http:\/\/fresk\.test\/signup\/[A-Za-z0-9_-]{32}$/);
    const m = await w.as(people.camille).missions.get({ missionId });
    expect(m.order[0]).toMatchObject({ kind: 'atelier', ordered: 10, planned: 1, sessions: 1, openSlots: 2 });
    expect(m.sessions[0]).toMatchObject({
      id: created.sessionId,
      status: 'planned',
      ended: false,
      facilitatorsCount: 1,
      expectedFacilitators: 3,
      participantsCount: 0,
      capacity: 12,
      retributionTag: 'none',
    });
    const s = await w.as(people.camille).sessions.get({ sessionId: created.sessionId });
    expect(s.facilitators).toEqual([
      expect.objectContaining({ email: people.camille.email, status: 'remunere', retribution: 'not_requested' }),
    ]);
    expect(s).toMatchObject({ seatsLeft: 12, extraFacilitators: 2, startsAt: '2027-03-11T09:00:00+01:00', location: { mode: 'onsite', address: '1 rue de Rivoli, Paris' } });
  });

  it('does not register the coordinator with coordinatorFacilitates:false', async () => {
    const missionId = await missionFor(w);
    const { sessionId } = await w.as(people.camille).sessions.create(sessionInput(missionId, 10, { coordinatorFacilitates: false, extraFacilitators: 1 }));
    const m = await w.as(people.camille).missions.get({ missionId });
    expect(m.order[0]).toMatchObject({ planned: 0, sessions: 1, openSlots: 1 });
    expect((await w.as(people.camille).sessions.get({ sessionId })).facilitators).toEqual([]);
  });

  it('shows planning beyond the order', async () => {
    const missionId = await missionFor(w);
    for (let i = 0; i < 3; i++) await w.as(people.camille).sessions.create(sessionInput(missionId, 10 + i, { kind: 'formation', extraFacilitators: 0 }));
    const f = (await w.as(people.camille).missions.get({ missionId })).order.find((o) => o.kind === 'formation')!;
    expect(f).toMatchObject({ ordered: 2, planned: 3, over: 1, sessions: 3 });
  });

  it('counts a kind that was not ordered', async () => {
    const { missionId } = await w.as(people.admin).admin.createMission({
      title: 'Only ateliers',
      organization: { name: 'Acme', sector: 'entreprise' },
      coordinator: { email: people.camille.email },
      order: [{ kind: 'atelier', quantity: 1 }],
    });
    await w.as(people.camille).sessions.create(sessionInput(missionId, 10, { kind: 'formation', extraFacilitators: 0 }));
    const order = (await w.as(people.camille).missions.get({ missionId })).order;
    expect(order.find((o) => o.kind === 'formation')).toMatchObject({ ordered: 0, planned: 1, over: 1 });
  });

  it('updates a session: fields, coordinator toggle, extra slots', async () => {
    const missionId = await missionFor(w);
    const { sessionId } = await w.as(people.camille).sessions.create(sessionInput(missionId));
    await w.as(people.camille).sessions.update({
      sessionId,
      extraFacilitators: 4,
      coordinatorFacilitates: false,
      location: { mode: 'online', url: 'https://visio.example.org/x' },
      title: 'Renamed',
    });
    const s = await w.as(people.camille).sessions.get({ sessionId });
    expect(s).toMatchObject({ extraFacilitators: 4, title: 'Renamed', location: { mode: 'online', url: 'https://visio.example.org/x' }, facilitators: [] });
    expect((await w.as(people.camille).missions.get({ missionId })).order[0]).toMatchObject({ planned: 0, openSlots: 4 });
    await w.as(people.camille).sessions.update({ sessionId, coordinatorFacilitates: true });
    expect((await w.as(people.camille).missions.get({ missionId })).order[0]).toMatchObject({ planned: 1, openSlots: 4 });
  });

  it('refuses endsAt ≤ startsAt on create and on update', async () => {
    const missionId = await missionFor(w);
    const input = sessionInput(missionId);
    const e1 = await failure(w.as(people.camille).sessions.create({ ...input, endsAt: input.startsAt }));
    expect(e1).toMatchObject({ code: 'BAD_REQUEST', reason: 'ends_before_start' });
    const { sessionId } = await w.as(people.camille).sessions.create(input);
    const e2 = await failure(w.as(people.camille).sessions.update({ sessionId, endsAt: '2027-03-11T08:00:00+01:00' }));
    expect(e2).toMatchObject({ code: 'BAD_REQUEST', reason: 'ends_before_start' });
  });

  it('cancelled sessions leave the counters; cancelling twice is harmless', async () => {
    const missionId = await missionFor(w);
    const { sessionId } = await w.as(people.camille).sessions.create(sessionInput(missionId));
    await w.as(people.camille).sessions.cancel({ sessionId });
    await w.as(people.camille).sessions.cancel({ sessionId });
    const m = await w.as(people.camille).missions.get({ missionId });
    expect(m.order[0]).toMatchObject({ planned: 0, sessions: 0, openSlots: 0 });
    expect(m.sessions[0]).toMatchObject({ status: 'cancelled' });
    expect(await failure(w.as(people.camille).sessions.update({ sessionId, capacity: 3 }))).toMatchObject({ reason: 'session_cancelled' });
  });

  it("another coordinator can neither read nor change my sessions (NOT_FOUND)", async () => {
    const missionId = await missionFor(w);
    const { sessionId } = await w.as(people.camille).sessions.create(sessionInput(missionId));
    for (const call of [
      () => w.as(people.louis).sessions.get({ sessionId }),
      () => w.as(people.louis).sessions.update({ sessionId, capacity: 3 }),
      () => w.as(people.louis).sessions.cancel({ sessionId }),
      () => w.as(people.louis).sessions.create(sessionInput(missionId)),
    ]) {
      expect((await failure(call())).code).toBe('NOT_FOUND');
    }
    expect((await w.as(people.camille).sessions.get({ sessionId })).status).toBe('planned');
  });

  it('refuses a capacity below the registrations already there', async () => {
    const missionId = await missionFor(w);
    const created = await w.as(people.camille).sessions.create(sessionInput(missionId, 10, { capacity: 3 }));
    const code = created.participantSignupUrl.split('/').pop()!;
    for (const n of [1, 2]) await w.anonymous().participants.register({ code, name: `P${n}`, email: `p${n}@x.test`, consent: true });
    expect(await failure(w.as(people.camille).sessions.update({ sessionId: created.sessionId, capacity: 1 }))).toMatchObject({
      code: 'BAD_REQUEST',
      reason: 'capacity_below_registrations',
    });
    await w.as(people.camille).sessions.update({ sessionId: created.sessionId, capacity: 2 });
  });
});
