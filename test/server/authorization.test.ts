/**
 * The authorization matrix: every procedure of the router × every kind of caller, with the expected
 * outcome of each cell. A new procedure without a row fails the first test.
 */
import { describe, expect, it } from 'vitest';
import { appRouter } from '../../server/router.ts';
import { renderRow } from '../../server/outbox-drainer.ts';
import { desc } from 'drizzle-orm';
import { outbox } from '../../schema/index.ts';
import { makeWorld, missionFor, NOW, people, secretOf, sessionInput } from './helpers.ts';

const w = await makeWorld();

/** A closed mission with a retribution request and a coordination retribution, for the desk's money actions. */
const settled = await (async () => {
  const missionId = await missionFor(w, people.camille);
  await w.as(people.camille).sessions.create(sessionInput(missionId, 2));
  w.clock.set('2027-03-05T10:00:00+01:00');
  const { requestId } = await w.as(people.camille).retributions.request({ missionId });
  await w.as(people.camille).missions.close({ missionId });
  w.clock.set(NOW);
  return { missionId, requestId };
})();

type Caller = 'none' | 'badToken' | 'participant' | 'facilitator' | 'onSession' | 'otherCoordinator' | 'coordinator' | 'admin';
const callers: Caller[] = ['none', 'badToken', 'participant', 'facilitator', 'onSession', 'otherCoordinator', 'coordinator', 'admin'];
/** `ok`: the call passes authorization (it may still meet a business rule, e.g. `already_registered`). */
type Outcome = 'ok' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';

const facilitator = { sub: 'p-free', email: 'free@fresk.test', name: 'Free', role: 'facilitator' as const, of: true };
const onSession = { sub: 'p-on', email: 'on@fresk.test', name: 'On', role: 'facilitator' as const, of: true };
const admin = { ...people.admin, of: true };

/** A fresh mission with one future session, one past session, a joined facilitator and a participant. */
async function fixture() {
  const missionId = await missionFor(w, people.camille);
  const s = await w.as(people.camille).sessions.create(sessionInput(missionId, 10));
  await w.as(onSession).facilitators.join({ token: secretOf(s.facilitatorInviteUrl) });
  const reg = await w.anonymous().participants.register({ code: secretOf(s.participantSignupUrl), name: 'Pat', email: `pat-${Math.random()}@x.test`, consent: true });
  const rows = await w.db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(5);
  const confirmation = rows.find((r) => r.template === 'registration_confirmation' && JSON.parse(r.data).registrationId === reg.registrationId)!;
  const cancelToken = (await renderRow(w.deps, confirmation)).text.match(/\/cancel\/([A-Za-z0-9_-]+)/)![1];
  await w.as(people.camille).participants.invite({ sessionId: s.sessionId, emails: ['guest@x.test'] });
  w.clock.advance(16 * 60_000); // the magic-link limit is 5 per address per 15 minutes
  await w.anonymous().auth.requestLink({ email: people.camille.email });
  const all = await w.db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(5);
  const magic = all.find((r) => r.template === 'magic_link')!;
  const magicSecret = (await renderRow(w.deps, magic)).text.match(/\/auth\/([A-Za-z0-9_-]+)/)![1];
  const facilitatorId = (await w.as(people.camille).sessions.get({ sessionId: s.sessionId })).facilitators.find((f) => f.email === onSession.email)!.facilitatorId;
  return { missionId, sessionId: s.sessionId, checkIn: secretOf(s.checkInUrl), code: secretOf(s.participantSignupUrl), link: secretOf(s.facilitatorInviteUrl), cancelToken, magicSecret, facilitatorId, participantId: reg.registrationId };
}
type Fx = Awaited<ReturnType<typeof fixture>>;

const C: Record<Caller, Outcome> = {
  none: 'UNAUTHORIZED',
  badToken: 'UNAUTHORIZED',
  participant: 'UNAUTHORIZED',
  facilitator: 'NOT_FOUND',
  onSession: 'NOT_FOUND',
  otherCoordinator: 'NOT_FOUND',
  coordinator: 'ok',
  admin: 'ok',
};
const A: Record<Caller, Outcome> = { ...C, facilitator: 'FORBIDDEN', onSession: 'FORBIDDEN', otherCoordinator: 'FORBIDDEN', coordinator: 'FORBIDDEN' };
const F: Record<Caller, Outcome> = { ...C, facilitator: 'ok', onSession: 'ok', otherCoordinator: 'ok' };
const S: Record<Caller, Outcome> = { ...C, onSession: 'ok' };
const P: Record<Caller, Outcome> = Object.fromEntries(callers.map((c) => [c, 'ok'])) as Record<Caller, Outcome>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Api = any;
const matrix: Record<string, { expect: Record<Caller, Outcome>; call: (api: Api, fx: Fx) => Promise<unknown>; missing?: (api: Api) => Promise<unknown> }> = {
  'admin.createMission': { expect: A, call: (api) => api.admin.createMission({ title: 'T', organization: { name: 'O', sector: 'entreprise' }, coordinator: { email: 'c@x.test' }, order: [] }) },
  'admin.setFacilitator': { expect: A, call: (api) => api.admin.setFacilitator({ email: 'someone@x.test', ofCompliant: true }) },
  'admin.missions': { expect: A, call: (api) => api.admin.missions({}) },
  'admin.exportPerson': { expect: A, call: (api) => api.admin.exportPerson({ email: 'pat@x.test' }) },
  'admin.erasePerson': { expect: A, call: (api) => api.admin.erasePerson({ email: 'nobody@x.test' }) },
  'admin.revokeTokens': {
    expect: A,
    call: async (api) => {
      await w.as(admin).admin.setFacilitator({ email: 'revoked@x.test', ofCompliant: true });
      return api.admin.revokeTokens({ email: 'revoked@x.test' });
    },
  },
  'admin.retributionRequests': { expect: A, call: (api) => api.admin.retributionRequests({}) },
  'admin.updateOrder': { expect: A, call: (api, fx) => api.admin.updateOrder({ missionId: fx.missionId, order: [{ kind: 'atelier', quantity: 3 }] }) },
  'admin.facilitators': { expect: A, call: (api) => api.admin.facilitators({ query: 'free' }) },
  'admin.markRequestProcessed': { expect: A, call: (api) => api.admin.markRequestProcessed({ requestId: settled.requestId }) },
  'admin.markInvoiced': { expect: A, call: (api, fx) => api.admin.markInvoiced({ missionId: fx.missionId }) },
  'admin.coordinationRetributions': { expect: A, call: (api) => api.admin.coordinationRetributions({}) },
  'admin.markCoordinationProcessed': { expect: A, call: (api) => api.admin.markCoordinationProcessed({ missionId: settled.missionId }) },
  'admin.activity': { expect: A, call: (api) => api.admin.activity({ from: '2027-01-01T00:00:00+01:00', to: '2028-01-01T00:00:00+01:00' }) },
  'missions.list': { expect: F, call: (api) => api.missions.list({}) },
  'missions.get': { expect: C, call: (api, fx) => api.missions.get({ missionId: fx.missionId }), missing: (api) => api.missions.get({ missionId: 'missing' }) },
  'missions.close': { expect: C, call: (api, fx) => api.missions.close({ missionId: fx.missionId }), missing: (api) => api.missions.close({ missionId: 'missing' }) },
  'sessions.create': { expect: C, call: (api, fx) => api.sessions.create(sessionInput(fx.missionId)), missing: (api) => api.sessions.create(sessionInput('missing')) },
  'sessions.update': { expect: C, call: (api, fx) => api.sessions.update({ sessionId: fx.sessionId, capacity: 20 }), missing: (api) => api.sessions.update({ sessionId: 'missing', capacity: 20 }) },
  'sessions.cancel': { expect: C, call: (api, fx) => api.sessions.cancel({ sessionId: fx.sessionId }), missing: (api) => api.sessions.cancel({ sessionId: 'missing' }) },
  'sessions.get': { expect: C, call: (api, fx) => api.sessions.get({ sessionId: fx.sessionId }), missing: (api) => api.sessions.get({ sessionId: 'missing' }) },
  'sessions.regenerateLink': {
    expect: C,
    call: (api, fx) => api.sessions.regenerateLink({ sessionId: fx.sessionId, link: 'facilitator' }),
    missing: (api) => api.sessions.regenerateLink({ sessionId: 'missing', link: 'facilitator' }),
  },
  'facilitators.invite': { expect: C, call: (api, fx) => api.facilitators.invite({ sessionId: fx.sessionId, emails: ['x@y.test'] }), missing: (api) => api.facilitators.invite({ sessionId: 'missing', emails: ['x@y.test'] }) },
  'facilitators.invitation': { expect: P, call: (api, fx) => api.facilitators.invitation({ token: fx.link }) },
  'facilitators.join': { expect: F, call: (api, fx) => api.facilitators.join({ token: fx.link }) },
  'facilitators.setStatus': {
    expect: C,
    call: (api, fx) => api.facilitators.setStatus({ sessionId: fx.sessionId, facilitatorId: fx.facilitatorId, status: 'interne' }),
    missing: (api) => api.facilitators.setStatus({ sessionId: 'missing', facilitatorId: 'x', status: 'interne' }),
  },
  'facilitators.remove': {
    expect: C,
    call: (api, fx) => api.facilitators.remove({ sessionId: fx.sessionId, facilitatorId: fx.facilitatorId }),
    missing: (api) => api.facilitators.remove({ sessionId: 'missing', facilitatorId: 'x' }),
  },
  'facilitators.mySessions': { expect: F, call: (api) => api.facilitators.mySessions({}) },
  'facilitators.withdraw': {
    // Only someone registered on the session can leave it; anyone else meets NOT_FOUND, as for a missing session.
    expect: { ...F, facilitator: 'NOT_FOUND', otherCoordinator: 'NOT_FOUND', admin: 'NOT_FOUND' },
    call: (api, fx) => api.facilitators.withdraw({ sessionId: fx.sessionId }),
    missing: (api) => api.facilitators.withdraw({ sessionId: 'missing' }),
  },
  'facilitators.calendarFeed': { expect: F, call: (api) => api.facilitators.calendarFeed({}) },
  'facilitators.regenerateCalendarFeed': { expect: F, call: (api) => api.facilitators.regenerateCalendarFeed({}) },
  'participants.invite': { expect: C, call: (api, fx) => api.participants.invite({ sessionId: fx.sessionId, emails: ['x@y.test'] }), missing: (api) => api.participants.invite({ sessionId: 'missing', emails: ['x@y.test'] }) },
  'participants.signupInfo': { expect: P, call: (api, fx) => api.participants.signupInfo({ code: fx.code }) },
  'participants.register': { expect: P, call: (api, fx) => api.participants.register({ code: fx.code, name: 'N', email: 'n@x.test', consent: true }) },
  'participants.cancel': { expect: P, call: (api, fx) => api.participants.cancel({ cancelToken: fx.cancelToken }) },
  'participants.remove': {
    expect: C,
    call: (api, fx) => api.participants.remove({ sessionId: fx.sessionId, participantId: fx.participantId }),
    missing: (api) => api.participants.remove({ sessionId: 'missing', participantId: 'x' }),
  },
  'retributions.request': { expect: C, call: (api, fx) => api.retributions.request({ missionId: fx.missionId }), missing: (api) => api.retributions.request({ missionId: 'missing' }) },
  'auth.requestLink': { expect: P, call: (api) => api.auth.requestLink({ email: 'someone@x.test' }) },
  'auth.exchange': { expect: P, call: (api, fx) => api.auth.exchange({ token: fx.magicSecret }) },
  'attendance.get': { expect: S, call: (api, fx) => api.attendance.get({ sessionId: fx.sessionId }), missing: (api) => api.attendance.get({ sessionId: 'missing' }) },
  'attendance.mark': {
    expect: S,
    call: (api, fx) => api.attendance.mark({ sessionId: fx.sessionId, participantIds: [fx.participantId], attendance: 'present' }),
    missing: (api) => api.attendance.mark({ sessionId: 'missing', participantIds: ['x'], attendance: 'present' }),
  },
  'attendance.addWalkIn': {
    expect: S,
    call: (api, fx) => api.attendance.addWalkIn({ sessionId: fx.sessionId, name: 'Walk In', email: 'walk@x.test' }),
    missing: (api) => api.attendance.addWalkIn({ sessionId: 'missing', name: 'Walk In', email: 'walk@x.test' }),
  },
  'attendance.checkInInfo': { expect: P, call: (api, fx) => api.attendance.checkInInfo({ code: fx.checkIn }) },
  'attendance.selfCheckIn': { expect: P, call: (api, fx) => api.attendance.selfCheckIn({ code: fx.checkIn, email: 'self@x.test', name: 'Self', consent: true }) },
  'followUp.send': { expect: S, call: (api, fx) => api.followUp.send({ sessionId: fx.sessionId }), missing: (api) => api.followUp.send({ sessionId: 'missing' }) },
  'followUp.results': { expect: C, call: (api, fx) => api.followUp.results({ missionId: fx.missionId }), missing: (api) => api.followUp.results({ missionId: 'missing' }) },
  'survey.get': { expect: P, call: (api) => api.survey.get({ token: 'A'.repeat(32) }) },
  'survey.answer': { expect: P, call: (api) => api.survey.answer({ token: 'A'.repeat(32), answers: { overall: 5, content: 5, facilitation: 5, recommend: 10 } }) },
};

function callerApi(c: Caller): Api {
  switch (c) {
    case 'none':
    case 'participant': // participants never hold a JWT: they act through codes and tokens
      return w.anonymous(`ip-${Math.random()}`);
    case 'badToken':
      // A bad token verifies to no claims (server/auth.ts); the HTTP test below sends real bad tokens.
      return w.anonymous(`ip-${Math.random()}`);
    case 'facilitator':
      return w.as(facilitator);
    case 'onSession':
      return w.as(onSession);
    case 'otherCoordinator':
      return w.as(people.louis);
    case 'coordinator':
      return w.as(people.camille);
    case 'admin':
      return w.as(admin);
  }
}

async function outcome(p: Promise<unknown>): Promise<{ outcome: Outcome | string; error?: unknown }> {
  try {
    await p;
    return { outcome: 'ok' };
  } catch (e) {
    const code = (e as { code: string }).code;
    if (code === 'UNAUTHORIZED' || code === 'FORBIDDEN' || code === 'NOT_FOUND') {
      // invalid_token is a business answer of public procedures, not an authorization refusal
      if ((e as { cause?: { reason?: string } }).cause?.reason === 'invalid_token') return { outcome: 'ok', error: e };
      return { outcome: code, error: e };
    }
    return { outcome: 'ok', error: e };
  }
}

describe('authorization matrix', () => {
  it('has a row for every procedure of the router', () => {
    const procedures = Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures).sort();
    expect(Object.keys(matrix).sort()).toEqual(procedures);
  });

  for (const [name, row] of Object.entries(matrix)) {
    it(`${name}`, async () => {
      const got: Record<string, string> = {};
      for (const caller of callers) {
        const fx = await fixture();
        const res = await outcome(row.call(callerApi(caller), fx));
        got[caller] = res.outcome;
        // Not yours answers exactly like not found.
        if (res.outcome === 'NOT_FOUND' && row.missing) {
          const missing = await outcome(row.missing(w.as(people.camille)));
          const a = res.error as { code: string; message: string; cause?: { reason?: string } };
          const b = missing.error as typeof a;
          expect({ code: a.code, message: a.message, reason: a.cause?.reason }).toEqual({ code: b.code, message: b.message, reason: b.cause?.reason });
        }
      }
      expect(got).toEqual(row.expect);
    });
  }

  it('a bad token is refused over HTTP like no token', async () => {
    const fx = await fixture();
    for (const token of ['x.y.z', (await w.token(people.camille)).slice(0, -3) + 'AAA']) {
      const res = await w.app.request(`/trpc/missions.get?input=${encodeURIComponent(JSON.stringify({ missionId: fx.missionId }))}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
    }
  });
});
