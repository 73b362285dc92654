import { kindLabel, message, sessionBlock, type Lang, type RenderContext, type Rendered, type AboutSession } from '../layout.ts';

/** To a participant who has not answered the survey 3 days after the follow-up: one reminder. */
export interface SurveyReminderData extends AboutSession {
  tokenId: string;
  participantName: string;
}

export async function surveyReminder(lang: Lang, d: SurveyReminderData, ctx: RenderContext): Promise<Rendered> {
  const survey = `${ctx.appUrl}/survey/${await ctx.secret(d.tokenId)}`;
  const fr = lang === 'fr';
  const details = sessionBlock(lang, d.session, d.organizationName);
  const what = `${kindLabel(lang, d.session.kind)} — ${d.organizationName}`;
  const subject = fr ? `Deux minutes pour votre avis ? ${what}` : `Two minutes for your feedback? ${what}`;
  const hello = fr ? `Bonjour ${d.participantName},` : `Hello ${d.participantName},`;
  const intro = fr
    ? "Vous n'avez pas encore répondu au questionnaire de satisfaction de cette session. Votre avis nous aide à améliorer nos ateliers et formations ; c'est le seul rappel que vous recevrez."
    : "You have not answered this session's satisfaction survey yet. Your feedback helps us improve our workshops and trainings; this is the only reminder you will get.";
  const cta = fr ? 'Répondre au questionnaire' : 'Answer the survey';
  return message(lang, subject, { paragraphs: [hello, intro], details, action: { link: survey, cta } });
}
