import { esc, frame, sessionBlock, type Lang, type Rendered, type SessionInfo } from '../layout.ts';

/** To the coordinator when a facilitator joins a session (by the shareable link or an invitation) or withdraws. */
export interface FacilitatorMoveData {
  coordinatorName: string;
  facilitatorName: string;
  facilitatorEmail: string;
  missionTitle: string;
  session: SessionInfo;
  organizationName: string;
  /** Facilitator slots still open after the move. */
  slotsLeft: number;
}

function move(lang: Lang, d: FacilitatorMoveData, joined: boolean): Rendered {
  const fr = lang === 'fr';
  const who = d.facilitatorName ? `${d.facilitatorName} (${d.facilitatorEmail})` : d.facilitatorEmail;
  const details = sessionBlock(lang, d.session, d.organizationName);
  const subject = joined
    ? fr ? `${d.facilitatorName || d.facilitatorEmail} rejoint ta session` : `${d.facilitatorName || d.facilitatorEmail} joined your session`
    : fr ? `${d.facilitatorName || d.facilitatorEmail} se retire de ta session` : `${d.facilitatorName || d.facilitatorEmail} withdrew from your session`;
  const hello = d.coordinatorName ? (fr ? `Bonjour ${d.coordinatorName},` : `Hello ${d.coordinatorName},`) : fr ? 'Bonjour,' : 'Hello,';
  const intro = joined
    ? fr ? `${who} anime désormais cette session de la mission « ${d.missionTitle} ».` : `${who} now facilitates this session of the mission “${d.missionTitle}”.`
    : fr ? `${who} s'est retiré·e de cette session de la mission « ${d.missionTitle} ».` : `${who} withdrew from this session of the mission “${d.missionTitle}”.`;
  const slots =
    d.slotsLeft === 0
      ? fr ? "Toutes les places d'animateur·ice sont prises." : 'Every facilitator slot is taken.'
      : fr ? `Places d'animateur·ice encore ouvertes : ${d.slotsLeft}.` : `Facilitator slots still open: ${d.slotsLeft}.`;
  return {
    subject,
    text: `${hello}\n\n${intro}\n\n${details.text}\n\n${slots}\n`,
    html: frame(lang, subject, `<p>${esc(hello)}</p><p>${esc(intro)}</p>${details.html}<p>${esc(slots)}</p>`),
  };
}

export const facilitatorJoined = async (lang: Lang, d: FacilitatorMoveData) => move(lang, d, true);
export const facilitatorWithdrew = async (lang: Lang, d: FacilitatorMoveData) => move(lang, d, false);
