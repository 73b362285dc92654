import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, outbox, retributionLines, retributionRequests } from '../../schema/index.ts';
import { renderRow } from '../../server/outbox-drainer.ts';
import { facilitatorIdOf, failure, http, makeWorld, missionFor, people, planWith, slot, type Person } from './helpers.ts';

const w = await makeWorld();
const { camille, louis, ines, admin } = people;
/** Plans a session (see planWith) and answers its id. */
const plan = async (missionId: string, when: { startsAt: string; endsAt: string }, who: Person[] = [], extra: Record<string, unknown> = {}) =>
  (await planWith(w, missionId, when, who, extra)).sessionId;
const fid = (p: Person) => facilitatorIdOf(w, p);

const setStatus = async (sessionId: string, p: Person, status: 'remunere' | 'interne' | 'benevole') =>
  w.as(camille).facilitators.setStatus({ sessionId, facilitatorId: await fid(p), status });

const request = (missionId: string, by: Person = camille) => w.as(by).retributions.request({ missionId });

const sortLines = (lines: { sessionId: string; facilitatorId: string }[]) =>
  [...lines].sort((a, b) => `${a.sessionId}|${a.facilitatorId}`.localeCompare(`${b.sessionId}|${b.facilitatorId}`));

async function expected(pairs: [string, Person][]) {
  return sortLines(await Promise.all(pairs.map(async ([sessionId, p]) => ({ sessionId, facilitatorId: await fid(p) }))));
}

const requestsOf = (missionId: string) => w.db.query.retributionRequests.findMany({ where: eq(retributionRequests.missionId, missionId) });
const auditOf = (missionId: string) =>
  w.db.query.auditLog.findMany({ where: and(eq(auditLog.missionId, missionId), eq(auditLog.action, 'retributions.requested')) });
async function mailsOf(missionId: string) {
  const ids = new Set((await requestsOf(missionId)).map((r) => r.id));
  return (await w.db.query.outbox.findMany({ where: eq(outbox.template, 'retribution_request') })).filter((r) => ids.has(JSON.parse(r.data).requestId));
}

describe('retributions.request: what it covers', () => {
  it('covers every remunere facilitator of every ended planned session, once', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    const a = await plan(missionId, slot('2027-03-03'), [louis]);
    const b = await plan(missionId, slot('2027-03-04'), [ines, louis], { kind: 'formation' });
    w.clock.set('2027-03-10T10:00:00+01:00');
    const res = await request(missionId);
    expect(res).toEqual({ requestId: expect.any(String), period: '2027-03', lines: expect.any(Array) });
    expect(sortLines(res.lines)).toEqual(
      await expected([
        [a, camille],
        [a, louis],
        [b, camille],
        [b, ines],
        [b, louis],
      ]),
    );
    const [row] = await requestsOf(missionId);
    expect(row).toMatchObject({ id: res.requestId, period: '2027-03', requestedAt: w.clock.now(), requestedBy: await fid(camille) });
    const stored = await w.db.query.retributionLines.findMany({ where: eq(retributionLines.requestId, res.requestId) });
    expect(sortLines(stored.map(({ sessionId, facilitatorId }) => ({ sessionId, facilitatorId })))).toEqual(sortLines(res.lines));
    // Nothing left: next month there is nothing to request.
    w.clock.set('2027-04-02T10:00:00+02:00');
    expect(await failure(request(missionId))).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'nothing_to_request' });
  });

  it('never requests interne or benevole facilitators (benevole on an enseignement mission)', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w, camille, 'enseignement');
    const s = await plan(missionId, slot('2027-03-03'), [louis, ines]);
    await setStatus(s, louis, 'interne');
    await setStatus(s, ines, 'benevole');
    const onlyUnpaid = await plan(missionId, slot('2027-03-04'), [louis], { coordinatorFacilitates: false });
    await setStatus(onlyUnpaid, louis, 'interne');
    w.clock.set('2027-03-10T10:00:00+01:00');
    const res = await request(missionId);
    expect(res.lines).toEqual(await expected([[s, camille]]));
    const mine = await w.as(camille).sessions.get({ sessionId: s });
    expect(Object.fromEntries(mine.facilitators.map((f) => [f.email, [f.status, f.retribution]]))).toEqual({
      [camille.email]: ['remunere', 'requested'],
      [louis.email]: ['interne', 'not_applicable'],
      [ines.email]: ['benevole', 'not_applicable'],
    });
    expect((await w.as(camille).sessions.get({ sessionId: onlyUnpaid })).retributionTag).toBe('none');
    w.clock.set('2027-04-10T10:00:00+02:00');
    expect(await failure(request(missionId))).toMatchObject({ reason: 'nothing_to_request' });
  });

  it('refuses benevole outside enseignement, so no benevole can be paid by mistake there', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    const s = await plan(missionId, slot('2027-03-03'), [louis]);
    expect(await failure(setStatus(s, louis, 'benevole'))).toMatchObject({ code: 'BAD_REQUEST', reason: 'benevole_requires_enseignement' });
  });

  it('leaves out cancelled sessions', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    const kept = await plan(missionId, slot('2027-03-03'), [louis]);
    const cancelled = await plan(missionId, slot('2027-03-04'), [ines]);
    await w.as(camille).sessions.cancel({ sessionId: cancelled });
    w.clock.set('2027-03-10T10:00:00+01:00');
    const res = await request(missionId);
    expect(sortLines(res.lines)).toEqual(
      await expected([
        [kept, camille],
        [kept, louis],
      ]),
    );
    // A mission whose only ended session was cancelled has nothing to request.
    w.clock.set('2027-03-01T10:00:00+01:00');
    const other = await missionFor(w);
    const gone = await plan(other, slot('2027-03-03'), [louis]);
    await w.as(camille).sessions.cancel({ sessionId: gone });
    w.clock.set('2027-03-10T10:00:00+01:00');
    expect(await failure(request(other))).toMatchObject({ reason: 'nothing_to_request' });
  });

  it('leaves out sessions not yet ended, and includes them the month after they end', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    const march = await plan(missionId, slot('2027-03-05'), [louis]);
    const april = await plan(missionId, slot('2027-04-05', '+02:00'), [ines]);
    w.clock.set('2027-03-20T10:00:00+01:00');
    const first = await request(missionId);
    expect(sortLines(first.lines)).toEqual(
      await expected([
        [march, camille],
        [march, louis],
      ]),
    );
    // In April, before the April session ends: nothing to request, and that refusal does not use up April.
    w.clock.set(Date.parse('2027-04-05T12:00:00+02:00') - 1);
    expect(await failure(request(missionId))).toMatchObject({ reason: 'nothing_to_request' });
    expect((await w.as(camille).missions.get({ missionId })).sessions.find((s) => s.id === april)?.ended).toBe(false);
    // At the end instant it has ended and is requested.
    w.clock.set('2027-04-05T12:00:00+02:00');
    expect((await w.as(camille).missions.get({ missionId })).sessions.find((s) => s.id === april)?.ended).toBe(true);
    const second = await request(missionId);
    expect(second.period).toBe('2027-04');
    expect(sortLines(second.lines)).toEqual(
      await expected([
        [april, camille],
        [april, ines],
      ]),
    );
  });

  it('requests next month a facilitator switched to remunere after the first request, never a line twice', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    const s = await plan(missionId, slot('2027-03-03'), [louis]);
    await setStatus(s, louis, 'interne');
    w.clock.set('2027-03-10T10:00:00+01:00');
    expect((await request(missionId)).lines).toEqual(await expected([[s, camille]]));
    await setStatus(s, louis, 'remunere');
    const get = await w.as(camille).sessions.get({ sessionId: s });
    expect(get.retributionTag).toBe('to_request');
    expect(get.facilitators.find((f) => f.email === louis.email)?.retribution).toBe('not_requested');
    // A requested line cannot be changed to unpaid or removed afterwards.
    expect(await failure(setStatus(s, camille, 'interne'))).toMatchObject({ code: 'PRECONDITION_FAILED' });
    w.clock.set('2027-04-01T00:00:00+02:00');
    expect((await request(missionId)).lines).toEqual(await expected([[s, louis]]));
    expect((await w.as(camille).sessions.get({ sessionId: s })).retributionTag).toBe('requested');
  });

  it('answers nothing_to_request for a mission without sessions or with only future sessions', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const empty = await missionFor(w);
    expect(await failure(request(empty))).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'nothing_to_request' });
    const future = await missionFor(w);
    await plan(future, slot('2027-03-20'), [louis]);
    expect(await failure(request(future))).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'nothing_to_request' });
    expect(await requestsOf(future)).toEqual([]);
    expect(await auditOf(future)).toEqual([]);
  });
});

describe('retributions.request: once per Paris calendar month', () => {
  it('refuses a second request in the same month with nextAllowedAt, even with new sessions ended since', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    await plan(missionId, slot('2027-03-03'));
    const later = await plan(missionId, slot('2027-03-20'), [louis]);
    w.clock.set('2027-03-10T10:00:00+01:00');
    await request(missionId);
    w.clock.set('2027-03-25T10:00:00+01:00');
    const err = await failure(request(missionId));
    expect(err).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'retributions_already_requested_this_month' });
    expect(err.data).toEqual({ nextAllowedAt: '2027-04-01T00:00:00+02:00' });
    expect((await w.as(camille).sessions.get({ sessionId: later })).retributionTag).toBe('to_request');
    expect(await requestsOf(missionId)).toHaveLength(1);
  });

  // [label, a day of the first month (for past sessions), a later day, last instant of the month, first instant of the next]
  const boundaries: [string, string, string, string, string][] = [
    ['winter (January → February)', '2027-01-05', '2027-01-20', '2027-01-31T23:59:59.999+01:00', '2027-02-01T00:00:00+01:00'],
    ['summer (June → July)', '2027-06-05', '2027-06-20', '2027-06-30T23:59:59.999+02:00', '2027-07-01T00:00:00+02:00'],
    ['after the spring DST switch (March → April)', '2027-03-05', '2027-03-29', '2027-03-31T23:59:59.999+02:00', '2027-04-01T00:00:00+02:00'],
    ['over the autumn DST switch (October → November)', '2027-10-05', '2027-10-30', '2027-10-31T23:59:59.999+01:00', '2027-11-01T00:00:00+01:00'],
    ['year change (December → January)', '2027-12-05', '2027-12-20', '2027-12-31T23:59:59.999+01:00', '2028-01-01T00:00:00+01:00'],
  ];

  it.each(boundaries)('%s: allowed again at the first instant of the next Paris month, not one millisecond before', async (_l, d1, d2, last, first) => {
    const offset = last.slice(-6);
    w.clock.set(`${d1}T08:00:00${offset}`);
    const missionId = await missionFor(w);
    await plan(missionId, slot(d1, offset));
    w.clock.set(`${d1}T18:00:00${offset}`);
    const month = (await request(missionId)).period;
    expect(month).toBe(d1.slice(0, 7));
    w.clock.set(`${d2}T08:00:00${offset}`);
    const s2 = await plan(missionId, slot(d2, offset));
    w.clock.set(Date.parse(last));
    expect(Date.parse(first) - w.clock.now()).toBe(1);
    const err = await failure(request(missionId));
    expect(err).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'retributions_already_requested_this_month' });
    expect(err.data?.nextAllowedAt).toBe(first);
    const dash = await w.as(camille).missions.get({ missionId });
    expect(dash.retributions).toMatchObject({ canRequest: false, nextAllowedAt: first });
    w.clock.set(first);
    expect((await w.as(camille).missions.get({ missionId })).retributions).toMatchObject({ canRequest: true, nextAllowedAt: null });
    const next = await request(missionId);
    expect(next.period).toBe(first.slice(0, 7));
    expect(next.lines).toEqual(await expected([[s2, camille]]));
  });

  it('answers over HTTP with error.data.reason and nextAllowedAt, and no stack', async () => {
    w.clock.set('2027-06-01T10:00:00+02:00');
    const missionId = await missionFor(w);
    await plan(missionId, slot('2027-06-02', '+02:00'), [louis]);
    w.clock.set('2027-06-10T10:00:00+02:00');
    const token = await w.token(camille);
    const ok = await http(w, 'retributions.request', { input: { missionId }, token });
    expect(ok.status).toBe(200);
    expect(ok.body.result.data).toMatchObject({ requestId: expect.any(String), period: '2027-06' });
    expect(ok.body.result.data.lines).toHaveLength(2);
    const again = await http(w, 'retributions.request', { input: { missionId }, token });
    expect(again.status).toBe(412);
    expect(again.body.error.data).toMatchObject({
      code: 'PRECONDITION_FAILED',
      httpStatus: 412,
      path: 'retributions.request',
      reason: 'retributions_already_requested_this_month',
      nextAllowedAt: '2027-07-01T00:00:00+02:00',
    });
    expect(JSON.stringify(again.body)).not.toMatch(/stack|at .*\.ts:\d+|SQLITE/i);
    const nothing = await http(w, 'retributions.request', { input: { missionId: await missionFor(w) }, token });
    expect(nothing.status).toBe(412);
    expect(nothing.body.error.data.reason).toBe('nothing_to_request');
    const anonymous = await http(w, 'retributions.request', { input: { missionId } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.data).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('10 concurrent requests: exactly one succeeds, the others are told it was already done', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    await plan(missionId, slot('2027-03-03'), [louis, ines]);
    w.clock.set('2027-03-10T10:00:00+01:00');
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => request(missionId)));
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(r.reason.code).toBe('PRECONDITION_FAILED');
      expect(r.reason.cause?.reason).toBe('retributions_already_requested_this_month');
    }
    expect(await requestsOf(missionId)).toHaveLength(1);
    expect(await auditOf(missionId)).toHaveLength(1);
    expect(await mailsOf(missionId)).toHaveLength(1);
    const lines = await w.db.query.retributionLines.findMany({ where: eq(retributionLines.requestId, (ok[0] as PromiseFulfilledResult<{ requestId: string }>).value.requestId) });
    expect(lines).toHaveLength(3);
  });
});

describe('retributions.request: authorization', () => {
  it("answers NOT_FOUND to another coordinator (as for a missing mission) and UNAUTHORIZED without a token; staff may request", async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    await plan(missionId, slot('2027-03-03'));
    w.clock.set('2027-03-10T10:00:00+01:00');
    const other = await failure(request(missionId, louis));
    expect(other.code).toBe('NOT_FOUND');
    expect(other).toEqual(await failure(request('no-such-mission', louis)));
    expect((await failure(w.anonymous().retributions.request({ missionId }))).code).toBe('UNAUTHORIZED');
    expect(await requestsOf(missionId)).toEqual([]);
    const res = await request(missionId, admin);
    expect(res.lines).toHaveLength(1);
    expect((await requestsOf(missionId))[0].requestedBy).toBe(await fid(admin));
  });
});

describe('retributions.request: audit and email', () => {
  it('appends an audit row per request', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    const s = await plan(missionId, slot('2027-03-03'), [louis]);
    w.clock.set('2027-03-10T10:00:00+01:00');
    const res = await request(missionId);
    const rows = await auditOf(missionId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: await fid(camille), at: w.clock.now(), missionId, action: 'retributions.requested' });
    const detail = JSON.parse(rows[0].detail);
    expect(detail).toMatchObject({ requestId: res.requestId, period: '2027-03' });
    expect(sortLines(detail.lines)).toEqual(
      await expected([
        [s, camille],
        [s, louis],
      ]),
    );
    // a refused request writes no audit row
    await failure(request(missionId));
    expect(await auditOf(missionId)).toHaveLength(1);
  });

  it('writes the request, its audit row and its email in one transaction (any failing part leaves nothing)', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    await plan(missionId, slot('2027-03-03'), [louis]);
    w.clock.set('2027-03-10T10:00:00+01:00');
    const lines = async () => (await w.database.client.execute({ sql: 'SELECT count(*) AS n FROM retribution_lines rl JOIN sessions s ON s.id = rl.session_id WHERE s.mission_id = ?', args: [missionId] })).rows[0].n;
    for (const [name, table] of [
      ['test_fail_outbox', 'outbox'],
      ['test_fail_audit', 'audit_log'],
    ]) {
      await w.database.client.execute(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, 'boom'); END`);
      try {
        const err = await failure(request(missionId));
        expect(err.code).toBe('INTERNAL_SERVER_ERROR');
      } finally {
        await w.database.client.execute(`DROP TRIGGER ${name}`);
      }
      expect(await requestsOf(missionId)).toEqual([]);
      expect(Number(await lines())).toBe(0);
      expect(await auditOf(missionId)).toEqual([]);
      expect(await mailsOf(missionId)).toEqual([]);
    }
    await request(missionId);
    expect(await auditOf(missionId)).toHaveLength(1);
    expect(await mailsOf(missionId)).toHaveLength(1);
  });

  it('the audit log refuses UPDATE and DELETE', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    await plan(missionId, slot('2027-03-03'));
    w.clock.set('2027-03-10T10:00:00+01:00');
    await request(missionId);
    const [row] = await auditOf(missionId);
    await expect(w.database.client.execute({ sql: "UPDATE audit_log SET action = 'x' WHERE id = ?", args: [row.id] })).rejects.toThrow(/append-only/);
    await expect(w.database.client.execute({ sql: 'UPDATE audit_log SET detail = ?', args: ['{}'] })).rejects.toThrow();
    await expect(w.database.client.execute({ sql: 'DELETE FROM audit_log WHERE id = ?', args: [row.id] })).rejects.toThrow(/append-only/);
    await expect(w.database.client.execute('DELETE FROM audit_log')).rejects.toThrow();
    expect(await auditOf(missionId)).toEqual([row]);
  });

  it('emails the association (FRESK_ASSOCIATION_EMAIL) the request, listing each facilitator to pay', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w, camille, 'enseignement');
    const s = await plan(missionId, slot('2027-03-03'), [louis, ines]);
    await setStatus(s, ines, 'benevole');
    await plan(missionId, slot('2027-03-04'), [], { kind: 'formation' });
    w.clock.set('2027-03-10T10:00:00+01:00');
    const res = await request(missionId);
    const mails = await mailsOf(missionId);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: 'asso@asso.test', template: 'retribution_request', status: 'pending' });
    expect(w.config.associationEmail).toBe('asso@asso.test');
    const { subject, text, html } = await renderRow(w.deps, mails[0]);
    expect(subject).toContain('2027-03');
    const listed = text.split('\n').filter((l) => l.startsWith('- '));
    expect(listed).toHaveLength(3);
    for (const p of [camille, louis]) {
      expect(text).toContain(p.name);
      expect(text).toContain(p.email);
    }
    expect(listed.filter((l) => l.includes(camille.email))).toHaveLength(2);
    expect(text).not.toContain(ines.email);
    expect(text).toContain(`/desk/requests/${res.requestId}`);
    expect(html).toContain(louis.email);
    // no usable secret travels in the stored data
    expect(mails[0].data).not.toMatch(/join\/|signup\//);
  });
});

describe('tags: retributionTag per session, retribution per facilitator, and the dashboard', () => {
  it('follows a session from planned to requested in missions.get and sessions.get', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    const s = await plan(missionId, slot('2027-03-03'), [louis, ines]);
    await setStatus(s, ines, 'interne');
    const state = async () => {
      const [m, one] = await Promise.all([w.as(camille).missions.get({ missionId }), w.as(camille).sessions.get({ sessionId: s })]);
      const row = m.sessions.find((x) => x.id === s)!;
      expect(row.retributionTag).toBe(one.retributionTag);
      expect(row.ended).toBe(one.ended);
      return {
        tag: one.retributionTag,
        ended: one.ended,
        facilitators: Object.fromEntries(one.facilitators.map((f) => [f.email, f.retribution])),
        retributions: m.retributions,
      };
    };
    // before the end
    expect(await state()).toMatchObject({
      tag: 'none',
      ended: false,
      facilitators: { [camille.email]: 'not_requested', [louis.email]: 'not_requested', [ines.email]: 'not_applicable' },
      retributions: { canRequest: false, nextAllowedAt: null, pending: [] },
    });
    // one millisecond before the end, still none; at the end, to_request
    w.clock.set(Date.parse('2027-03-03T12:00:00+01:00') - 1);
    expect((await state()).tag).toBe('none');
    w.clock.set('2027-03-03T12:00:00+01:00');
    expect(await state()).toMatchObject({
      tag: 'to_request',
      ended: true,
      facilitators: { [camille.email]: 'not_requested', [louis.email]: 'not_requested', [ines.email]: 'not_applicable' },
      retributions: { canRequest: true, nextAllowedAt: null, pending: [{ sessionId: s, facilitators: 2 }] },
    });
    await request(missionId);
    expect(await state()).toMatchObject({
      tag: 'requested',
      facilitators: { [camille.email]: 'requested', [louis.email]: 'requested', [ines.email]: 'not_applicable' },
      retributions: { canRequest: false, nextAllowedAt: '2027-04-01T00:00:00+02:00', pending: [] },
    });
    // next month: nothing pending, so nothing to request, and no waiting either
    w.clock.set('2027-04-01T00:00:00+02:00');
    expect(await state()).toMatchObject({ tag: 'requested', retributions: { canRequest: false, nextAllowedAt: null, pending: [] } });
  });

  it('says none when there is nothing to pay or the session was cancelled', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    const unpaid = await plan(missionId, slot('2027-03-03'), [louis], { coordinatorFacilitates: false });
    await setStatus(unpaid, louis, 'interne');
    const nobody = await plan(missionId, slot('2027-03-03'), [], { coordinatorFacilitates: false });
    const cancelled = await plan(missionId, slot('2027-03-03'), [louis]);
    await w.as(camille).sessions.cancel({ sessionId: cancelled });
    const paid = await plan(missionId, slot('2027-03-03'));
    w.clock.set('2027-03-10T10:00:00+01:00');
    const m = await w.as(camille).missions.get({ missionId });
    const tags = Object.fromEntries(m.sessions.map((s) => [s.id, s.retributionTag]));
    expect(tags).toEqual({ [unpaid]: 'none', [nobody]: 'none', [cancelled]: 'none', [paid]: 'to_request' });
    for (const sessionId of [unpaid, nobody, cancelled]) expect((await w.as(camille).sessions.get({ sessionId })).retributionTag).toBe('none');
    expect(m.retributions).toMatchObject({ canRequest: true, pending: [{ sessionId: paid, facilitators: 1 }] });
  });

  it('shows a session partly requested as to_request, and what the next request would include', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    const first = await plan(missionId, slot('2027-03-03'));
    const second = await plan(missionId, slot('2027-03-20'), [louis]);
    w.clock.set('2027-03-10T10:00:00+01:00');
    await request(missionId);
    w.clock.set('2027-03-25T10:00:00+01:00');
    const m = await w.as(camille).missions.get({ missionId });
    expect(Object.fromEntries(m.sessions.map((s) => [s.id, s.retributionTag]))).toEqual({ [first]: 'requested', [second]: 'to_request' });
    expect(m.retributions).toMatchObject({ canRequest: false, nextAllowedAt: '2027-04-01T00:00:00+02:00', pending: [{ sessionId: second, facilitators: 2 }] });
    w.clock.set('2027-04-01T00:00:00+02:00');
    expect((await w.as(camille).missions.get({ missionId })).retributions).toMatchObject({ canRequest: true, nextAllowedAt: null });
  });
});
