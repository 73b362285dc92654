import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, outbox } from '../../schema/index.ts';
import { facilitatorIdOf, failure, http, makeWorld, missionFor, people, planWith, SECRET, slot, type Person } from './helpers.ts';

const w = await makeWorld();
const { camille, louis, ines, paul, admin } = people;
const staff = () => w.as(admin);
const audits = (missionId: string, action: string) => w.db.query.auditLog.findMany({ where: and(eq(auditLog.missionId, missionId), eq(auditLog.action, action)) });

/** A mission with one session on 5 March 2027 that Camille and `who` facilitate, retributions requested, closed. */
async function closedMission(who: Person[] = [louis]) {
  w.clock.set('2027-03-01T10:00:00+01:00');
  const missionId = await missionFor(w);
  await planWith(w, missionId, slot('2027-03-05'), who);
  w.clock.set('2027-03-10T10:00:00+01:00');
  const { requestId } = await w.as(camille).retributions.request({ missionId });
  await w.as(camille).missions.close({ missionId });
  return { missionId, requestId };
}

describe('admin.updateOrder', () => {
  it('replaces the order of an open mission, audited with the old and new orders', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    expect(await staff().admin.updateOrder({ missionId, order: [{ kind: 'atelier', quantity: 4 }] })).toEqual({ missionId });
    const m = await w.as(camille).missions.get({ missionId });
    expect(m.order.map((o) => [o.kind, o.ordered])).toEqual([['atelier', 4]]);
    const [a] = await audits(missionId, 'mission.order_updated');
    expect(JSON.parse(a.detail)).toEqual({ before: [{ kind: 'atelier', quantity: 10 }, { kind: 'formation', quantity: 2 }], after: [{ kind: 'atelier', quantity: 4 }] });
    expect(a.actorId).toBe(await facilitatorIdOf(w, admin));
  });

  it('refuses mission_closed after closing, not_found for an unknown mission, a kind twice as invalid input', async () => {
    const { missionId } = await closedMission();
    expect(await failure(staff().admin.updateOrder({ missionId, order: [] }))).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'mission_closed' });
    expect(await failure(staff().admin.updateOrder({ missionId: 'nope', order: [] }))).toMatchObject({ code: 'NOT_FOUND' });
    const twice = await http(w, 'admin.updateOrder', {
      token: await w.token(admin),
      input: { missionId, order: [{ kind: 'atelier', quantity: 1 }, { kind: 'atelier', quantity: 2 }] },
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.data.reason).toBe('invalid_input');
    expect(await audits(missionId, 'mission.order_updated')).toEqual([]);
  });
});

describe('admin.missions', () => {
  it('carries closedAt, invoicedAt, the coordinator and, per order line, delivered (ended, non-cancelled sessions)', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    await planWith(w, missionId, slot('2027-03-05'), [louis]);
    await planWith(w, missionId, slot('2027-03-20'), [louis]);
    const cancelled = await planWith(w, missionId, slot('2027-03-04'), [ines]);
    await w.as(camille).sessions.cancel({ sessionId: cancelled.sessionId });
    w.clock.set('2027-03-10T10:00:00+01:00');
    const list = await staff().admin.missions({ status: 'open', limit: 200 });
    const m = list.find((x) => x.id === missionId)!;
    expect(m).toMatchObject({ status: 'open', closedAt: null, invoicedAt: null, coordinator: { facilitatorId: await facilitatorIdOf(w, camille), name: 'Camille', email: camille.email } });
    expect(m.order).toEqual([
      { kind: 'atelier', ordered: 10, planned: 4, delivered: 2 },
      { kind: 'formation', ordered: 2, planned: 0, delivered: 0 },
    ]);
  });

  it('pages newest first with limit and cursor, and filters open / closed / invoiced', async () => {
    const a = await closedMission();
    const b = await closedMission();
    await staff().admin.markInvoiced({ missionId: a.missionId });
    const closed = await staff().admin.missions({ status: 'closed', invoiced: false, limit: 200 });
    expect(closed.map((m) => m.id)).toContain(b.missionId);
    expect(closed.map((m) => m.id)).not.toContain(a.missionId);
    expect((await staff().admin.missions({ status: 'invoiced', limit: 200 })).map((m) => m.id)).toEqual((await staff().admin.missions({ invoiced: true, limit: 200 })).map((m) => m.id));
    const invoiced = await staff().admin.missions({ invoiced: true });
    expect(invoiced.map((m) => m.id)).toContain(a.missionId);
    expect(invoiced.every((m) => m.invoicedAt !== null && m.status === 'closed')).toBe(true);
    const all = await staff().admin.missions({ limit: 200 });
    const first = await staff().admin.missions({ limit: 2 });
    const second = await staff().admin.missions({ limit: 2, cursor: first[1].id });
    expect([...first, ...second].map((m) => m.id)).toEqual(all.slice(0, 4).map((m) => m.id));
    expect((await staff().admin.missions({})).length).toBeLessThanOrEqual(50);
    expect(await staff().admin.missions({ cursor: 'no-such-mission' })).toEqual([]);
    expect(await staff().admin.retributionRequests({ cursor: 'no-such-request' })).toEqual([]);
    expect(await staff().admin.facilitators({ cursor: 'no-such-person' })).toEqual({ items: [], nextCursor: null });
    expect((await http(w, 'admin.missions', { method: 'GET', token: await w.token(admin), input: { limit: 201 } })).status).toBe(400);
  });
});

describe('admin.markInvoiced', () => {
  it('refuses mission_not_closed on an open mission', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    expect(await failure(staff().admin.markInvoiced({ missionId }))).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'mission_not_closed' });
    expect(await failure(staff().admin.markInvoiced({ missionId: 'nope' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await audits(missionId, 'mission.invoiced')).toEqual([]);
  });

  it('marks a closed mission invoiced with its reference, once, audited', async () => {
    const { missionId } = await closedMission();
    w.clock.set('2027-03-12T09:00:00+01:00');
    expect(await staff().admin.markInvoiced({ missionId, reference: 'F-2027-042' })).toEqual({ invoicedAt: '2027-03-12T08:00:00.000Z' });
    w.clock.set('2027-03-13T09:00:00+01:00');
    expect(await staff().admin.markInvoiced({ missionId, reference: 'other' })).toEqual({ invoicedAt: '2027-03-12T08:00:00.000Z' });
    const [m] = (await staff().admin.missions({ invoiced: true, limit: 200 })).filter((x) => x.id === missionId);
    expect(m).toMatchObject({ invoicedAt: '2027-03-12T08:00:00.000Z', invoiceReference: 'F-2027-042' });
    const rows = await audits(missionId, 'mission.invoiced');
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].detail)).toEqual({ reference: 'F-2027-042' });
  });
});

describe('retribution requests and coordination retributions', () => {
  it('markRequestProcessed sets processedAt once (audited); the list filters pending / processed', async () => {
    const { missionId, requestId } = await closedMission();
    const pending = await staff().admin.retributionRequests({ status: 'pending', limit: 200 });
    const mine = pending.find((r) => r.requestId === requestId)!;
    expect(mine).toMatchObject({ processedAt: null, missionId });
    expect(mine.lines.map((l) => l.name).sort()).toEqual(['Camille', 'Louis']);
    w.clock.set('2027-03-11T09:00:00+01:00');
    expect(await staff().admin.markRequestProcessed({ requestId })).toEqual({ processedAt: '2027-03-11T08:00:00.000Z' });
    expect(await staff().admin.markRequestProcessed({ requestId })).toEqual({ processedAt: '2027-03-11T08:00:00.000Z' });
    expect((await staff().admin.retributionRequests({ status: 'pending', limit: 200 })).map((r) => r.requestId)).not.toContain(requestId);
    expect((await staff().admin.retributionRequests({ status: 'processed' })).find((r) => r.requestId === requestId)?.processedAt).toBe('2027-03-11T08:00:00.000Z');
    expect(await audits(missionId, 'retributions.processed')).toHaveLength(1);
    expect(await failure(staff().admin.markRequestProcessed({ requestId: 'nope' }))).toMatchObject({ code: 'NOT_FOUND' });
    const [one] = await staff().admin.retributionRequests({ requestId });
    expect(one.requestId).toBe(requestId);
  });

  it('shows the coordination retribution recorded at closing as a line of its own, and marks it handled', async () => {
    const { missionId } = await closedMission();
    const lines = await staff().admin.coordinationRetributions({ status: 'pending', limit: 200 });
    expect(lines.find((l) => l.missionId === missionId)).toMatchObject({ name: 'Camille', email: camille.email, recordedAt: '2027-03-10T09:00:00.000Z', processedAt: null });
    w.clock.set('2027-03-11T09:00:00+01:00');
    expect(await staff().admin.markCoordinationProcessed({ missionId })).toEqual({ processedAt: '2027-03-11T08:00:00.000Z' });
    expect((await staff().admin.coordinationRetributions({ status: 'processed' })).map((l) => l.missionId)).toContain(missionId);
    expect(await audits(missionId, 'coordination_retribution.processed')).toHaveLength(1);
  });
});

describe('closing tells delivered against ordered', () => {
  it('warns order_not_fulfilled before closing, and the closing email says delivered for ordered per kind', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    await planWith(w, missionId, slot('2027-03-05'), [louis]);
    w.clock.set('2027-03-10T10:00:00+01:00');
    await w.as(camille).retributions.request({ missionId });
    expect((await w.as(camille).missions.get({ missionId })).close).toMatchObject({ canClose: true, warnings: ['order_not_fulfilled'] });
    await w.as(camille).missions.close({ missionId });
    const row = (await w.db.query.outbox.findMany({ where: eq(outbox.template, 'mission_closed') })).find((r) => JSON.parse(r.data).missionId === missionId)!;
    expect(JSON.parse(row.data).order).toEqual([
      { kind: 'atelier', ordered: 10, planned: 2, delivered: 2, sessions: 1 },
      { kind: 'formation', ordered: 2, planned: 0, delivered: 0, sessions: 0 },
    ]);
    const { renderRow } = await import('../../server/outbox-drainer.ts');
    const text = (await renderRow(w.deps, row)).text;
    expect(text).toContain("La commande n'a pas été entièrement réalisée");
    expect(text).toContain('Atelier : 2 intervention(s) réalisée(s) pour 10 commandée(s)');
    expect(text).not.toContain("L'ensemble de la commande a été réalisé");
  });
});

describe('admin.facilitators', () => {
  it('searches by name or email, filters by compliance, pages with a cursor, counts sessions', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    for (let i = 0; i < 3; i++) await staff().admin.setFacilitator({ email: `zz-search-${i}@x.test`, name: `Zoé Search ${i}`, ofCompliant: i === 0 });
    await w.as(camille).missions.list({});
    await w.as(paul).missions.list({});
    const found = await staff().admin.facilitators({ query: 'SEARCH', limit: 2 });
    expect(found.items.map((f) => f.email)).toEqual(['zz-search-0@x.test', 'zz-search-1@x.test']);
    expect(found.items[0]).toMatchObject({ name: 'Zoé Search 0', ofCompliant: true, sessions: 0 });
    const next = await staff().admin.facilitators({ query: 'search', limit: 2, cursor: found.nextCursor! });
    expect(next).toEqual({ items: [expect.objectContaining({ email: 'zz-search-2@x.test', ofCompliant: false })], nextCursor: null });
    expect((await staff().admin.facilitators({ query: 'zz-search', of: 'yes' })).items.map((f) => f.email)).toEqual(['zz-search-0@x.test']);
    expect((await staff().admin.facilitators({ of: 'no', limit: 200 })).items.map((f) => f.email)).toContain(paul.email);
    // A wildcard in the search is taken literally.
    expect((await staff().admin.facilitators({ query: '%' })).items).toEqual([]);
    const c = (await staff().admin.facilitators({ query: camille.email })).items[0];
    expect(c.sessions).toBeGreaterThan(0);
  });

  it('lists people whose compliance nobody stated under of:"unknown" (the queue "à vérifier")', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    // Signed in through the portal without an `of` claim: compliance unknown.
    await w.as({ sub: 'p-unknown', email: 'unknown-person@x.test', name: 'Inconnu', role: 'facilitator' }).missions.list({});
    const queue = await staff().admin.facilitators({ of: 'unknown', limit: 200 });
    expect(queue.items.find((f) => f.email === 'unknown-person@x.test')).toMatchObject({ ofCompliant: null });
    await staff().admin.setFacilitator({ email: 'unknown-person@x.test', ofCompliant: true });
    expect((await staff().admin.facilitators({ of: 'unknown', limit: 200 })).items.map((f) => f.email)).not.toContain('unknown-person@x.test');
  });
});

describe('admin.activity and /export/activity.csv', () => {
  it('sums sessions that ended in [from, to), per kind and sector: sessions, hours, participants present, trainee-hours', async () => {
    const { makeWorld: fresh } = await import('./helpers.ts');
    const v = await fresh();
    v.clock.set('2027-03-01T10:00:00+01:00');
    const ent = await missionFor(v);
    const edu = await missionFor(v, camille, 'enseignement');
    const a = await planWith(v, ent, slot('2027-03-05'));
    const b = await v.as(camille).sessions.create({
      missionId: ent, kind: 'formation', startsAt: '2027-03-06T09:00:00+01:00', endsAt: '2027-03-06T12:30:00+01:00',
      location: { mode: 'online', url: 'https://visio.test/x' }, capacity: 10, extraFacilitators: 0,
    });
    const c = await planWith(v, edu, slot('2027-03-07'));
    const late = await planWith(v, edu, slot('2027-04-02', '+02:00'));
    const gone = await planWith(v, ent, slot('2027-03-08'));
    await v.as(camille).sessions.cancel({ sessionId: gone.sessionId });
    const code = (url: string) => url.split('/').pop()!;
    const register = async (s: { participantSignupUrl: string }, n: number, tag: string) => {
      for (let i = 0; i < n; i++) await v.anonymous().participants.register({ code: code(s.participantSignupUrl), name: `P ${i}`, email: `${tag}-${i}@x.test`, consent: true });
    };
    await register(a, 3, 'a');
    await register(b, 2, 'b');
    await register(c, 4, 'c');
    await register(late, 5, 'l');
    await register(a, 1, 'absent');
    v.clock.set('2027-03-08T10:00:00+01:00');
    // Only those marked present on the day count (émargement); the one marked absent does not.
    for (const s of [a, b, c]) {
      const { participants } = await v.as(camille).sessions.get({ sessionId: s.sessionId });
      const present = participants.filter((p: { email: string }) => !p.email.startsWith('absent')).map((p: { participantId: string }) => p.participantId);
      const absent = participants.filter((p: { email: string }) => p.email.startsWith('absent')).map((p: { participantId: string }) => p.participantId);
      await v.as(camille).attendance.mark({ sessionId: s.sessionId, participantIds: present, attendance: 'present' });
      if (absent.length) await v.as(camille).attendance.mark({ sessionId: s.sessionId, participantIds: absent, attendance: 'absent' });
    }
    v.clock.set('2027-04-10T10:00:00+02:00');
    const range = { from: '2027-03-01T00:00:00+01:00', to: '2027-04-01T00:00:00+02:00' };
    const figures = await v.as(admin).admin.activity(range);
    expect(figures).toEqual({
      rows: [
        { kind: 'atelier', sector: 'enseignement', sessions: 1, hours: 3, participantsPresent: 4, traineeHours: 12 },
        { kind: 'atelier', sector: 'entreprise', sessions: 1, hours: 3, participantsPresent: 3, traineeHours: 9 },
        { kind: 'formation', sector: 'entreprise', sessions: 1, hours: 3.5, participantsPresent: 2, traineeHours: 7 },
      ],
      totals: { sessions: 3, hours: 9.5, participantsPresent: 9, traineeHours: 28 },
    });
    // A session that has not ended yet is not counted, even inside the period.
    v.clock.set('2027-03-06T11:00:00+01:00');
    expect((await v.as(admin).admin.activity(range)).totals.sessions).toBe(1);
    v.clock.set('2027-04-10T10:00:00+02:00');

    const get = async (path: string, token?: string) => v.app.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const q = `from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`;
    const res = await get(`/export/activity.csv?${q}`, await v.token(admin));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text()).replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines).toEqual([
      'kind;sector;sessions;hours;participantsPresent;traineeHours',
      'atelier;enseignement;1;3;4;12',
      'atelier;entreprise;1;3;3;9',
      'formation;entreprise;1;3.5;2;7',
      'total;;3;9.5;9;28',
    ]);
    expect((await get(`/export/activity.csv?${q}`)).status).toBe(401);
    expect((await get(`/export/activity.csv?${q}`, await v.token(camille))).status).toBe(403);
    const bad = await get('/export/activity.csv?from=2027-02-30T00:00:00Z&to=nope', await v.token(admin));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.reason).toBe('invalid_input');
    expect(await failure(v.as(admin).admin.activity({ from: range.to, to: range.from }))).toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('compliance set by staff refuses a join', () => {
  it('a facilitator whom staff mark not compliant is refused at invite time (not_of_compliant)', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    const s = await planWith(w, missionId, slot('2027-03-05'));
    await staff().admin.setFacilitator({ email: 'withdrawn@x.test', name: 'Retiré', ofCompliant: false });
    expect(await w.as(camille).facilitators.invite({ sessionId: s.sessionId, emails: ['withdrawn@x.test'] })).toEqual({ invited: [], refused: [{ email: 'withdrawn@x.test', reason: 'not_of_compliant' }] });
  });
});

describe('the retribution email link', () => {
  it('opens a page of the desk on the request (HTML, never JSON)', async () => {
    const { requestId } = await closedMission();
    const res = await w.app.request(`/desk/requests/${requestId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain(`request="${requestId}"`);
    expect(page).toContain('<fresk-missions');
    expect((await w.app.request('/desk')).status).toBe(200);
  });

  it("signs the association's mailbox in as staff by magic link, back to the request", async () => {
    const { requestId } = await closedMission();
    const { renderRow } = await import('../../server/outbox-drainer.ts');
    const { verifyJwt } = await import('../../server/auth.ts');
    const linkFor = async (email: string) => {
      w.clock.advance(16 * 60_000);
      await w.anonymous(`ip-${email}`).auth.requestLink({ email, next: `/desk/requests/${requestId}` });
      const rows = (await w.db.query.outbox.findMany({ where: eq(outbox.template, 'magic_link') })).filter((r) => r.to === email);
      const link = new URL((await renderRow(w.deps, rows[rows.length - 1])).text.match(/https?:\/\/\S+/)![0]);
      expect(link.searchParams.get('next')).toBe(`/desk/requests/${requestId}`);
      const { token } = await w.anonymous(`ip-${email}`).auth.exchange({ token: link.pathname.split('/').pop()! });
      return token;
    };
    const staffToken = await linkFor(w.config.associationEmail);
    expect((await verifyJwt(staffToken, SECRET, w.clock.now()))?.role).toBe('admin');
    const res = await http(w, 'admin.retributionRequests', { method: 'GET', token: staffToken, input: { requestId } });
    expect(res.body.result.data[0].requestId).toBe(requestId);
    // Anyone else's magic link stays a facilitator's.
    const camilleToken = await linkFor(camille.email);
    expect((await verifyJwt(camilleToken, SECRET, w.clock.now()))?.role).toBe('facilitator');
    expect((await http(w, 'admin.retributionRequests', { method: 'GET', token: camilleToken, input: {} })).status).toBe(403);
  });
});
