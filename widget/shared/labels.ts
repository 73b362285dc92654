// From each theme's module, not the index: a bundle then takes only the tables it shows.
import { KIND_LABELS, MISSION_STATUS_LABELS, type Kind, type MissionStatus } from '../../domain/enums/missions.ts';
import { FACILITATOR_STATUS_LABELS, RETRIBUTION_LABELS, type FacilitatorStatus, type Retribution } from '../../domain/enums/people.ts';
import { LOCATION_MODE_LABELS, RETRIBUTION_TAG_LABELS, SESSION_STATUS_LABELS, type RetributionTag, type SessionStatus } from '../../domain/enums/sessions.ts';
import type { Lang } from './i18n.ts';

/** Words for the contract's enumerations, shared by the portal elements: the domain's tables (domain/enums/), by language. */
export interface DomainLabels {
  kind: Record<Kind, string>;
  facilitatorStatus: Record<FacilitatorStatus, string>;
  retribution: Record<Retribution, string>;
  retributionTag: Record<RetributionTag, string>;
  /** A session's status, and `ended` for a planned session whose end has passed (read, not stored). */
  sessionStatus: Record<SessionStatus | 'ended', string>;
  missionStatus: Record<MissionStatus, string>;
  online: string;
}

const ENDED: Record<Lang, string> = { fr: 'Terminée', en: 'Ended' };

const labelsIn = (lang: Lang): DomainLabels => ({
  kind: KIND_LABELS[lang],
  facilitatorStatus: FACILITATOR_STATUS_LABELS[lang],
  retribution: RETRIBUTION_LABELS[lang],
  retributionTag: RETRIBUTION_TAG_LABELS[lang],
  sessionStatus: { ...SESSION_STATUS_LABELS[lang], ended: ENDED[lang] },
  missionStatus: MISSION_STATUS_LABELS[lang],
  online: LOCATION_MODE_LABELS[lang].online,
});

export const domainLabels: Record<Lang, DomainLabels> = { fr: labelsIn('fr'), en: labelsIn('en') };
