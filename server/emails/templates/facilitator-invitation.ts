import { message, sessionBlock, type Lang, type RenderContext, type Rendered, type AboutSession } from '../layout.ts';

/** To a facilitator invited by email onto a session: single-use accept link. */
export interface FacilitatorInvitationData extends AboutSession {
  tokenId: string;
  coordinatorName: string;
}

export async function facilitatorInvitation(lang: Lang, d: FacilitatorInvitationData, ctx: RenderContext): Promise<Rendered> {
  const link = `${ctx.appUrl}/join/${await ctx.secret(d.tokenId)}`;
  const fr = lang === 'fr';
  const details = sessionBlock(lang, d.session, d.organizationName);
  const subject = fr ? `Invitation à animer une session pour ${d.organizationName}` : `Invitation to facilitate a session for ${d.organizationName}`;
  const intro = fr
    ? `${d.coordinatorName} t'invite à animer cette session. Seul·es les animateur·ices conformes OF peuvent y intervenir.`
    : `${d.coordinatorName} invites you to facilitate this session. Only OF-compliant facilitators can work on it.`;
  const cta = fr ? "Voir la session et accepter" : 'See the session and accept';
  const note = fr ? 'Ce lien personnel ne sert qu’une fois.' : 'This personal link works once.';
  return message(lang, subject, { paragraphs: [intro], details, action: { link, cta }, notes: [note] });
}
