import { and, inArray, isNull, sql } from 'drizzle-orm';
import { registrations, sessions } from '../../schema/index.ts';
import type { Deps } from '../context.ts';
import { loadSession, sessionInfo } from './access.ts';
import { enqueueEmails } from './outbox.ts';
import { ATTENDANCE_AFTER_END, ATTENDANCE_REMINDER_AFTER, SURVEY_REMINDER_AFTER, surveyClosesAt } from '../../domain/rules.ts';
import { missionOpenSql, surveyOpenSql } from './rules-sql.ts';

/**
 * The reminders of the days after a session, run by the scheduled job. Each is sent once: the row is
 * claimed by a conditional UPDATE (… IS NULL) in the same transaction that queues the email, so two
 * runs at once (two Node processes, a cron run overlapping another) queue it once.
 */
export async function queueDayAfterReminders(deps: Deps) {
  const now = deps.clock.now();
  return deps.database.write(async (tx) => {
    // Sessions with participants, ended 24 h ago or more, no attendance taken, mission still open.
    const due = await tx.all<{ id: string }>(sql`
      SELECT s.id FROM sessions s JOIN missions m ON m.id = s.mission_id
      WHERE s.status = 'planned' AND ${missionOpenSql('m')} AND s.attendance_reminded_at IS NULL
        AND s.ends_at <= ${now - ATTENDANCE_REMINDER_AFTER} AND s.ends_at > ${now - ATTENDANCE_AFTER_END}
        AND EXISTS (SELECT 1 FROM registrations r WHERE r.session_id = s.id)
        AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.session_id = s.id AND r.attendance IN ('present', 'absent'))
      LIMIT 200`);
    let attendance = 0;
    if (due.length) {
      const claimed = await tx
        .update(sessions)
        .set({ attendanceRemindedAt: now })
        .where(and(inArray(sessions.id, due.map((d) => d.id)), isNull(sessions.attendanceRemindedAt)))
        .returning({ id: sessions.id });
      const rows = claimed.length
        ? await tx.all<{ id: string; mission_id: string; name: string; email: string; org: string; n: number }>(sql`
            SELECT s.id, s.mission_id, f.name, f.email, o.name AS org,
              (SELECT count(*) FROM registrations r WHERE r.session_id = s.id) AS n
            FROM sessions s JOIN missions m ON m.id = s.mission_id JOIN facilitators f ON f.id = m.coordinator_id
              JOIN organizations o ON o.id = m.organization_id
            WHERE s.id IN (${sql.join(claimed.map((c) => sql`${c.id}`), sql`, `)})`)
        : [];
      const full = new Map((await tx.select().from(sessions).where(inArray(sessions.id, claimed.map((c) => c.id)))).map((s) => [s.id, s]));
      await enqueueEmails(
        tx,
        now,
        rows.map((r) => ({
          template: 'attendance_reminder' as const,
          to: r.email,
          lang: full.get(r.id)!.language,
          data: {
            missionId: r.mission_id,
            sessionId: r.id,
            coordinatorName: r.name || r.email,
            participants: Number(r.n),
            session: sessionInfo(full.get(r.id)!),
            organizationName: r.org,
          },
        })),
      );
      attendance = rows.length;
    }

    // Participants served 3 days ago or more who have not answered, while the survey is still open.
    const unanswered = await tx.all<{ id: string }>(sql`
      SELECT r.id FROM registrations r JOIN sessions s ON s.id = r.session_id
      WHERE r.follow_up_sent_at IS NOT NULL AND r.survey_reminded_at IS NULL
        AND r.follow_up_sent_at <= ${now - SURVEY_REMINDER_AFTER} AND ${surveyOpenSql('s', now)}
        AND NOT EXISTS (SELECT 1 FROM survey_answers a WHERE a.token_id = r.follow_up_token_id)
      LIMIT 500`);
    let survey = 0;
    if (unanswered.length) {
      const claimed = await tx
        .update(registrations)
        .set({ surveyRemindedAt: now })
        .where(and(inArray(registrations.id, unanswered.map((u) => u.id)), isNull(registrations.surveyRemindedAt)))
        .returning();
      const bySession = new Map<string, Awaited<ReturnType<typeof loadSession>>>();
      const messages = [];
      for (const r of claimed) {
        if (!bySession.has(r.sessionId)) bySession.set(r.sessionId, await loadSession(tx, r.sessionId));
        const row = bySession.get(r.sessionId)!;
        if (!row || now > surveyClosesAt(row.session)) continue;
        messages.push({
          template: 'survey_reminder' as const,
          to: r.email,
          lang: row.session.language,
          data: { tokenId: r.followUpTokenId!, participantName: r.name, session: sessionInfo(row.session), organizationName: row.organization.name },
        });
      }
      await enqueueEmails(tx, now, messages);
      survey = messages.length;
    }
    return { attendanceReminders: attendance, surveyReminders: survey };
  });
}
