import { common, type Lang } from '../shared/i18n.ts';

const fr = {
  ...common.fr,
  heading: 'Invitation à animer une session',
  loading: "Chargement de l'invitation…",
  invitedBy: (name: string) => `${name} t'invite à animer cette session.`,
  when: 'Date',
  timeRange: (start: string, end: string) => `${start} – ${end}`,
  slots: "Places d'animateur·ice",
  slotsLeft: (n: number) => (n > 0 ? `${n} place${n > 1 ? 's' : ''} restante${n > 1 ? 's' : ''}` : 'aucune place restante'),
  accept: 'Accepter',
  accepting: 'Inscription…',
  joined: "C'est noté : tu es inscrit·e sur cette session. Ton ou ta coordinateur·ice la voit dans son tableau de bord.",
  signInToAccept: "Connecte-toi pour accepter l'invitation : tu recevras un lien par email.",
  reasons: {
    not_of_compliant:
      "Seul·es les animateur·ices conformes OF peuvent intervenir sur cette session. Rapproche-toi de l'association pour le devenir.",
    no_slot_left: "Session complète : toutes les places d'animateur·ice sont déjà prises. Si une place se libère, le·la coordinateur·ice pourra t'inviter de nouveau.",
    invitation_for_someone_else:
      "Cette invitation personnelle a été envoyée à une autre adresse email que celle avec laquelle tu es connecté·e. Connecte-toi avec l'adresse qui a reçu l'invitation, ou demande au·à la coordinateur·ice de t'inviter à la tienne.",
    already_registered: 'Tu es déjà inscrit·e sur cette session : rien de plus à faire.',
    invalid_token: "Ce lien d'invitation n'est pas valide : il a expiré, a déjà servi ou a été remplacé. Demande un nouveau lien à la personne qui t'a invité·e.",
    session_ended: 'Cette session a déjà eu lieu : on ne peut plus la rejoindre.',
    session_cancelled: 'Cette session a été annulée.',
    mission_closed: 'Cette mission est clôturée : on ne peut plus rejoindre ses sessions.',
  } as Record<string, string>,
};
export type FacilitatorJoinMessages = typeof fr;

const en: FacilitatorJoinMessages = {
  ...common.en,
  heading: 'Invitation to facilitate a session',
  loading: 'Loading the invitation…',
  invitedBy: (name: string) => `${name} invites you to facilitate this session.`,
  when: 'Date',
  timeRange: (start: string, end: string) => `${start} – ${end}`,
  slots: 'Facilitator slots',
  slotsLeft: (n: number) => (n > 0 ? `${n} slot${n > 1 ? 's' : ''} left` : 'no slot left'),
  accept: 'Accept',
  accepting: 'Registering…',
  joined: 'Done: you are registered on this session. Your coordinator sees it on their dashboard.',
  signInToAccept: 'Sign in to accept the invitation: you will receive a link by email.',
  reasons: {
    not_of_compliant: 'Only OF-compliant facilitators can work on this session. Contact the association to become compliant.',
    no_slot_left: 'Session full: every facilitator slot is already taken. If one frees up, the coordinator can invite you again.',
    invitation_for_someone_else:
      'This personal invitation was sent to another email address than the one you are signed in with. Sign in with the address that received it, or ask the coordinator to invite yours.',
    already_registered: 'You are already registered on this session: nothing more to do.',
    invalid_token: 'This invitation link is not valid: it expired, was already used or was replaced. Ask the person who invited you for a new link.',
    session_ended: 'This session has already taken place: it can no longer be joined.',
    session_cancelled: 'This session was cancelled.',
    mission_closed: 'This mission is closed: its sessions can no longer be joined.',
  },
};

export const messages: Record<Lang, FacilitatorJoinMessages> = { fr, en };
