import { common, type Lang } from '../shared/i18n.ts';

const fr = {
  ...common.fr,
  heading: 'Participant·es',
  seats: (registered: number, left: number, capacity: number) =>
    `${registered} inscrit·e${registered > 1 ? 's' : ''} — ${left} place${left > 1 ? 's' : ''} restante${left > 1 ? 's' : ''} sur ${capacity}`,
  link: "Lien d'inscription des participant·es",
  linkHint: "Tu peux le transmettre à ton contact dans l'organisation, qui le fera suivre.",
  regenerate: 'Créer un nouveau lien',
  regenerateHint: "Le lien actuel cessera de fonctionner ; les inscriptions déjà faites restent.",
  regenerated: "Nouveau lien créé : l'ancien ne fonctionne plus.",
  inviteByEmail: 'Inviter par email',
  emailMatters: "L'attestation de présence et le questionnaire de satisfaction sont envoyés à cette adresse.",
  registeredAt: 'Inscription',
  actions: 'Actions',
  remove: 'Retirer',
  removeWho: (name: string) => `Retirer ${name} de la session`,
  removed: (name: string) => `${name} a été retiré·e de la session.`,
  nobody: "Personne n'est encore inscrit·e.",
  export: 'Exporter CSV',
  exportHint: 'Nom, email et date d’inscription, pour un tableur.',
  closedForInvites: "Cette session n'accepte plus d'inscriptions.",
  fileName: (date: string) => `participants-${date}.csv`,
  waitlist: (n: number) => `Liste d'attente (${n})`,
  waitlistHint: 'Quand une place se libère, la première personne est inscrite et prévenue automatiquement.',
  position: 'Position',
  joinedAt: 'Depuis le',
};
export type SessionParticipantsMessages = typeof fr;

const en: SessionParticipantsMessages = {
  ...common.en,
  heading: 'Participants',
  seats: (registered: number, left: number, capacity: number) =>
    `${registered} registered — ${left} seat${left > 1 ? 's' : ''} left out of ${capacity}`,
  link: 'Participant signup link',
  linkHint: 'You can pass it on to your contact in the organisation, who will forward it.',
  regenerate: 'Create a new link',
  regenerateHint: 'The current link will stop working; registrations already made stay.',
  regenerated: 'New link created: the old one no longer works.',
  inviteByEmail: 'Invite by email',
  emailMatters: 'The attendance certificate and the satisfaction survey are sent to this address.',
  registeredAt: 'Registered',
  actions: 'Actions',
  remove: 'Remove',
  removeWho: (name: string) => `Remove ${name} from the session`,
  removed: (name: string) => `${name} was removed from the session.`,
  nobody: 'Nobody is registered yet.',
  export: 'Export CSV',
  exportHint: 'Name, email and registration date, for a spreadsheet.',
  closedForInvites: 'This session no longer takes registrations.',
  fileName: (date: string) => `participants-${date}.csv`,
  waitlist: (n: number) => `Waiting list (${n})`,
  waitlistHint: 'When a seat frees up, the first person is registered and told automatically.',
  position: 'Position',
  joinedAt: 'Since',
};

export const messages: Record<Lang, SessionParticipantsMessages> = { fr, en };
