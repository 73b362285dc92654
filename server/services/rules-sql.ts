import { sql, type SQL } from 'drizzle-orm';
import { SURVEY_AFTER_END } from '../../domain/rules.ts';

/**
 * The rules of domain/rules.ts that statements must also say in SQL, for speed (counting over many sessions
 * in one statement). Each fragment names its twin predicate; test/server/rules-sql.test.ts runs both on the
 * same cases against a real libSQL database and checks they agree. Change one, change the other.
 *
 * Each fragment takes the alias (or table name) its columns are read from, as written in the statement.
 */
type Alias = 's' | 'm' | 'sf' | 'sessions' | 'missions' | 'session_facilitators';
const a = (alias: Alias) => sql.raw(alias);

/** Twin of `missionLock(m) === null`: the mission is not closed. */
export const missionOpenSql = (m: Alias): SQL => sql`${a(m)}.status <> 'closed'`;

/** Twin of `sessionClosed(s, now) === null`: not cancelled, not ended at `now`. */
export const sessionOpenSql = (s: Alias, now: number): SQL => sql`(${a(s)}.status <> 'cancelled' AND ${a(s)}.ends_at > ${now})`;

/** Twin of `sessionPayable(s, now)`: planned and ended at `now`. */
export const sessionPayableSql = (s: Alias, now: number): SQL => sql`(${a(s)}.status = 'planned' AND ${a(s)}.ends_at <= ${now})`;

/** Twin of `awaitsRequest(f, requested)`: `remunere` and no retribution line for this session and facilitator. */
export const awaitsRequestSql = (sf: Alias): SQL =>
  sql`(${a(sf)}.status = 'remunere' AND NOT EXISTS (SELECT 1 FROM retribution_lines rl WHERE rl.session_id = ${a(sf)}.session_id AND rl.facilitator_id = ${a(sf)}.facilitator_id))`;

/** Twin of `retributionOwed(s, f, requested, now)`: the session is payable and the facilitator's pay awaits a request. */
export const retributionOwedSql = (s: Alias, sf: Alias, now: number): SQL => sql`(${sessionPayableSql(s, now)} AND ${awaitsRequestSql(sf)})`;

/** Twin of `expectedFacilitators(s)`: the extra facilitators, plus the coordinator when they facilitate. */
export const expectedFacilitatorsSql = (s: Alias): SQL => sql`(${a(s)}.extra_facilitators + ${a(s)}.coordinator_facilitates)`;

/** Twin of `now <= surveyClosesAt(s)`: the survey of a session ended at `s.ends_at` is still open at `now`. */
export const surveyOpenSql = (s: Alias, now: number): SQL => sql`${a(s)}.ends_at >= ${now - SURVEY_AFTER_END}`;
