import type { Labels } from './language.ts';

/**
 * The enumerations of a mission (API.md, "Enumerations"): what a client orders, who the client is, and
 * where the mission stands. The drizzle columns, the zod inputs and the types are derived from these arrays.
 */

/** A session's kind (*atelier* / *formation*); a mission's order counts interventions per kind. */
export const KINDS = ['atelier', 'formation'] as const;
export type Kind = (typeof KINDS)[number];
export const KIND_LABELS = {
  fr: { atelier: 'Atelier', formation: 'Formation' },
  en: { atelier: 'Workshop', formation: 'Training' },
} satisfies Labels<Kind>;
/** The kind inside a sentence ("a participé à l'atelier…"), as the attestation says it. */
export const KIND_IN_SENTENCE = {
  fr: { atelier: "l'atelier", formation: 'la formation' },
  en: { atelier: 'the workshop', formation: 'the training' },
} satisfies Labels<Kind>;
/** The participle that follows it ("l'atelier … organisé", "la formation … organisée"). */
export const KIND_HELD = {
  fr: { atelier: 'organisé', formation: 'organisée' },
  en: { atelier: 'held', formation: 'held' },
} satisfies Labels<Kind>;

/** The client organisation's sector; `benevole` is only for `enseignement`. */
export const SECTORS = ['entreprise', 'enseignement', 'collectivite', 'association'] as const;
export type Sector = (typeof SECTORS)[number];
export const SECTOR_LABELS = {
  fr: { entreprise: 'Entreprise', enseignement: 'Enseignement', collectivite: 'Collectivité', association: 'Association' },
  en: { entreprise: 'Company', enseignement: 'Education', collectivite: 'Local authority', association: 'Non-profit' },
} satisfies Labels<Sector>;

/** A mission is open until its coordinator closes it. */
export const MISSION_STATUSES = ['open', 'closed'] as const;
export type MissionStatus = (typeof MISSION_STATUSES)[number];
export const MISSION_STATUS_LABELS = {
  fr: { open: 'En cours', closed: 'Clôturée' },
  en: { open: 'Open', closed: 'Closed' },
} satisfies Labels<MissionStatus>;

/** A retribution request on the staff's desk (`admin.retributionRequests` `status` filter). */
export const REQUEST_STATUSES = ['pending', 'processed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS = {
  fr: { pending: 'À traiter', processed: 'Traitées' },
  en: { pending: 'To handle', processed: 'Handled' },
} satisfies Labels<RequestStatus>;
