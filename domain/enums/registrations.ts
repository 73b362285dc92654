import type { Labels } from './language.ts';

/** The enumerations of registrations and personal invitations (API.md "Enumerations"), with their words. */

/** A participant's registration: a seat, or a place on the waiting list. */
export const REGISTRATION_STATUSES = ['registered', 'waitlisted'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const REGISTRATION_STATUS_LABELS = {
  fr: { registered: 'Inscrit·e', waitlisted: "Sur liste d'attente" },
  en: { registered: 'Registered', waitlisted: 'On the waiting list' },
} satisfies Labels<RegistrationStatus>;

/** Who a personal invitation is for. */
export const INVITATION_KINDS = ['facilitator', 'participant'] as const;
export type InvitationKind = (typeof INVITATION_KINDS)[number];
export const INVITATION_KIND_LABELS = {
  fr: { facilitator: 'Animateur·ice', participant: 'Participant·e' },
  en: { facilitator: 'Facilitator', participant: 'Participant' },
} satisfies Labels<InvitationKind>;

/** A personal invitation on record: waiting, used (joined or registered), replaced by a newer one, or expired. */
export const INVITATION_STATES = ['pending', 'used', 'revoked', 'expired'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];
export const INVITATION_STATE_LABELS = {
  fr: { pending: 'En attente', used: 'Acceptée', revoked: 'Remplacée', expired: 'Expirée' },
  en: { pending: 'Pending', used: 'Accepted', revoked: 'Replaced', expired: 'Expired' },
} satisfies Labels<InvitationState>;
