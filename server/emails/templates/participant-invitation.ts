import { kindLabel, message, sessionBlock, type Lang, type RenderContext, type Rendered, type AboutSession } from '../layout.ts';

/** To a participant invited by email: a personal signup link with the email pre-filled. */
export interface ParticipantInvitationData extends AboutSession {
  tokenId: string;
}

export async function participantInvitation(lang: Lang, d: ParticipantInvitationData, ctx: RenderContext): Promise<Rendered> {
  const link = `${ctx.appUrl}/invitation/${await ctx.secret(d.tokenId)}`;
  const fr = lang === 'fr';
  const details = sessionBlock(lang, d.session, d.organizationName);
  const what = `${kindLabel(lang, d.session.kind)} — ${d.organizationName}`;
  const subject = fr ? `Invitation : ${what}` : `Invitation: ${what}`;
  const intro = fr
    ? `Vous êtes invité·e à participer à cette session. Inscrivez-vous avec ce lien : votre adresse sert à vous envoyer l'attestation de présence et le questionnaire de satisfaction.`
    : `You are invited to this session. Register with this link: your address is used to send you the attendance certificate and the satisfaction survey.`;
  const cta = fr ? "M'inscrire" : 'Register';
  return message(lang, subject, { paragraphs: [intro], details, action: { link, cta } });
}
