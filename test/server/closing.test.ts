import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, coordinationRetributions, outbox } from '../../schema/index.ts';
import { renderRow } from '../../server/outbox-drainer.ts';
import { secretFor } from '../../server/services/tokens.ts';
import { appRouter } from '../../server/router.ts';
import { facilitatorIdOf, failure, http, makeWorld, missionFor, people, planWith, SECRET, secretOf, slot, type Person } from './helpers.ts';

const w = await makeWorld();
const { camille, louis, ines, admin } = people;
const plan = (missionId: string, when: { startsAt: string; endsAt: string }, who: Person[] = [], extra: Record<string, unknown> = {}) =>
  planWith(w, missionId, when, who, extra);
const fid = (p: Person) => facilitatorIdOf(w, p);

const close = (missionId: string, by: Person = camille) => w.as(by).missions.close({ missionId });
const closeAudits = (missionId: string) => w.db.query.auditLog.findMany({ where: and(eq(auditLog.missionId, missionId), eq(auditLog.action, 'mission.closed')) });
const closeMails = async (missionId: string) =>
  (await w.db.query.outbox.findMany({ where: eq(outbox.template, 'mission_closed') })).filter((r) => JSON.parse(r.data).missionId === missionId);
const coordination = (missionId: string) => w.db.query.coordinationRetributions.findMany({ where: eq(coordinationRetributions.missionId, missionId) });

async function expectNothingClosed(missionId: string) {
  const m = await w.as(camille).missions.get({ missionId });
  expect(m).toMatchObject({ status: 'open', closedAt: null });
  expect(await closeAudits(missionId)).toEqual([]);
  expect(await closeMails(missionId)).toEqual([]);
  expect(await coordination(missionId)).toEqual([]);
}

describe('missions.close: refusals', () => {
  it('refuses while a planned session has not ended (sessions_not_ended), until its end instant', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    const s = await plan(missionId, slot('2027-03-05'), [], { coordinatorFacilitates: false });
    expect(await w.as(camille).missions.get({ missionId })).toMatchObject({ close: { canClose: false, blockers: ['sessions_not_ended'] } });
    expect(await failure(close(missionId))).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'sessions_not_ended' });
    w.clock.set(Date.parse(slot('2027-03-05').endsAt) - 1);
    expect(await failure(close(missionId))).toMatchObject({ reason: 'sessions_not_ended' });
    await expectNothingClosed(missionId);
    w.clock.set(slot('2027-03-05').endsAt);
    expect((await w.as(camille).sessions.get({ sessionId: s.sessionId })).ended).toBe(true);
    expect(await w.as(camille).missions.get({ missionId })).toMatchObject({ close: { canClose: true, blockers: [] } });
    expect(await close(missionId)).toEqual({ closedAt: new Date(w.clock.now()).toISOString() });
  });

  it('refuses while a paid facilitator of an ended session has no request (retributions_pending)', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    await plan(missionId, slot('2027-03-05'), [louis]);
    w.clock.set('2027-03-10T10:00:00+01:00');
    expect(await w.as(camille).missions.get({ missionId })).toMatchObject({ close: { canClose: false, blockers: ['retributions_pending'] } });
    expect(await failure(close(missionId))).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'retributions_pending' });
    await expectNothingClosed(missionId);
    await w.as(camille).retributions.request({ missionId });
    expect(await w.as(camille).missions.get({ missionId })).toMatchObject({ close: { canClose: true, blockers: [] } });
    await close(missionId);
  });

  it('lists both blockers before the coordinator tries, and says sessions_not_ended first', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    await plan(missionId, slot('2027-03-05'));
    await plan(missionId, slot('2027-03-20'));
    w.clock.set('2027-03-10T10:00:00+01:00');
    const m = await w.as(camille).missions.get({ missionId });
    expect(m.close).toEqual({ canClose: false, blockers: ['sessions_not_ended', 'retributions_pending'], warnings: ['order_not_fulfilled'] });
    expect(await failure(close(missionId))).toMatchObject({ reason: 'sessions_not_ended' });
    // Requesting this month does not unblock the session that has not ended yet, nor its future pay.
    await w.as(camille).retributions.request({ missionId });
    expect((await w.as(camille).missions.get({ missionId })).close).toEqual({ canClose: false, blockers: ['sessions_not_ended'], warnings: ['order_not_fulfilled'] });
    w.clock.set('2027-03-25T10:00:00+01:00');
    expect((await w.as(camille).missions.get({ missionId })).close).toEqual({ canClose: false, blockers: ['retributions_pending'], warnings: ['order_not_fulfilled'] });
    expect(await failure(close(missionId))).toMatchObject({ reason: 'retributions_pending' });
    await expectNothingClosed(missionId);
  });

  it('is not blocked by cancelled sessions nor by unpaid (interne) facilitators', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    const future = await plan(missionId, slot('2027-04-20', '+02:00'), [louis]);
    await w.as(camille).sessions.cancel({ sessionId: future.sessionId });
    const past = await plan(missionId, slot('2027-03-05'), [louis], { coordinatorFacilitates: false });
    await w.as(camille).facilitators.setStatus({ sessionId: past.sessionId, facilitatorId: await fid(louis), status: 'interne' });
    const endedCancelled = await plan(missionId, slot('2027-03-06'), [louis]);
    await w.as(camille).sessions.cancel({ sessionId: endedCancelled.sessionId });
    w.clock.set('2027-03-10T10:00:00+01:00');
    expect((await w.as(camille).missions.get({ missionId })).close).toEqual({ canClose: true, blockers: [], warnings: ['order_not_fulfilled'] });
    expect(await failure(w.as(camille).retributions.request({ missionId }))).toMatchObject({ reason: 'nothing_to_request' });
    await close(missionId);
    expect((await w.as(camille).missions.get({ missionId })).status).toBe('closed');
  });

  it("answers NOT_FOUND to another coordinator (as for a missing mission) and UNAUTHORIZED without a token", async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    const other = await failure(close(missionId, louis));
    expect(other.code).toBe('NOT_FOUND');
    expect(other).toEqual(await failure(close('no-such-mission', louis)));
    expect((await failure(w.anonymous().missions.close({ missionId }))).code).toBe('UNAUTHORIZED');
    const res = await http(w, 'missions.close', { input: { missionId } });
    expect(res.status).toBe(401);
    await expectNothingClosed(missionId);
  });
});

describe('missions.close: success', () => {
  it('closes, records the coordination retribution, audits and tells the association', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    const title = (await w.as(camille).missions.get({ missionId })).title;
    await plan(missionId, slot('2027-03-05'), [louis]);
    await plan(missionId, slot('2027-03-06'), [], { kind: 'formation' });
    w.clock.set('2027-03-10T10:00:00+01:00');
    await w.as(camille).retributions.request({ missionId });
    w.clock.set('2027-03-11T15:30:00+01:00');
    const now = w.clock.now();
    const res = await close(missionId);
    expect(res).toEqual({ closedAt: new Date(now).toISOString() });
    expect(Date.parse(res.closedAt)).toBe(now);
    const m = await w.as(camille).missions.get({ missionId });
    expect(m).toMatchObject({ status: 'closed', closedAt: res.closedAt });
    expect(m.close).toMatchObject({ canClose: false });
    expect(m.close.blockers.length).toBeGreaterThan(0);
    expect(m.retributions).toMatchObject({ canRequest: false });
    expect(await coordination(missionId)).toEqual([{ missionId, facilitatorId: await fid(camille), recordedAt: now, processedAt: null }]);
    const audits = await closeAudits(missionId);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: await fid(camille), at: now, missionId });
    const mails = await closeMails(missionId);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: 'asso@asso.test', template: 'mission_closed' });
    const { subject, text } = await renderRow(w.deps, mails[0]);
    expect(subject).toContain(title);
    expect(text).toContain(title);
    expect(text).toContain('Acme');
    expect(text).toContain(camille.email);
    expect(text).toMatch(/factur/);
    const list = await w.as(camille).missions.list({});
    expect(list.find((x) => x.id === missionId)?.status).toBe('closed');
    expect((await w.as(admin).admin.missions({ status: 'closed' })).map((x) => x.id)).toContain(missionId);
    expect((await w.as(admin).admin.missions({ status: 'open' })).map((x) => x.id)).not.toContain(missionId);
    expect((await w.as(admin).admin.missions({})).map((x) => x.id)).toContain(missionId);
  });

  it('staff may close; the coordination retribution still goes to the coordinator', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    w.clock.set('2027-03-02T10:00:00+01:00');
    await close(missionId, admin);
    expect(await coordination(missionId)).toEqual([{ missionId, facilitatorId: await fid(camille), recordedAt: w.clock.now(), processedAt: null }]);
    expect((await closeAudits(missionId))[0].actorId).toBe(await fid(admin));
  });

  it('5 concurrent closes: exactly one succeeds, the others answer mission_closed', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    await plan(missionId, slot('2027-03-05'), [], { coordinatorFacilitates: false });
    w.clock.set('2027-03-10T10:00:00+01:00');
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => close(missionId)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(r.reason.code).toBe('PRECONDITION_FAILED');
      expect(r.reason.cause?.reason).toBe('mission_closed');
    }
    expect(await coordination(missionId)).toHaveLength(1);
    expect(await closeAudits(missionId)).toHaveLength(1);
    expect(await closeMails(missionId)).toHaveLength(1);
  });
});

describe('after closing, nothing of the mission can change', () => {
  let missionId: string;
  let a: Awaited<ReturnType<typeof plan>>;
  let b: Awaited<ReturnType<typeof plan>>;
  let participantId: string;
  let cancelSecret: string;
  let requestId: string;
  const snapshot = async () => ({
    mission: await w.as(camille).missions.get({ missionId }),
    a: await w.as(camille).sessions.get({ sessionId: a.sessionId }),
    b: await w.as(camille).sessions.get({ sessionId: b.sessionId }),
    tokens: (await w.database.client.execute('SELECT id, revoked_at, used_at FROM tokens ORDER BY id')).rows,
  });
  let before: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    missionId = await missionFor(w);
    a = await plan(missionId, slot('2027-03-05'), [louis], { extraFacilitators: 3 });
    const reg = await w.anonymous().participants.register({ code: secretOf(a.participantSignupUrl), name: 'Pat', email: 'pat@client.test', consent: true });
    participantId = reg.registrationId;
    const mail = (await w.db.query.outbox.findMany({ where: eq(outbox.template, 'registration_confirmation') })).find(
      (r) => JSON.parse(r.data).registrationId === participantId,
    )!;
    cancelSecret = await secretFor(SECRET, JSON.parse(mail.data).cancelTokenId);
    // a future session, cancelled: its links are still live tokens, yet the mission is closed
    b = await plan(missionId, slot('2027-04-20', '+02:00'), [], { extraFacilitators: 2 });
    await w.as(camille).sessions.cancel({ sessionId: b.sessionId });
    w.clock.set('2027-03-10T10:00:00+01:00');
    requestId = (await w.as(camille).retributions.request({ missionId })).requestId;
    await close(missionId);
    w.clock.set('2027-04-15T10:00:00+02:00'); // a new month: a request would otherwise be allowed
    before = await snapshot();
  });

  const louisId = () => fid(louis);
  const when = slot('2027-05-05', '+02:00');
  const newSession = { missionId: '', kind: 'atelier' as const, ...when, location: { mode: 'onsite' as const, address: 'x' }, capacity: 5, extraFacilitators: 0 };
  /**
   * Built from the router like the authorization matrix: every mutation is tried on the closed mission
   * (some in several ways), or listed as exempt with the reason. A new mutation without a row fails the
   * first test, so the lock covers it without anyone remembering.
   */
  const calls: Record<string, [string, () => Promise<unknown>][]> = {
    'sessions.create': [
      ['coordinator', () => w.as(camille).sessions.create({ ...newSession, missionId })],
      ['staff', () => w.as(admin).sessions.create({ ...newSession, missionId })],
    ],
    'sessions.update': [
      ['', () => w.as(camille).sessions.update({ sessionId: a.sessionId, capacity: 20 })],
      ['cancelled session', () => w.as(camille).sessions.update({ sessionId: b.sessionId, ...when })],
    ],
    'sessions.cancel': [['', () => w.as(camille).sessions.cancel({ sessionId: a.sessionId })]],
    'sessions.regenerateLink': [
      ['facilitator', () => w.as(camille).sessions.regenerateLink({ sessionId: a.sessionId, link: 'facilitator' })],
      ['participant', () => w.as(camille).sessions.regenerateLink({ sessionId: a.sessionId, link: 'participant' })],
      ['checkin', () => w.as(camille).sessions.regenerateLink({ sessionId: a.sessionId, link: 'checkin' })],
    ],
    'facilitators.invite': [
      ['', () => w.as(camille).facilitators.invite({ sessionId: a.sessionId, emails: [ines.email] })],
      ['future session', () => w.as(camille).facilitators.invite({ sessionId: b.sessionId, emails: [ines.email] })],
    ],
    'facilitators.join': [
      ['', () => w.as(ines).facilitators.join({ token: secretOf(a.facilitatorInviteUrl) })],
      ['future session', () => w.as(ines).facilitators.join({ token: secretOf(b.facilitatorInviteUrl) })],
    ],
    'facilitators.setStatus': [['', async () => w.as(camille).facilitators.setStatus({ sessionId: a.sessionId, facilitatorId: await louisId(), status: 'interne' })]],
    'facilitators.remove': [['', async () => w.as(camille).facilitators.remove({ sessionId: a.sessionId, facilitatorId: await louisId() })]],
    'facilitators.withdraw': [['', () => w.as(louis).facilitators.withdraw({ sessionId: a.sessionId })]],
    'participants.invite': [['', () => w.as(camille).participants.invite({ sessionId: a.sessionId, emails: ['new@client.test'] })]],
    'participants.register': [
      ['', () => w.anonymous().participants.register({ code: secretOf(a.participantSignupUrl), name: 'New', email: 'new@client.test', consent: true })],
      ['future session', () => w.anonymous().participants.register({ code: secretOf(b.participantSignupUrl), name: 'New', email: 'new@client.test', consent: true })],
    ],
    'participants.cancel': [['', () => w.anonymous().participants.cancel({ cancelToken: cancelSecret })]],
    'participants.remove': [['', () => w.as(camille).participants.remove({ sessionId: a.sessionId, participantId })]],
    'attendance.mark': [['', () => w.as(camille).attendance.mark({ sessionId: a.sessionId, participantIds: [participantId], attendance: 'present' })]],
    'attendance.addWalkIn': [['', () => w.as(louis).attendance.addWalkIn({ sessionId: a.sessionId, name: 'Walk In', email: 'walkin@client.test' })]],
    'attendance.selfCheckIn': [['', () => w.anonymous().attendance.selfCheckIn({ code: secretOf(a.checkInUrl), email: 'pat@client.test' })]],
    'retributions.request': [['', () => w.as(camille).retributions.request({ missionId })]],
    'missions.close': [
      ['coordinator', () => w.as(camille).missions.close({ missionId })],
      ['staff', () => w.as(admin).missions.close({ missionId })],
    ],
    'admin.updateOrder': [['', () => w.as(admin).admin.updateOrder({ missionId, order: [{ kind: 'atelier', quantity: 1 }] })]],
  };
  /** Mutations the lock does not apply to, and why. */
  const exempt: Record<string, string> = {
    'admin.createMission': 'creates a new mission',
    'admin.setFacilitator': "a person's compliance, not a mission's",
    'admin.markInvoiced': 'staff invoicing: only a closed mission is invoiced (mission_not_closed otherwise)',
    'admin.markRequestProcessed': 'staff invoicing: a request already sent is handled after closing',
    'admin.markCoordinationProcessed': 'staff invoicing: the coordination retribution exists only once the mission is closed',
    'admin.erasePerson': 'erasure of a person goes through the association whatever the mission (API.md)',
    'admin.revokeTokens': "a person's sign-in tokens, not a mission's",
    'auth.requestLink': 'signing in',
    'auth.exchange': 'signing in',
    'facilitators.regenerateCalendarFeed': "a person's calendar feed, not a mission's",
    'followUp.send': 'API.md: sending the follow-up stays possible after closing',
    'survey.answer': 'API.md: answering surveys stays possible after closing',
  };

  it('every mutation of the router is tried on the closed mission or exempt with a reason', () => {
    const procedures = (appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string } }> } })._def.procedures;
    const mutations = Object.keys(procedures).filter((p) => procedures[p]._def.type === 'mutation').sort();
    expect([...Object.keys(calls), ...Object.keys(exempt)].sort()).toEqual(mutations);
  });

  it.each(Object.entries(calls).flatMap(([path, ways]) => ways.map(([how, call]) => [how ? `${path} (${how})` : path, call] as const)))(
    '%s answers mission_closed',
    async (_name, call) => {
      expect(await failure(call())).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'mission_closed' });
    },
  );

  it('left everything as it was', async () => {
    expect(await snapshot()).toEqual(before);
    expect(before.a.facilitators.map((f) => f.email).sort()).toEqual([camille.email, louis.email].sort());
    expect(before.a.participants.map((p) => p.email)).toEqual(['pat@client.test']);
    expect(await coordination(missionId)).toHaveLength(1);
    expect(await closeMails(missionId)).toHaveLength(1);
  });

  it('answers mission_closed over HTTP too', async () => {
    const res = await http(w, 'sessions.update', { input: { sessionId: a.sessionId, capacity: 30 }, token: await w.token(camille) });
    expect(res.status).toBe(412);
    expect(res.body.error.data).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'mission_closed', path: 'sessions.update' });
  });

  it('queries still work', async () => {
    const m = await w.as(camille).missions.get({ missionId });
    expect(m).toMatchObject({ id: missionId, status: 'closed', closedAt: expect.any(String) });
    expect(m.sessions.map((s) => s.retributionTag).sort()).toEqual(['none', 'requested']);
    const s = await w.as(camille).sessions.get({ sessionId: a.sessionId });
    expect(s.retributionTag).toBe('requested');
    expect(s.facilitators.map((f) => f.retribution)).toEqual(['requested', 'requested']);
    expect((await w.as(camille).missions.list({})).find((x) => x.id === missionId)?.status).toBe('closed');
    expect((await w.as(louis).facilitators.mySessions({})).map((x) => x.sessionId)).toContain(a.sessionId);
    expect(await w.anonymous().participants.signupInfo({ code: secretOf(a.participantSignupUrl) })).toMatchObject({ open: false });
    expect(await w.anonymous().participants.signupInfo({ code: secretOf(b.participantSignupUrl) })).toMatchObject({ open: false });
    expect(await w.anonymous().facilitators.invitation({ token: secretOf(b.facilitatorInviteUrl) })).toMatchObject({ open: false });
    const csv = await w.app.request(`/export/sessions/${a.sessionId}/participants.csv`, { headers: { authorization: `Bearer ${await w.token(camille)}` } });
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain('pat@client.test');
    expect((await w.as(admin).admin.retributionRequests({})).map((r) => r.requestId)).toContain(requestId);
  });
});

describe('association side: admin.retributionRequests and the CSV export', () => {
  let missionId: string;
  let requestId: string;
  let atelier: string;
  let formation: string;

  beforeAll(async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    missionId = await missionFor(w);
    atelier = (await plan(missionId, slot('2027-03-05'), [louis])).sessionId;
    formation = (await plan(missionId, slot('2027-03-06'), [], { kind: 'formation', coordinatorFacilitates: false, extraFacilitators: 1 })).sessionId;
    await w.as(ines).facilitators.join({ token: secretOf((await w.as(camille).sessions.get({ sessionId: formation })).facilitatorInviteUrl) });
    w.clock.set('2027-03-10T10:00:00+01:00');
    requestId = (await w.as(camille).retributions.request({ missionId })).requestId;
  });

  it('lists each request with its lines for staff', async () => {
    const all = await w.as(admin).admin.retributionRequests({});
    const r = all.find((x) => x.requestId === requestId)!;
    expect(r).toMatchObject({ requestId, missionId, period: '2027-03' });
    expect(Date.parse(r.requestedAt)).toBe(Date.parse('2027-03-10T10:00:00+01:00'));
    const byEmail = Object.fromEntries(r.lines.map((l) => [`${l.sessionId}|${l.email}`, l]));
    expect(r.lines).toHaveLength(3);
    expect(byEmail[`${atelier}|${camille.email}`]).toMatchObject({
      sessionId: atelier,
      facilitatorId: await fid(camille),
      name: camille.name,
      email: camille.email,
      kind: 'atelier',
      endedAt: slot('2027-03-05').endsAt,
    });
    expect(byEmail[`${atelier}|${louis.email}`]).toMatchObject({ facilitatorId: await fid(louis), name: louis.name, kind: 'atelier' });
    expect(byEmail[`${formation}|${ines.email}`]).toMatchObject({
      facilitatorId: await fid(ines),
      name: ines.name,
      kind: 'formation',
      endedAt: slot('2027-03-06').endsAt,
    });
    for (const l of r.lines) expect(Date.parse(l.endedAt)).not.toBeNaN();
  });

  it('is for staff only', async () => {
    expect((await failure(w.as(camille).admin.retributionRequests({}))).code).toBe('FORBIDDEN');
    expect((await failure(w.anonymous().admin.retributionRequests({}))).code).toBe('UNAUTHORIZED');
  });

  const get = async (path: string, token?: string) =>
    w.app.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('exports a request as CSV for staff (facilitator, email, session, kind, date, status)', async () => {
    const res = await get(`/export/retribution-requests/${requestId}.csv`, await w.token(admin));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=".*\.csv"/);
    const text = (await res.text()).replace(/^\ufeff/, '');
    const rows = text.trim().split('\r\n').map((l) => l.split(';'));
    expect(rows[0]).toEqual(expect.arrayContaining(['facilitator', 'email', 'session', 'kind', 'status']));
    expect(rows).toHaveLength(4);
    const col = (name: string) => rows[0].indexOf(name);
    const body = rows.slice(1);
    expect(body.map((r) => r[col('email')]).sort()).toEqual([camille.email, ines.email, louis.email].sort());
    const inesRow = body.find((r) => r[col('email')] === ines.email)!;
    expect(inesRow[col('facilitator')]).toBe(ines.name);
    expect(inesRow[col('session')]).toBe(formation);
    expect(inesRow[col('kind')]).toBe('formation');
    expect(inesRow[col('status')]).toBe('remunere');
    expect(inesRow.join(';')).toContain('2027-03-06');
  });

  it('refuses a facilitator (403), answers 404 for an unknown request, 401 without a token', async () => {
    expect((await get(`/export/retribution-requests/${requestId}.csv`, await w.token(camille))).status).toBe(403);
    expect((await get(`/export/retribution-requests/no-such-request.csv`, await w.token(admin))).status).toBe(404);
    expect((await get(`/export/retribution-requests/${requestId}.csv`)).status).toBe(401);
  });
});
