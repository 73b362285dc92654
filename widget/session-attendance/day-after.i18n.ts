import type { Lang } from '../shared/i18n.ts';
import type { CloseWarning } from '../../domain/reasons.ts';
import type { MissionSession } from '../shared/api.ts';

type FollowUpTag = Exclude<MissionSession['followUpTag'], 'none' | undefined>;

/** What the mission dashboard says of the day and after: follow-up tags, presence, satisfaction, closing warnings. */
const fr = {
  followUpTag: { to_send: 'Attestations à envoyer', sent: 'Attestations envoyées' } satisfies Record<FollowUpTag, string>,
  present: (n: number) => `${n} présent·e${n > 1 ? 's' : ''}`,
  satisfaction: (avg: number | null, n: number) =>
    n ? `Satisfaction : ${String(avg).replace('.', ',')} / 5 (${n} réponse${n > 1 ? 's' : ''})` : 'Satisfaction : pas encore de réponse',
  warningsIntro: 'À vérifier avant de clôturer (cela ne bloque pas la clôture) :',
  warnings: {
    attendance_missing: "l'émargement n'a pas été fait pour une session passée avec des participant·es ;",
    followup_pending: "des personnes présentes n'ont pas encore reçu leur attestation et le questionnaire ;",
    order_not_fulfilled: 'moins d’interventions réalisées que commandées pour un type de session.',
  } satisfies Record<CloseWarning, string>,
};
const en: typeof fr = {
  followUpTag: { to_send: 'Certificates to send', sent: 'Certificates sent' },
  present: (n) => `${n} present`,
  satisfaction: (avg, n) => (n ? `Satisfaction: ${avg} / 5 (${n} answer${n > 1 ? 's' : ''})` : 'Satisfaction: no answer yet'),
  warningsIntro: 'To check before closing (this does not block closing):',
  warnings: {
    attendance_missing: 'attendance was not taken for a past session with participants;',
    followup_pending: 'some present participants have not yet received their certificate and the survey;',
    order_not_fulfilled: 'fewer interventions delivered than ordered for a kind of session.',
  },
};

export const dayAfterMessages: Record<Lang, typeof fr> = { fr, en };
