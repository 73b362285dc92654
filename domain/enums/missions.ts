import type { Labels } from './language.ts';

/**
 * The enumerations of a mission (API.md, "Enumerations"): what a client orders and
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

/** A mission is open until its coordinator closes it. */
export const MISSION_STATUSES = ['open', 'closed'] as const;
export type MissionStatus = (typeof MISSION_STATUSES)[number];
export const MISSION_STATUS_LABELS = {
  fr: { open: 'En cours', closed: 'Clôturée' },
  en: { open: 'Open', closed: 'Closed' },
} satisfies Labels<MissionStatus>;
