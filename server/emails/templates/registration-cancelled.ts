import { esc, frame, sessionBlock, type Lang, type Rendered, type SessionInfo } from '../layout.ts';

/** To a participant whose registration was cancelled (by themselves or by the coordinator). */
export interface RegistrationCancelledData {
  participantName: string;
  session: SessionInfo;
  organizationName: string;
  byCoordinator: boolean;
}

export async function registrationCancelled(lang: Lang, d: RegistrationCancelledData): Promise<Rendered> {
  const fr = lang === 'fr';
  const details = sessionBlock(lang, d.session, d.organizationName);
  const subject = fr ? 'Votre inscription est annulée' : 'Your registration is cancelled';
  // No name typed in the form here either: it could carry a stranger's words (issue 18, spam relay).
  const hello = fr ? 'Bonjour,' : 'Hello,';
  const intro = d.byCoordinator
    ? fr ? "L'organisateur·ice a retiré votre inscription à cette session." : 'The organiser removed your registration to this session.'
    : fr ? 'Votre inscription à cette session est annulée et votre place est libérée.' : 'Your registration to this session is cancelled and your seat is free.';
  return {
    subject,
    text: `${hello}\n\n${intro}\n\n${details.text}\n`,
    html: frame(lang, subject, `<p>${esc(hello)}</p><p>${esc(intro)}</p>${details.html}`),
  };
}
