import type { Lang } from '../shared/i18n.ts';

const fr = {
  missions: 'Mes missions',
  loading: 'Chargement…',
  retry: 'Réessayer',
  noApi: "Ce module n'est pas configuré : l'adresse du serveur (attribut api) manque.",
  client: 'Client',
  orderLine: (kind: string, planned: number, ordered: number) => `${kind} : ${planned} / ${ordered}`,
  back: 'Toutes mes missions',
  mySessions: 'Mes sessions',
  noSessions: "Tu n'as encore aucune session. Quand un·e coordinateur·ice t'invitera et que tu accepteras, elle apparaîtra ici.",
  date: 'Date',
  mission: 'Mission',
  kind: 'Type',
  where: 'Lieu',
  status: 'Statut',
  seeMine: 'Voir mes sessions',
  expired: 'Ta connexion a expiré : reçois un nouveau lien pour continuer.',
  signInForMission: 'Connecte-toi pour ouvrir cette mission : tu y arriveras directement en suivant le lien reçu.',
};
export type FreskMissionsMessages = typeof fr;

const en: FreskMissionsMessages = {
  missions: 'My missions',
  loading: 'Loading…',
  retry: 'Try again',
  noApi: 'This module is not configured: the server address (api attribute) is missing.',
  client: 'Client',
  orderLine: (kind: string, planned: number, ordered: number) => `${kind}: ${planned} / ${ordered}`,
  back: 'All my missions',
  mySessions: 'My sessions',
  noSessions: 'You have no session yet. When a coordinator invites you and you accept, it will show up here.',
  date: 'Date',
  mission: 'Mission',
  kind: 'Type',
  where: 'Place',
  status: 'Status',
  seeMine: 'See my sessions',
  expired: 'Your sign-in expired: get a new link to carry on.',
  signInForMission: 'Sign in to open this mission: the link you receive brings you straight to it.',
};

export const messages: Record<Lang, FreskMissionsMessages> = { fr, en };
