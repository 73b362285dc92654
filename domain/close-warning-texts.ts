import type { Lang } from './enums/language.ts';
import type { CloseWarning } from './reasons.ts';

/**
 * The closing warnings of API.md (`missions.get` → `close.warnings`), in words for the coordinator. A module
 * of their own: only the mission dashboard shows them, so the portal's first view does not carry them.
 */
export const closeWarningTexts: Record<Lang, Record<CloseWarning, string>> = {
  fr: {
    attendance_missing: "l'émargement n'a pas été fait pour une session passée avec des participant·es ;",
    followup_pending: "des personnes présentes n'ont pas encore reçu leur attestation et le questionnaire ;",
    order_not_fulfilled: 'moins d’interventions réalisées que commandées pour un type de session.',
  },
  en: {
    attendance_missing: 'attendance was not taken for a past session with participants;',
    followup_pending: 'some present participants have not yet received their certificate and the survey;',
    order_not_fulfilled: 'fewer interventions delivered than ordered for a kind of session.',
  },
};
