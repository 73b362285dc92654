import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db.ts';
import type { Kind, Sector } from '../../domain/enums/index.ts';

/** The participants of a session marked present on the day (émargement): the BPF counts trainees who came. */
export const presentCountSql = (sessionId: SQL) => sql`(SELECT count(*) FROM registrations r WHERE r.session_id = ${sessionId} AND r.attendance = 'present')`;

const HOUR = 3_600_000;
/** Hours with at most two decimals (3 h 30 → 3.5). */
const hours = (ms: number) => Math.round((ms / HOUR) * 100) / 100;

/**
 * The training organisation's figures (the BPF) for the sessions that ended in [from, to) — and have ended
 * by `now` — per kind and client sector: sessions, hours, participants present and trainee-hours
 * (present × the session's hours). Cancelled sessions do not count.
 */
export async function activity(db: Db, now: number, range: { from: number; to: number }) {
  const until = Math.min(range.to, now + 1);
  const rows = await db.all<{ kind: Kind; sector: Sector; sessions: number; ms: number; present: number; present_ms: number }>(sql`
    SELECT s.kind, o.sector, count(*) AS sessions, sum(s.ms) AS ms, sum(s.present) AS present, sum(s.present * s.ms) AS present_ms
    FROM (
      SELECT s.kind, s.mission_id, s.ends_at - s.starts_at AS ms, ${presentCountSql(sql`s.id`)} AS present
      FROM sessions s
      WHERE s.status = 'planned' AND s.ends_at >= ${range.from} AND s.ends_at < ${until}
    ) s
    JOIN missions m ON m.id = s.mission_id
    JOIN organizations o ON o.id = m.organization_id
    GROUP BY s.kind, o.sector
    ORDER BY s.kind, o.sector`);
  const sum = (k: 'sessions' | 'ms' | 'present' | 'present_ms') => rows.reduce((n, r) => n + Number(r[k]), 0);
  return {
    rows: rows.map((r) => ({
      kind: r.kind,
      sector: r.sector,
      sessions: Number(r.sessions),
      hours: hours(Number(r.ms)),
      participantsPresent: Number(r.present),
      traineeHours: hours(Number(r.present_ms)),
    })),
    totals: { sessions: sum('sessions'), hours: hours(sum('ms')), participantsPresent: sum('present'), traineeHours: hours(sum('present_ms')) },
  };
}
