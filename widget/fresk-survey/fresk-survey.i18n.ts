import type { Lang } from '../shared/i18n.ts';
import { KIND_LABELS } from '../../domain/enums/missions.ts';
import type { TokenPageMessages } from '../shared/token-page.ts';

/** Texts of the satisfaction survey page. Participants are addressed with *vous* in French. */
export interface SurveyMessages extends TokenPageMessages {
  intro: (name: string) => string;
  questions: Record<'overall' | 'content' | 'facilitation' | 'recommend' | 'takeaway' | 'comment', string>;
  low: string;
  high: string;
  npsLow: string;
  npsHigh: string;
  optional: string;
  missing: string;
  thanks: string;
  thanksText: string;
  already: string;
  alreadyText: string;
}

export const messages: Record<Lang, SurveyMessages> = {
  fr: {
    locale: 'fr-FR',
    loading: 'Chargement…',
    kind: KIND_LABELS.fr,
    intro: (name) => `Bonjour ${name}, merci de prendre deux minutes pour nous dire ce que vous avez pensé de cette session. Vos réponses sont anonymes pour l’équipe d’animation.`,
    questions: {
      overall: 'Dans l’ensemble, êtes-vous satisfait·e de la session ?',
      content: 'Le contenu vous a-t-il été utile ?',
      facilitation: 'Comment jugez-vous l’animation ?',
      recommend: 'Recommanderiez-vous cette session à un·e collègue ou un·e proche ?',
      takeaway: 'Qu’allez-vous retenir ou faire après cette session ?',
      comment: 'Un commentaire, une suggestion ?',
    },
    low: '1 : pas du tout',
    high: '5 : tout à fait',
    npsLow: '0 : pas du tout',
    npsHigh: '10 : certainement',
    optional: 'facultatif',
    submit: 'Envoyer mes réponses',
    submitting: 'Envoi…',
    required: 'Choisissez une note.',
    missing: 'Répondez aux questions signalées avant d’envoyer.',
    thanks: 'Merci !',
    thanksText: 'Vos réponses sont enregistrées. Elles nous aident à améliorer nos ateliers et formations.',
    already: 'Déjà répondu',
    alreadyText: 'Vous avez déjà répondu à ce questionnaire. Merci pour votre participation !',
    unavailable: 'Le questionnaire n’est pas disponible',
    retry: 'Réessayer',
  },
  en: {
    locale: 'en-GB',
    loading: 'Loading…',
    kind: KIND_LABELS.en,
    intro: (name) => `Hello ${name}, thank you for taking two minutes to tell us what you thought of this session. Your answers are anonymous to the facilitators.`,
    questions: {
      overall: 'Overall, how satisfied are you with the session?',
      content: 'How useful was the content to you?',
      facilitation: 'How do you rate the facilitation?',
      recommend: 'Would you recommend this session to a colleague or a friend?',
      takeaway: 'What will you remember or do after this session?',
      comment: 'Any comment or suggestion?',
    },
    low: '1: not at all',
    high: '5: completely',
    npsLow: '0: not at all',
    npsHigh: '10: definitely',
    optional: 'optional',
    submit: 'Send my answers',
    submitting: 'Sending…',
    required: 'Choose a rating.',
    missing: 'Answer the questions marked before sending.',
    thanks: 'Thank you!',
    thanksText: 'Your answers are recorded. They help us improve our workshops and trainings.',
    already: 'Already answered',
    alreadyText: 'You have already answered this survey. Thank you for taking part!',
    unavailable: 'The survey is not available',
    retry: 'Try again',
  },
};
