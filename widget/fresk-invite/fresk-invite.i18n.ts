import type { Lang } from '../shared/i18n.ts';
import { KIND_LABELS, type Kind } from '../../domain/enums/missions.ts';
import { LOCATION_MODE_LABELS } from '../../domain/enums/sessions.ts';

/** Every string `<fresk-invite>` shows, besides the server's reasons (shared in `../shared/i18n.ts`). */
export interface InviteMessages {
  locale: string;
  kind: Record<Kind, string>;
  loading: string;
  when: string;
  where: string;
  online: string;
  client: string;
  seats: string;
  seatsLeft: (n: number) => string;
  name: string;
  email: string;
  consent: string;
  submit: string;
  submitting: string;
  nameRequired: string;
  emailRequired: string;
  emailInvalid: string;
  consentRequired: string;
  unavailable: string;
  retry: string;
  registered: string;
  emailSent: (email: string) => string;
  addToCalendar: string;
  cancelIntro: string;
  cancel: string;
  cancelling: string;
  cancelUnavailable: string;
  cancelled: string;
  cancelledNote: string;
  /** Reasons said to participants (*vous*), where the shared table speaks to facilitators. */
  reasons: Record<string, string>;
  waitlistIntro: string;
  joinWaitlist: string;
  leaveWaitlist: string;
  waitlisted: string;
  waitlistPosition: (position: number, email: string) => string;
}

export const messages: Record<Lang, InviteMessages> = {
  fr: {
    locale: 'fr-FR',
    kind: KIND_LABELS.fr,
    loading: 'Chargement de la session…',
    when: 'Quand',
    where: 'Où',
    online: LOCATION_MODE_LABELS.fr.online,
    client: 'Organisation',
    seats: 'Places',
    seatsLeft: (n) => (n === 0 ? 'Complet' : n === 1 ? '1 place restante' : `${n} places restantes`),
    name: 'Prénom et nom',
    email: 'Adresse email',
    consent:
      "J'accepte de recevoir l'attestation de présence et le questionnaire de satisfaction à cette adresse",
    submit: "Je m'inscris",
    submitting: 'Inscription en cours…',
    nameRequired: 'Indiquez votre prénom et votre nom.',
    emailRequired: 'Indiquez votre adresse email.',
    emailInvalid: 'Cette adresse email ne semble pas valide (exemple : prenom.nom@exemple.fr).',
    consentRequired:
      "Cochez cette case pour vous inscrire : l'attestation et le questionnaire ne peuvent être envoyés qu'à cette adresse.",
    unavailable: 'Inscription impossible',
    retry: 'Réessayer',
    registered: 'Inscription confirmée',
    emailSent: (email) =>
      `Un email de confirmation a été envoyé à ${email}. Il contient un lien pour annuler votre inscription si vous ne pouvez plus venir.`,
    addToCalendar: 'Ajouter à mon agenda',
    cancelIntro: 'Vous ne pouvez plus venir ? Annulez votre inscription pour libérer votre place.',
    cancel: 'Annuler mon inscription',
    cancelling: 'Annulation en cours…',
    cancelUnavailable: 'Annulation impossible',
    cancelled: 'Inscription annulée',
    cancelledNote: 'Votre place est libérée pour une autre personne. Merci de nous avoir prévenus.',
    reasons: {
      already_registered: 'Vous êtes déjà inscrit·e à cette session.',
      rate_limited: 'Trop de tentatives : réessayez dans une minute.',
      network: 'Le serveur ne répond pas. Vérifiez votre connexion et réessayez.',
      database_unavailable: 'Le service est momentanément indisponible. Réessayez dans quelques instants.',
      unknown: 'Une erreur inattendue est survenue. Réessayez.',
    },
    waitlistIntro: "Cette session est complète. Inscrivez-vous sur la liste d'attente : si une place se libère, vous serez inscrit·e et prévenu·e par email.",
    joinWaitlist: "Rejoindre la liste d'attente",
    leaveWaitlist: "Quitter la liste d'attente",
    waitlisted: "Vous êtes sur la liste d'attente",
    waitlistPosition: (p, email) => `Position ${p}. Un email a été envoyé à ${email}, avec un lien pour quitter la liste.`,
  },
  en: {
    locale: 'en-GB',
    kind: KIND_LABELS.en,
    loading: 'Loading the session…',
    when: 'When',
    where: 'Where',
    online: LOCATION_MODE_LABELS.en.online,
    client: 'Organisation',
    seats: 'Seats',
    seatsLeft: (n) => (n === 0 ? 'Full' : n === 1 ? '1 seat left' : `${n} seats left`),
    name: 'Full name',
    email: 'Email address',
    consent: 'I agree to receive the attendance certificate and the satisfaction survey at this address',
    submit: 'Register',
    submitting: 'Registering…',
    nameRequired: 'Enter your full name.',
    emailRequired: 'Enter your email address.',
    emailInvalid: 'This email address does not look valid (example: name@example.org).',
    consentRequired:
      'Tick this box to register: the certificate and the survey can only be sent to this address.',
    unavailable: 'Registration unavailable',
    retry: 'Try again',
    registered: 'Registration confirmed',
    emailSent: (email) =>
      `A confirmation email was sent to ${email}. It has a link to cancel your registration if you cannot come.`,
    addToCalendar: 'Add to my calendar',
    cancelIntro: 'Cannot come any more? Cancel your registration to free your seat.',
    cancel: 'Cancel my registration',
    cancelling: 'Cancelling…',
    cancelUnavailable: 'Cancellation unavailable',
    cancelled: 'Registration cancelled',
    cancelledNote: 'Your seat is free for someone else. Thank you for letting us know.',
    reasons: {},
    waitlistIntro: 'This session is full. Join the waiting list: if a seat frees up, you will be registered and told by email.',
    joinWaitlist: 'Join the waiting list',
    leaveWaitlist: 'Leave the waiting list',
    waitlisted: 'You are on the waiting list',
    waitlistPosition: (p, email) => `Position ${p}. An email was sent to ${email}, with a link to leave the list.`,
  },
};
