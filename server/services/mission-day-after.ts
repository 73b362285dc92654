import type { CloseWarning } from '../../domain/reasons.ts';
import { sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import type { SessionRow } from './access.ts';
import { followUpTag } from '../../domain/rules.ts';

/**
 * What the mission dashboard says of the day and after: per session, who was present and whether the
 * follow-up is sent; for the mission, the satisfaction and the closing warnings (which never block).
 */

export function dayAfterView(s: SessionRow, now: number, sum: { present: number; marked: number; to_send: number }) {
  const present = Number(sum.present);
  return {
    presentCount: present,
    attendanceTaken: Number(sum.marked) > 0,
    followUpTag: followUpTag(s, now, present, Number(sum.to_send)),
  };
}

/** The mission's satisfaction: number of answers and the mean of `overall` (one decimal; null without answers). */
export async function missionSatisfaction(db: Db, missionId: string) {
  const [row] = await db.all<{ n: number; avg: number | null }>(sql`
    SELECT count(*) AS n, avg(a.overall) AS avg FROM survey_answers a JOIN sessions s ON s.id = a.session_id WHERE s.mission_id = ${missionId}`);
  const n = Number(row?.n ?? 0);
  return { responses: n, average: n ? Math.round(Number(row.avg) * 10) / 10 : null };
}

/** Facilitator interventions on ended, non-cancelled sessions, per kind. */


/** Closing warnings: an ended session with participants and no attendance; present people not yet served; fewer interventions delivered than ordered. */
export function closeWarnings(
  sessions: { status: string; ended: boolean; participantsCount: number; attendanceTaken: boolean; followUpTag: string }[],
  order: { ordered: number; delivered: number }[],
): CloseWarning[] {
  const warnings: CloseWarning[] = [];
  const done = sessions.filter((s) => s.status === 'planned' && s.ended);
  if (done.some((s) => s.participantsCount > 0 && !s.attendanceTaken)) warnings.push('attendance_missing');
  if (done.some((s) => s.followUpTag === 'to_send')) warnings.push('followup_pending');
  if (order.some((o) => o.delivered < o.ordered)) warnings.push('order_not_fulfilled');
  return warnings;
}
