/**
 * Hostile input over every procedure, through HTTP: wrong types, missing and extra fields, huge strings and
 * arrays, control characters, impossible dates, SQL- and HTML-shaped strings. Always a 4xx with a reason
 * or field errors (never a 500, never a stack or SQL), and a refused call leaves the database unchanged.
 */
import { describe, expect, it } from 'vitest';
import { appRouter } from '../../server/router.ts';
import { http, makeWorld, missionFor, people, secretOf, sessionInput } from './helpers.ts';

const w = await makeWorld();
const procedures = (appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string } }> } })._def.procedures;

const missionId = await missionFor(w);
const s = await w.as(people.camille).sessions.create(sessionInput(missionId, 10));
const sessionId = s.sessionId;
const leaving = await w.as(people.camille).sessions.create(sessionInput(missionId, 14));

/** A valid input per procedure; every field of it gets mutated below. */
const examples: Record<string, Record<string, unknown>> = {
  'admin.createMission': { title: 'T', organization: { name: 'O', sector: 'entreprise' }, coordinator: { email: 'c@x.test', name: 'C' }, order: [{ kind: 'atelier', quantity: 1 }] },
  'admin.setFacilitator': { email: 'f@x.test', name: 'F', ofCompliant: true },
  'admin.missions': { status: 'open' },
  'admin.exportPerson': { email: 'f@x.test' },
  'admin.erasePerson': { email: 'nobody@x.test' },
  'admin.retributionRequests': { status: 'pending', limit: 10 },
  'admin.updateOrder': { missionId, order: [{ kind: 'atelier', quantity: 3 }] },
  'admin.facilitators': { query: 'f', of: 'unknown', limit: 10 },
  'admin.markRequestProcessed': { requestId: 'x' },
  'admin.markInvoiced': { missionId, reference: 'F-1' },
  'admin.coordinationRetributions': { status: 'pending', limit: 10 },
  'admin.markCoordinationProcessed': { missionId },
  'admin.activity': { from: '2027-01-01T00:00:00+01:00', to: '2028-01-01T00:00:00+01:00' },
  'admin.revokeTokens': { email: 'f@x.test' },
  'missions.list': {},
  'missions.get': { missionId },
  'missions.close': { missionId },
  'sessions.create': sessionInput(missionId, 12),
  'sessions.update': { sessionId, capacity: 20, title: 'T' },
  'sessions.cancel': { sessionId },
  'sessions.get': { sessionId },
  'sessions.regenerateLink': { sessionId, link: 'participant' },
  'facilitators.invite': { sessionId, emails: ['a@x.test'] },
  'facilitators.invitation': { token: secretOf(s.facilitatorInviteUrl) },
  'facilitators.join': { token: secretOf(s.facilitatorInviteUrl) },
  'facilitators.setStatus': { sessionId, facilitatorId: 'x', status: 'interne' },
  'facilitators.remove': { sessionId, facilitatorId: 'x' },
  'facilitators.mySessions': {},
  'facilitators.withdraw': { sessionId: leaving.sessionId },
  'facilitators.calendarFeed': {},
  'facilitators.regenerateCalendarFeed': {},
  'participants.invite': { sessionId, emails: ['a@x.test'] },
  'participants.signupInfo': { code: secretOf(s.participantSignupUrl) },
  'participants.register': { code: secretOf(s.participantSignupUrl), name: 'N', email: 'n@x.test', consent: true, waitlist: true },
  'participants.cancel': { cancelToken: 'A'.repeat(32) },
  'participants.remove': { sessionId, participantId: 'x' },
  'retributions.request': { missionId },
  'auth.requestLink': { email: 'someone@x.test' },
  'auth.exchange': { token: 'A'.repeat(32) },
  'attendance.get': { sessionId },
  'attendance.mark': { sessionId, participantIds: ['x'], attendance: 'present' },
  'attendance.addWalkIn': { sessionId, name: 'Walk In', email: 'walk@x.test' },
  'attendance.checkInInfo': { code: secretOf(s.checkInUrl) },
  'attendance.selfCheckIn': { code: secretOf(s.checkInUrl), email: 'self@x.test', name: 'Self', consent: true },
  'followUp.send': { sessionId },
  'followUp.results': { missionId },
  'survey.get': { token: 'A'.repeat(32) },
  'survey.answer': { token: 'A'.repeat(32), answers: { overall: 5, content: 4, facilitation: 5, recommend: 9, takeaway: 'x', comment: 'y' } },
};

const hostileValues: unknown[] = [
  null,
  42,
  -1e308,
  true,
  [],
  {},
  [1, 2, 3],
  '',
  'x'.repeat(100_000),
  "'; DROP TABLE missions; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '\u0000\u0001\u0007\u001b[31m',
  '\ud800',
  '🙂'.repeat(300),
  '2027-02-30T10:00:00Z',
  '9999-99-99T99:99:99+99:99',
  '0000-01-01T00:00:00Z',
  { $gt: '' },
  Array.from({ length: 5000 }, (_, i) => `e${i}@x.test`),
];

async function snapshot(): Promise<string> {
  const tables = await w.database.client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name");
  const parts: string[] = [];
  for (const t of tables.rows) {
    const rows = await w.database.client.execute(`SELECT * FROM "${String(t.name)}" ORDER BY rowid`);
    parts.push(`${t.name}:${JSON.stringify(rows.rows)}`);
  }
  return parts.join('\n');
}

function mutations(example: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const keys = Object.keys(example);
  for (const key of keys) {
    const { [key]: _dropped, ...missing } = example;
    out.push(missing);
    for (const v of hostileValues) out.push({ ...example, [key]: v });
  }
  out.push({ ...example, __proto__: { admin: true }, constructor: { prototype: { polluted: 1 } } } as Record<string, unknown>);
  return out;
}

describe('hostile input', () => {
  it('has an example for every procedure of the router', () => {
    expect(Object.keys(examples).sort()).toEqual(Object.keys(procedures).sort());
  });

  const token = () => w.token({ ...people.admin, of: true });

  for (const name of Object.keys(examples)) {
    it(`${name} answers every hostile input with a clean 4xx`, async () => {
      const bearer = name.startsWith('admin.') ? await token() : await w.token(people.camille);
      const method = procedures[name]._def.type === 'query' ? 'GET' : 'POST';
      // The first authenticated call records the caller's facilitator row from the claims: not a refusal's doing.
      await http(w, 'missions.list', { method: 'GET', token: bearer });
      for (const input of [...mutations(examples[name]), 'not an object', 12, null, [examples[name]]]) {
        const before = await snapshot();
        const res = await http(w, name, { input, token: bearer, method });
        const text = JSON.stringify(res.body);
        expect(res.status, `${name} ${text.slice(0, 300)}`).toBeLessThan(500);
        expect(text).not.toMatch(/SQLITE|SELECT |INSERT |\.ts:\d+|at async|stack/);
        if (res.status >= 400) {
          const data = res.body?.error?.data ?? {};
          expect(data.reason ?? data.fieldErrors, `${name} ${text.slice(0, 200)}`).toBeTruthy();
          expect(await snapshot(), `${name} changed the database on a refused call: ${JSON.stringify(input)?.slice(0, 200)} → ${text.slice(0, 300)}`).toBe(before);
        }
        // XSS or SQL-shaped text that was accepted is stored as text, never interpreted.
        expect((await w.database.client.execute("SELECT count(*) AS n FROM sqlite_master WHERE name = 'missions'")).rows[0].n).toBe(1);
      }
    });
  }

  it('rejects a huge body without a 500', async () => {
    const res = await w.app.request('/trpc/participants.register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'x', name: 'y'.repeat(5_000_000), email: 'a@b.co', consent: true }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
