import { common, type Lang } from '../shared/i18n.ts';

const fr = {
  ...common.fr,
  missions: 'Mes missions',
  noApi: "Ce module n'est pas configuré : l'adresse du serveur (attribut api) manque.",
  orderLine: (kind: string, planned: number, ordered: number) => `${kind} : ${planned} / ${ordered}`,
  back: 'Toutes mes missions',
  mySessions: 'Mes sessions',
  noSessions: "Tu n'as encore aucune session. Quand un·e coordinateur·ice t'invitera et que tu accepteras, elle apparaîtra ici.",
  mission: 'Mission',
  seeMine: 'Voir mes sessions',
  expired: 'Ta connexion a expiré : reçois un nouveau lien pour continuer.',
  signInForMission: 'Connecte-toi pour ouvrir cette mission : tu y arriveras directement en suivant le lien reçu.',
};
export type FreskMissionsMessages = typeof fr;

const en: FreskMissionsMessages = {
  ...common.en,
  missions: 'My missions',
  noApi: 'This module is not configured: the server address (api attribute) is missing.',
  orderLine: (kind: string, planned: number, ordered: number) => `${kind}: ${planned} / ${ordered}`,
  back: 'All my missions',
  mySessions: 'My sessions',
  noSessions: 'You have no session yet. When a coordinator invites you and you accept, it will show up here.',
  mission: 'Mission',
  seeMine: 'See my sessions',
  expired: 'Your sign-in expired: get a new link to carry on.',
  signInForMission: 'Sign in to open this mission: the link you receive brings you straight to it.',
};

export const messages: Record<Lang, FreskMissionsMessages> = { fr, en };
