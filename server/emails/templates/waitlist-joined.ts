import { message, sessionBlock, type Lang, type RenderContext, type Rendered, type AboutSession } from '../layout.ts';

/** To a participant who joined a full session's waiting list: their position and a link to leave it. */
export interface WaitlistJoinedData extends AboutSession {
  participantName: string;
  position: number;
  cancelTokenId: string;
}

export async function waitlistJoined(lang: Lang, d: WaitlistJoinedData, ctx: RenderContext): Promise<Rendered> {
  const leave = `${ctx.appUrl}/cancel/${await ctx.secret(d.cancelTokenId)}`;
  const fr = lang === 'fr';
  const details = sessionBlock(lang, d.session, d.organizationName);
  const subject = fr ? `Liste d'attente : vous êtes n° ${d.position}` : `Waiting list: you are number ${d.position}`;
  const hello = fr ? `Bonjour ${d.participantName},` : `Hello ${d.participantName},`;
  const intro = fr
    ? `Cette session est complète : vous êtes sur sa liste d'attente, en position ${d.position}. Si une place se libère avant le début, vous serez inscrit·e automatiquement et prévenu·e par email.`
    : `This session is full: you are on its waiting list, in position ${d.position}. If a seat frees up before it starts, you will be registered automatically and told by email.`;
  const leaveText = fr ? "Vous ne souhaitez plus attendre ? Quittez la liste d'attente :" : 'No longer interested? Leave the waiting list:';
  const leaveCta = fr ? "Quitter la liste d'attente" : 'Leave the waiting list';
  return message(lang, subject, { paragraphs: [hello, intro], details, action: { link: leave, cta: leaveCta, lead: leaveText } });
}
