import { esc, frame, sessionBlock, type Lang, type Rendered, type SessionInfo } from '../layout.ts';

/** To every participant and facilitator of a session the coordinator cancelled. */
export interface SessionCancelledData {
  name: string;
  session: SessionInfo;
  organizationName: string;
  role: 'participant' | 'facilitator';
}

export async function sessionCancelled(lang: Lang, d: SessionCancelledData): Promise<Rendered> {
  const fr = lang === 'fr';
  const details = sessionBlock(lang, d.session, d.organizationName);
  const subject = fr ? 'Session annulée' : 'Session cancelled';
  const hello = d.name ? (fr ? `Bonjour ${d.name},` : `Hello ${d.name},`) : fr ? 'Bonjour,' : 'Hello,';
  const intro =
    d.role === 'participant'
      ? fr ? 'Cette session à laquelle tu étais inscrit·e est annulée. Ton inscription est close ; tu n’as rien à faire.' : 'This session you registered for is cancelled. Your registration is closed; there is nothing to do.'
      : fr ? 'Cette session que tu devais animer est annulée.' : 'This session you were to facilitate is cancelled.';
  return {
    subject,
    text: `${hello}\n\n${intro}\n\n${details.text}\n`,
    html: frame(lang, subject, `<p>${esc(hello)}</p><p>${esc(intro)}</p>${details.html}`),
  };
}
