import { common, type Lang } from '../shared/i18n.ts';

const fr = {
  ...common.fr,
  newSession: 'Nouvelle session',
  duration: (d: string) => `Durée : ${d}`,
  yourTime: (when: string) => `À ton heure : ${when}`,
  createdNext: 'Session planifiée. Invite maintenant les animateur·ices, puis les participant·es.',
  close: 'Fermer',
  tabs: 'Sections de la session',
  tabSession: 'Session',
  tabFacilitators: 'Animateur·ices',
  tabParticipants: 'Participant·es',
  saveFirst: "Planifie d'abord la session pour inviter des animateur·ices et des participant·es.",
  loading: 'Chargement de la session…',
  missionClosed: 'Cette mission est clôturée : la session se consulte mais ne se modifie plus.',
  sessionCancelled: 'Cette session est annulée.',
  notConfigured: "Ce module n'est pas configuré : il lui faut l'adresse du serveur (api) et une mission (mission-id) ou une session (session-id).",
};
export type SessionPlannerMessages = typeof fr;

const en: SessionPlannerMessages = {
  ...common.en,
  newSession: 'New session',
  duration: (d: string) => `Duration: ${d}`,
  yourTime: (when: string) => `Your time: ${when}`,
  createdNext: 'Session planned. Now invite the facilitators, then the participants.',
  close: 'Close',
  tabs: 'Session sections',
  tabSession: 'Session',
  tabFacilitators: 'Facilitators',
  tabParticipants: 'Participants',
  saveFirst: 'Plan the session first to invite facilitators and participants.',
  loading: 'Loading the session…',
  missionClosed: 'This mission is closed: the session can be viewed but no longer changed.',
  sessionCancelled: 'This session was cancelled.',
  notConfigured: 'This module is not configured: it needs the server address (api) and a mission (mission-id) or a session (session-id).',
};

export const messages: Record<Lang, SessionPlannerMessages> = { fr, en };
