import type { Lang } from '../shared/i18n.ts';

const fr = {
  hint: 'Une ou plusieurs adresses, séparées par des virgules, des espaces ou des retours à la ligne.',
  send: 'Envoyer les invitations',
  sending: 'Envoi…',
  empty: 'Indique au moins une adresse email.',
  tooMany: 'Cent adresses au plus par envoi.',
  results: "Résultat de l'envoi",
  invited: 'invitation envoyée',
  refused: (why: string) => `refusée : ${why}`,
  summary: (invited: number, refused: number) =>
    [invited ? `${invited} invitation${invited > 1 ? 's' : ''} envoyée${invited > 1 ? 's' : ''}` : '', refused ? `${refused} adresse${refused > 1 ? 's' : ''} refusée${refused > 1 ? 's' : ''}` : '']
      .filter(Boolean)
      .join(', ') + '.',
  refusedReasons: {
    invalid_email: "ce n'est pas une adresse email valide",
    not_of_compliant: "cette personne n'est pas conforme OF : elle ne peut pas intervenir sur la session",
    already_registered: 'déjà inscrit·e sur cette session',
    no_slot_left: "plus de place d'animateur·ice sur cette session",
    session_full: 'la session est complète',
    session_ended: 'la session est terminée',
    session_cancelled: 'la session est annulée',
  } as Record<string, string>,
};
export type EmailInvitesMessages = typeof fr;

const en: EmailInvitesMessages = {
  hint: 'One or more addresses, separated by commas, spaces or line breaks.',
  send: 'Send the invitations',
  sending: 'Sending…',
  empty: 'Enter at least one email address.',
  tooMany: 'At most a hundred addresses at a time.',
  results: 'Sending results',
  invited: 'invitation sent',
  refused: (why: string) => `refused: ${why}`,
  summary: (invited: number, refused: number) =>
    [invited ? `${invited} invitation${invited > 1 ? 's' : ''} sent` : '', refused ? `${refused} address${refused > 1 ? 'es' : ''} refused` : '']
      .filter(Boolean)
      .join(', ') + '.',
  refusedReasons: {
    invalid_email: 'not a valid email address',
    not_of_compliant: 'this person is not OF-compliant and cannot work on the session',
    already_registered: 'already registered on this session',
    no_slot_left: 'no facilitator slot left on this session',
    session_full: 'the session is full',
    session_ended: 'the session has ended',
    session_cancelled: 'the session was cancelled',
  },
};

export const messages: Record<Lang, EmailInvitesMessages> = { fr, en };
