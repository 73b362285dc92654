import type { Labels } from './language.ts';

/** The enumerations about people on a session (API.md, "Enumerations"), with their words. */

/** A facilitator's status on a session: paid by the association (the default), internal, or volunteer (`enseignement` only). */
export const FACILITATOR_STATUSES = ['remunere', 'interne', 'benevole'] as const;
export type FacilitatorStatus = (typeof FACILITATOR_STATUSES)[number];
export const FACILITATOR_STATUS_LABELS = {
  fr: { remunere: 'Rémunéré·e', interne: 'Interne', benevole: 'Bénévole' },
  en: { remunere: 'Paid', interne: 'Internal', benevole: 'Volunteer' },
} satisfies Labels<FacilitatorStatus>;

/** A facilitator's retribution on a session. */
export const RETRIBUTIONS = ['not_requested', 'requested', 'not_applicable'] as const;
export type Retribution = (typeof RETRIBUTIONS)[number];
export const RETRIBUTION_LABELS = {
  fr: { not_requested: 'Rétribution à demander', requested: 'Rétribution demandée', not_applicable: 'Sans rétribution' },
  en: { not_requested: 'Pay to request', requested: 'Pay requested', not_applicable: 'No pay' },
} satisfies Labels<Retribution>;

/** How a participant came onto a session: through a link or an invitation, or added on the day. */
export const SOURCES = ['registered', 'walk_in'] as const;
export type Source = (typeof SOURCES)[number];
export const SOURCE_LABELS = {
  fr: { registered: 'inscrit·e', walk_in: 'sur place' },
  en: { registered: 'registered', walk_in: 'walk-in' },
} satisfies Labels<Source>;

/** A participant's attendance on the day (émargement). */
export const ATTENDANCES = ['unknown', 'present', 'absent'] as const;
export type Attendance = (typeof ATTENDANCES)[number];
export const ATTENDANCE_LABELS = {
  fr: { unknown: 'Non renseigné·e', present: 'Présent·e', absent: 'Absent·e' },
  en: { unknown: 'Not marked', present: 'Present', absent: 'Absent' },
} satisfies Labels<Attendance>;

/** Who marked a person present: a facilitator of the session, or the person by the check-in QR code. */
export const CHECKED_IN_BY = ['facilitator', 'self'] as const;
export type CheckedInBy = (typeof CHECKED_IN_BY)[number];
export const CHECKED_IN_BY_LABELS = {
  fr: { facilitator: "enregistré·e par l'animateur·ice", self: 'enregistré·e par QR code' },
  en: { facilitator: 'checked in by a facilitator', self: 'checked in by QR code' },
} satisfies Labels<CheckedInBy>;

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

/** The staff's filter on compliance (`admin.facilitators` `of`): unknown (nobody said yet), yes, no. */
export const OF_FILTERS = ['unknown', 'yes', 'no'] as const;
export type OfFilter = (typeof OF_FILTERS)[number];
export const OF_FILTER_LABELS = {
  fr: { unknown: 'À vérifier', yes: 'Conforme', no: 'Non conforme' },
  en: { unknown: 'To check', yes: 'Compliant', no: 'Not compliant' },
} satisfies Labels<OfFilter>;

/** A signed-in person's role (the JWT's `role` claim). */
export const ROLES = ['facilitator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
