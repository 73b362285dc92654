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

/** A signed-in person's role (the JWT's `role` claim). */
export const ROLES = ['facilitator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
