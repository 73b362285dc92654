import { esc, frame, sessionBlock, type Lang, type RenderContext, type Rendered, type SessionInfo } from '../layout.ts';
import { icsAttachment } from './registration-confirmation.ts';

/** To every participant and facilitator of a session the coordinator cancelled. */
export interface SessionCancelledData {
  name: string;
  session: SessionInfo;
  organizationName: string;
  role: 'participant' | 'facilitator';
  /** With these (rows queued since), the message carries a `METHOD:CANCEL` calendar file for the session's UID. */
  sessionId?: string;
  sequence?: number;
  createdAt?: number;
}

export async function sessionCancelled(lang: Lang, d: SessionCancelledData, ctx?: RenderContext): Promise<Rendered> {
  const fr = lang === 'fr';
  const details = sessionBlock(lang, d.session, d.organizationName);
  const subject = fr ? 'Session annulée' : 'Session cancelled';
  const hello = d.name ? (fr ? `Bonjour ${d.name},` : `Hello ${d.name},`) : fr ? 'Bonjour,' : 'Hello,';
  const intro =
    d.role === 'participant'
      ? fr ? 'Cette session à laquelle vous étiez inscrit·e est annulée. Votre inscription est close ; vous n’avez rien à faire.' : 'This session you registered for is cancelled. Your registration is closed; there is nothing to do.'
      : fr ? 'Cette session que tu devais animer est annulée.' : 'This session you were to facilitate is cancelled.';
  const cal = fr ? 'Le fichier joint retire la session de votre agenda.' : 'The attached file removes the session from your calendar.';
  const calLine = d.sessionId ? (d.role === 'participant' || !fr ? cal : 'Le fichier joint retire la session de ton agenda.') : '';
  return {
    subject,
    text: `${hello}\n\n${intro}\n\n${details.text}\n${calLine ? `\n${calLine}\n` : ''}`,
    html: frame(lang, subject, `<p>${esc(hello)}</p><p>${esc(intro)}</p>${details.html}${calLine ? `<p>${esc(calLine)}</p>` : ''}`),
    ...(d.sessionId && {
      attachments: [icsAttachment(lang, { sessionId: d.sessionId, session: d.session, organizationName: d.organizationName, createdAt: d.createdAt ?? 0, sequence: d.sequence }, ctx, true)],
    }),
  };
}
