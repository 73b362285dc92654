import type { Lang } from '../shared/i18n.ts';
import { KIND_LABELS } from '../../domain/enums/missions.ts';
import type { TokenPageMessages } from '../shared/token-page.ts';

/** Texts of the self check-in page. Participants are addressed with *vous* in French. */
export interface CheckInMessages extends TokenPageMessages {
  heading: string;
  intro: string;
  email: string;
  name: string;
  notRegistered: string;
  consent: string;
  done: string;
  doneText: (name: string) => string;
  opensAt: (when: string) => string;
  invalidEmail: string;
}

export const messages: Record<Lang, CheckInMessages> = {
  fr: {
    locale: 'fr-FR',
    loading: 'Chargement…',
    kind: KIND_LABELS.fr,
    heading: 'Je suis présent·e',
    intro: "Indiquez l'adresse email avec laquelle vous vous êtes inscrit·e.",
    email: 'Votre email',
    name: 'Votre nom',
    notRegistered: "Cette adresse n'est pas inscrite à la session : indiquez votre nom pour être ajouté·e à la liste de présence.",
    consent: "J'accepte que mon nom et mon email servent à m'envoyer mon attestation de présence et un questionnaire de satisfaction.",
    submit: 'Je suis présent·e',
    submitting: 'Enregistrement…',
    done: 'Présence enregistrée',
    doneText: (name) => `Merci ${name}, votre présence est enregistrée. Bonne session !`,
    unavailable: "L'enregistrement n'est pas possible",
    opensAt: (when) => `Ouverture : ${when}.`,
    retry: 'Réessayer',
    required: 'Ce champ est obligatoire.',
    invalidEmail: 'Saisissez une adresse email valide.',
  },
  en: {
    locale: 'en-GB',
    loading: 'Loading…',
    kind: KIND_LABELS.en,
    heading: "I'm here",
    intro: 'Enter the email address you registered with.',
    email: 'Your email',
    name: 'Your name',
    notRegistered: 'This address is not registered for the session: enter your name to be added to the attendance list.',
    consent: 'I agree that my name and email are used to send me my certificate of attendance and a satisfaction survey.',
    submit: "I'm here",
    submitting: 'Checking in…',
    done: 'You are checked in',
    doneText: (name) => `Thank you ${name}, your attendance is recorded. Enjoy the session!`,
    unavailable: 'Check-in is not possible',
    opensAt: (when) => `Opens: ${when}.`,
    retry: 'Try again',
    required: 'This field is required.',
    invalidEmail: 'Enter a valid email address.',
  },
};
