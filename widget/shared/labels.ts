import type { Lang } from './i18n.ts';
import type { FacilitatorStatus, Kind, Retribution, RetributionTag } from './api.ts';

/** Words for the contract's enumerations, shared by the portal elements. */
export interface DomainLabels {
  kind: Record<Kind, string>;
  facilitatorStatus: Record<FacilitatorStatus, string>;
  retribution: Record<Retribution, string>;
  retributionTag: Record<RetributionTag, string>;
  sessionStatus: { planned: string; cancelled: string; ended: string };
  missionStatus: { open: string; closed: string };
  online: string;
}

export const domainLabels: Record<Lang, DomainLabels> = {
  fr: {
    kind: { atelier: 'Atelier', formation: 'Formation' },
    facilitatorStatus: { remunere: 'Rémunéré·e', interne: 'Interne', benevole: 'Bénévole' },
    retribution: { not_requested: 'Rétribution à demander', requested: 'Rétribution demandée', not_applicable: 'Sans rétribution' },
    retributionTag: { none: '', to_request: 'Rétributions à demander', requested: 'Rétributions demandées' },
    sessionStatus: { planned: 'Planifiée', cancelled: 'Annulée', ended: 'Terminée' },
    missionStatus: { open: 'En cours', closed: 'Clôturée' },
    online: 'En ligne',
  },
  en: {
    kind: { atelier: 'Workshop', formation: 'Training' },
    facilitatorStatus: { remunere: 'Paid', interne: 'Internal', benevole: 'Volunteer' },
    retribution: { not_requested: 'Pay to request', requested: 'Pay requested', not_applicable: 'No pay' },
    retributionTag: { none: '', to_request: 'Pay to request', requested: 'Pay requested' },
    sessionStatus: { planned: 'Planned', cancelled: 'Cancelled', ended: 'Ended' },
    missionStatus: { open: 'Open', closed: 'Closed' },
    online: 'Online',
  },
};
