import type { Labels } from './language.ts';

/** The enumerations of the association's desk (API.md, `admin.*`), with their words. */

/** A retribution request on the staff's desk (`admin.retributionRequests` `status` filter). */
export const REQUEST_STATUSES = ['pending', 'processed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS = {
  fr: { pending: 'À traiter', processed: 'Traitées' },
  en: { pending: 'To handle', processed: 'Handled' },
} satisfies Labels<RequestStatus>;

/** The staff's filter on compliance (`admin.facilitators` `of`): unknown (nobody said yet), yes, no. */
export const OF_FILTERS = ['unknown', 'yes', 'no'] as const;
export type OfFilter = (typeof OF_FILTERS)[number];
export const OF_FILTER_LABELS = {
  fr: { unknown: 'À vérifier', yes: 'Conforme', no: 'Non conforme' },
  en: { unknown: 'To check', yes: 'Compliant', no: 'Not compliant' },
} satisfies Labels<OfFilter>;
