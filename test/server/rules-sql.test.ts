/**
 * Each rule said twice, once in domain/rules.ts and once in SQL for speed (server/services/rules-sql.ts),
 * decides the same on the same rows: the rows are real, in a real libSQL database, and every combination
 * the rule reads is tried, its edges (the end instant, the survey's last instant) included.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql, type SQL } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { facilitators, missions, retributionLines, retributionRequests, sessionFacilitators, sessions } from '../../schema/index.ts';
import { awaitsRequest, expectedFacilitators, missionLock, retributionOwed, sessionClosed, sessionPayable, SURVEY_AFTER_END, surveyClosesAt } from '../../domain/rules.ts';
import { awaitsRequestSql, expectedFacilitatorsSql, missionOpenSql, retributionOwedSql, sessionOpenSql, sessionPayableSql, surveyOpenSql } from '../../server/services/rules-sql.ts';
import type { SessionRow } from '../../server/services/access.ts';
import { makeWorld, missionFor } from './helpers.ts';

const w = await makeWorld();
const now = w.clock.now();
const missionId = await missionFor(w);
const mission = (await w.db.query.missions.findFirst({ where: eq(missions.id, missionId) }))!;

/** Every session the rules read differently: status × end (before, at, after now, and around the survey's close) × facilitators expected. */
const ends = [now - SURVEY_AFTER_END - 1, now - SURVEY_AFTER_END, now - SURVEY_AFTER_END + 1, now - 1, now, now + 1];
const sessionRows: SessionRow[] = [];
for (const status of ['planned', 'cancelled'] as const) {
  for (const endsAt of ends) {
    for (const extraFacilitators of [0, 2]) {
      for (const coordinatorFacilitates of [true, false]) {
        const id = randomUUID();
        sessionRows.push({
          id,
          missionId,
          kind: 'atelier',
          title: null,
          startsAt: endsAt - 3 * 3600_000,
          endsAt,
          startsAtIso: new Date(endsAt - 3 * 3600_000).toISOString(),
          endsAtIso: new Date(endsAt).toISOString(),
          timezone: 'Europe/Paris',
          locationMode: 'onsite',
          address: 'x',
          url: null,
          capacity: 10,
          extraFacilitators,
          coordinatorFacilitates,
          language: 'fr',
          status,
          facilitatorLinkId: randomUUID(),
          signupLinkId: randomUUID(),
          checkInLinkId: randomUUID(),
          attendanceRemindedAt: null,
          createdAt: now,
          sequence: 0,
        });
      }
    }
  }
}
await w.db.insert(sessions).values(sessionRows);

/** On sessions of every kind, a facilitator of each status, requested or not. */
const payRows: { session: SessionRow; facilitatorId: string; status: 'remunere' | 'interne' | 'benevole'; requested: boolean }[] = [];
const requestId = randomUUID();
await w.db.insert(retributionRequests).values({ id: requestId, missionId, period: '2000-01', requestedAt: now, requestedBy: mission.coordinatorId });
for (const session of sessionRows.filter((s) => s.extraFacilitators === 0 && s.coordinatorFacilitates)) {
  for (const status of ['remunere', 'interne', 'benevole'] as const) {
    for (const requested of [false, true]) {
      const facilitatorId = randomUUID();
      await w.db.insert(facilitators).values({ id: facilitatorId, email: `${facilitatorId}@rules.test`, name: '', createdAt: now });
      await w.db.insert(sessionFacilitators).values({ sessionId: session.id, facilitatorId, status, registeredAt: now });
      if (requested) await w.db.insert(retributionLines).values({ requestId, sessionId: session.id, facilitatorId });
      payRows.push({ session, facilitatorId, status, requested });
    }
  }
}

/** One value per session of this mission, computed by SQL. */
async function perSession(fragment: SQL) {
  const rows = await w.db.all<{ id: string; v: number }>(sql`SELECT s.id, ${fragment} AS v FROM sessions s WHERE s.mission_id = ${missionId}`);
  return new Map(rows.map((r) => [r.id, Number(r.v)]));
}

describe('rules said in SQL agree with their predicates', () => {
  it('missionOpenSql ~ missionLock', async () => {
    for (const status of ['open', 'closed'] as const) {
      await w.db.update(missions).set({ status }).where(eq(missions.id, missionId));
      const [row] = await w.db.all<{ v: number }>(sql`SELECT ${missionOpenSql('m')} AS v FROM missions m WHERE m.id = ${missionId}`);
      expect(Boolean(Number(row.v)), status).toBe(missionLock({ status }) === null);
    }
    await w.db.update(missions).set({ status: 'open' }).where(eq(missions.id, missionId));
  });

  it('sessionOpenSql ~ sessionClosed, sessionPayableSql ~ sessionPayable, expectedFacilitatorsSql ~ expectedFacilitators, surveyOpenSql ~ surveyClosesAt', async () => {
    const open = await perSession(sessionOpenSql('s', now));
    const payable = await perSession(sessionPayableSql('s', now));
    const expected = await perSession(expectedFacilitatorsSql('s'));
    const survey = await perSession(surveyOpenSql('s', now));
    expect(open.size).toBe(sessionRows.length);
    for (const s of sessionRows) {
      const name = `${s.status}, ends ${s.endsAt - now} ms from now, ${s.extraFacilitators} extra, coordinator ${s.coordinatorFacilitates}`;
      expect(Boolean(open.get(s.id)), name).toBe(sessionClosed(s, now) === null);
      expect(Boolean(payable.get(s.id)), name).toBe(sessionPayable(s, now));
      expect(expected.get(s.id), name).toBe(expectedFacilitators(s));
      expect(Boolean(survey.get(s.id)), name).toBe(now <= surveyClosesAt(s));
    }
    // The cases cover both answers of every rule.
    for (const m of [open, payable, survey]) expect(new Set(m.values())).toEqual(new Set([0, 1]));
  });

  it('awaitsRequestSql ~ awaitsRequest, retributionOwedSql ~ retributionOwed', async () => {
    const rows = await w.db.all<{ facilitator_id: string; awaits: number; owed: number }>(
      sql`SELECT sf.facilitator_id, ${awaitsRequestSql('sf')} AS awaits, ${retributionOwedSql('s', 'sf', now)} AS owed
        FROM session_facilitators sf JOIN sessions s ON s.id = sf.session_id WHERE s.mission_id = ${missionId}`,
    );
    const got = new Map(rows.map((r) => [r.facilitator_id, { awaits: Boolean(Number(r.awaits)), owed: Boolean(Number(r.owed)) }]));
    expect(got.size).toBe(payRows.length);
    for (const p of payRows) {
      const name = `${p.status}, requested ${p.requested}, session ${p.session.status} ending ${p.session.endsAt - now} ms from now`;
      expect(got.get(p.facilitatorId), name).toEqual({ awaits: awaitsRequest(p, p.requested), owed: retributionOwed(p.session, p, p.requested, now) });
    }
    for (const key of ['awaits', 'owed'] as const) expect(new Set([...got.values()].map((v) => v[key]))).toEqual(new Set([true, false]));
  });
});
