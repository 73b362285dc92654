import type { Lang } from '../shared/i18n.ts';

const fr = {
  heading: 'Connexion',
  intro: 'Indique ton adresse email : tu recevras un lien pour te connecter, sans mot de passe.',
  email: 'Adresse email',
  send: 'Recevoir un lien de connexion',
  sending: 'Envoi…',
  sent: "Si cette adresse est connue, un lien de connexion vient d'y être envoyé.",
  invalidEmail: 'Indique une adresse email valide, par exemple prenom@exemple.fr.',
};
export type SignInMessages = typeof fr;

const en: SignInMessages = {
  heading: 'Sign in',
  intro: 'Enter your email address: you will receive a link to sign in, no password needed.',
  email: 'Email address',
  send: 'Send me a sign-in link',
  sending: 'Sending…',
  sent: 'If this address is known, a sign-in link has just been sent to it.',
  invalidEmail: 'Enter a valid email address, for example name@example.org.',
};

export const messages: Record<Lang, SignInMessages> = { fr, en };
