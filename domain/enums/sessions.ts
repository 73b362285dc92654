import type { Labels } from './language.ts';

/** The enumerations of a session (API.md, "Enumerations"), with their words. */

/** A session is planned until cancelled; "ended" is read from its end, not stored. */
export const SESSION_STATUSES = ['planned', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const SESSION_STATUS_LABELS = {
  fr: { planned: 'Planifiée', cancelled: 'Annulée' },
  en: { planned: 'Planned', cancelled: 'Cancelled' },
} satisfies Labels<SessionStatus>;

/** Where a session takes place: an address, or a link. */
export const LOCATION_MODES = ['onsite', 'online'] as const;
export type LocationMode = (typeof LOCATION_MODES)[number];
export const LOCATION_MODE_LABELS = {
  fr: { onsite: 'Sur place', online: 'En ligne' },
  en: { onsite: 'On site', online: 'Online' },
} satisfies Labels<LocationMode>;

/** Per session: whether its paid facilitators' retributions are still to request (`none`: nothing to pay, or not ended). */
export const RETRIBUTION_TAGS = ['none', 'to_request', 'requested'] as const;
export type RetributionTag = (typeof RETRIBUTION_TAGS)[number];
export const RETRIBUTION_TAG_LABELS = {
  fr: { none: '', to_request: 'Rétributions à demander', requested: 'Rétributions demandées' },
  en: { none: '', to_request: 'Pay to request', requested: 'Pay requested' },
} satisfies Labels<RetributionTag>;

/** Per session: whether the present participants got their attestation and survey (`none`: not ended, or nobody present). */
export const FOLLOW_UP_TAGS = ['none', 'to_send', 'sent'] as const;
export type FollowUpTag = (typeof FOLLOW_UP_TAGS)[number];
export const FOLLOW_UP_TAG_LABELS = {
  fr: { none: '', to_send: 'Attestations à envoyer', sent: 'Attestations envoyées' },
  en: { none: '', to_send: 'Certificates to send', sent: 'Certificates sent' },
} satisfies Labels<FollowUpTag>;

/** The links of a session that `sessions.regenerateLink` replaces. */
export const SESSION_LINKS = ['facilitator', 'participant', 'checkin'] as const;
export type SessionLink = (typeof SESSION_LINKS)[number];
