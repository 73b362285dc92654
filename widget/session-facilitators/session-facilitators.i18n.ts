import { common, type Lang } from '../shared/i18n.ts';

const fr = {
  ...common.fr,
  heading: 'Animateur·ices',
  intro:
    "Partage le lien ou invite par email. Seul·es les animateur·ices conformes OF peuvent intervenir. Une fois inscrit·e, un·e animateur·ice apparaît ici et dans ton tableau de bord.",
  slots: (registered: number, expected: number) =>
    `${registered} inscrit·e${registered > 1 ? 's' : ''} sur ${expected} attendu·e${expected > 1 ? 's' : ''}`,
  openSlots: (n: number) => (n > 0 ? `${n} place${n > 1 ? 's' : ''} ouverte${n > 1 ? 's' : ''}` : 'aucune place ouverte'),
  retribution: 'Rétribution',
  actions: 'Actions',
  afterSession: 'après la session',
  retributionLabel: 'Rétribution :',
  statusHelp:
    "Rémunéré·e : l'association verse une rétribution. Interne : salarié·e ou étudiant·e non rétribué·e par l'association. Bénévole : missions du secteur enseignement seulement.",
  statusOf: (name: string) => `Statut de ${name}`,
  remove: 'Retirer',
  removeWho: (name: string) => `Retirer ${name} de la session`,
  removed: (name: string) => `${name} a été retiré·e de la session.`,
  statusChanged: (name: string, status: string) => `Statut de ${name} : ${status}.`,
  nobody: "Personne n'est encore inscrit·e.",
  benevoleHint: 'Le statut bénévole est réservé aux missions du secteur enseignement.',
  link: "Lien d'invitation des animateur·ices",
  regenerate: 'Créer un nouveau lien',
  regenerateHint: "Le lien actuel cessera de fonctionner : utile s'il a circulé trop largement.",
  regenerated: "Nouveau lien créé : l'ancien ne fonctionne plus.",
  inviteByEmail: 'Inviter par email',
  closedForInvites: "Cette session n'accepte plus d'invitations.",
  reasons: {
    retribution_requested: 'Sa rétribution pour cette session est déjà demandée : son statut ne peut plus changer.',
  } as Record<string, string>,
};
export type SessionFacilitatorsMessages = typeof fr;

const en: SessionFacilitatorsMessages = {
  ...common.en,
  heading: 'Facilitators',
  intro:
    'Share the link or invite by email. Only OF-compliant facilitators can work on the session. Once registered, a facilitator shows up here and on your dashboard.',
  slots: (registered: number, expected: number) => `${registered} registered out of ${expected} expected`,
  openSlots: (n: number) => (n > 0 ? `${n} open slot${n > 1 ? 's' : ''}` : 'no open slot'),
  retribution: 'Pay',
  actions: 'Actions',
  afterSession: 'after the session',
  retributionLabel: 'Pay:',
  statusHelp:
    'Paid: the association pays a retribution. Internal: an employee or student not paid by the association. Volunteer: education-sector missions only.',
  statusOf: (name: string) => `Status of ${name}`,
  remove: 'Remove',
  removeWho: (name: string) => `Remove ${name} from the session`,
  removed: (name: string) => `${name} was removed from the session.`,
  statusChanged: (name: string, status: string) => `Status of ${name}: ${status}.`,
  nobody: 'Nobody is registered yet.',
  benevoleHint: 'Volunteer status is only for education-sector missions.',
  link: 'Facilitator invitation link',
  regenerate: 'Create a new link',
  regenerateHint: 'The current link will stop working: useful if it was shared too widely.',
  regenerated: 'New link created: the old one no longer works.',
  inviteByEmail: 'Invite by email',
  closedForInvites: 'This session no longer takes invitations.',
  reasons: {
    retribution_requested: 'Their pay for this session was already requested: their status can no longer change.',
  },
};

export const messages: Record<Lang, SessionFacilitatorsMessages> = { fr, en };
