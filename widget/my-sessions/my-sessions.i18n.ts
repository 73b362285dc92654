import { common, type Lang } from '../shared/i18n.ts';

const fr = {
  ...common.fr,
  heading: 'Mes sessions',
  none: "Tu n'as encore aucune session. Quand un·e coordinateur·ice t'invitera et que tu accepteras, elle apparaîtra ici.",
  mission: 'Mission',
  myStatus: 'Mon statut',
  retribution: 'Rétribution',
  calendar: 'Agenda',
  ics: '.ics',
  icsOf: (when: string) => `.ics : fichier agenda de la session du ${when}`,
  withdraw: 'Me retirer',
  withdrawFrom: (when: string) => `Me retirer de la session du ${when}`,
  withdrawn: 'Tu es retiré·e de la session ; le·la coordinateur·ice est prévenu·e.',
  feed: 'Mon agenda Fresk (abonnement)',
  feedHint: "Ajoute ce lien à Google Agenda, Apple Calendrier ou Thunderbird (« s'abonner par URL ») : toutes tes sessions y apparaissent et se mettent à jour. Garde-le pour toi.",
  regenerateFeed: 'Créer un nouveau lien',
  regeneratedFeed: "Nouveau lien d'agenda créé : l'ancien ne fonctionne plus.",
};
export type MySessionsMessages = typeof fr;

const en: MySessionsMessages = {
  ...common.en,
  heading: 'My sessions',
  none: 'You have no session yet. When a coordinator invites you and you accept, it will show up here.',
  mission: 'Mission',
  myStatus: 'My status',
  retribution: 'Retribution',
  calendar: 'Calendar',
  ics: '.ics',
  icsOf: (when: string) => `.ics: calendar file of the session on ${when}`,
  withdraw: 'Withdraw',
  withdrawFrom: (when: string) => `Withdraw from the session on ${when}`,
  withdrawn: 'You withdrew from the session; the coordinator is told.',
  feed: 'My Fresk calendar (subscription)',
  feedHint: 'Add this link to Google Calendar, Apple Calendar or Thunderbird ("subscribe by URL"): all your sessions show up there and stay up to date. Keep it to yourself.',
  regenerateFeed: 'Create a new link',
  regeneratedFeed: 'New calendar link created: the old one no longer works.',
};

export const messages: Record<Lang, MySessionsMessages> = { fr, en };
