import { kindLabel, message, sessionBlock, type Lang, type RenderContext, type Rendered, type AboutSession } from '../layout.ts';

/** To the coordinator, 24 h after a session with participants ended without any attendance taken. */
export interface AttendanceReminderData extends AboutSession {
  missionId: string;
  sessionId: string;
  coordinatorName: string;
  participants: number;
}

export async function attendanceReminder(lang: Lang, d: AttendanceReminderData, ctx: RenderContext): Promise<Rendered> {
  const link = `${ctx.appUrl}/missions/${encodeURIComponent(d.missionId)}`;
  const fr = lang === 'fr';
  const details = sessionBlock(lang, d.session, d.organizationName);
  const what = `${kindLabel(lang, d.session.kind)} — ${d.organizationName}`;
  const subject = fr ? `Émargement à compléter : ${what}` : `Attendance to take: ${what}`;
  const hello = fr ? `Bonjour ${d.coordinatorName},` : `Hello ${d.coordinatorName},`;
  const intro = fr
    ? `Cette session est terminée depuis hier et l'émargement de ses ${d.participants} participant·es n'a pas été fait. Marque les présent·es dans l'onglet Émargement : c'est ce qui permet d'envoyer les attestations de présence et les questionnaires de satisfaction.`
    : `This session ended yesterday and attendance for its ${d.participants} participant(s) was not taken. Mark who was there in the Attendance tab: that is what lets you send the certificates of attendance and the satisfaction surveys.`;
  const cta = fr ? "Faire l'émargement" : 'Take attendance';
  return message(lang, subject, { paragraphs: [hello, intro], details, action: { link, cta } });
}
