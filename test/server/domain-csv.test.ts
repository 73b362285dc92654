/**
 * One definition per CSV (domain/csv.ts): the server's exports are those bytes, and the widgets download
 * the same functions (the desk's retribution CSV, the planner's participants, the desk's Bilan).
 */
import { describe, expect, it } from 'vitest';
import { activityCsv, participantsCsv, retributionRequestCsv, toCsv } from '../../domain/csv.ts';
import { makeWorld, missionFor, people, planWith, secretOf, slot } from './helpers.ts';

const w = await makeWorld();
const { camille, louis, admin } = people;
/** The body's bytes, read as UTF-8 with its byte-order mark kept (`Response.text()` would drop it). */
const get = async (path: string, token: string) =>
  new TextDecoder('utf-8', { ignoreBOM: true }).decode(await (await w.app.request(path, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer());

describe('domain/csv.ts', () => {
  it('quotes, guards formulas, and writes a BOM and CRLF lines for French Excel', () => {
    expect(toCsv([['a', 'b;c'], ['=SUM(1)', 'say "hi"'], ['-1', '+x', '@y']])).toBe('\uFEFFa;"b;c"\r\n\'=SUM(1);"say ""hi"""\r\n\'-1;\'+x;\'@y\r\n');
  });

  it('is what the server exports: a retribution request, a session’s participants, the activity', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w);
    const session = await planWith(w, missionId, slot('2027-03-05'), [louis]);
    await w.anonymous().participants.register({ code: secretOf(session.participantSignupUrl), name: 'Zoé Durand', email: 'zoe@example.test', consent: true });
    w.clock.set('2027-03-10T10:00:00+01:00');
    const { requestId } = await w.as(camille).retributions.request({ missionId });
    const staff = await w.token(admin);

    const request = (await w.as(admin).admin.retributionRequests({ requestId }))[0];
    const served = await get(`/export/retribution-requests/${requestId}.csv`, staff);
    expect(served).toBe(retributionRequestCsv(request));
    expect(served.split('\r\n')[0]).toBe('\uFEFFfacilitator;email;session;kind;date;status');
    expect(served).toContain(`;${session.sessionId};atelier;2027-03-05;remunere`);

    const roster = await w.as(camille).sessions.get({ sessionId: session.sessionId });
    expect(await get(`/export/sessions/${session.sessionId}/participants.csv`, await w.token(camille))).toBe(participantsCsv(roster.participants));

    const range = { from: '2027-03-01T00:00:00+01:00', to: '2027-04-01T00:00:00+02:00' };
    const figures = await w.as(admin).admin.activity(range);
    expect(figures.rows.length).toBeGreaterThan(0);
    expect(await get(`/export/activity.csv?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`, staff)).toBe(activityCsv(figures));
  });
});
