import type { Lang } from '../shared/i18n.ts';
import { FOLLOW_UP_TAG_LABELS } from '../../domain/enums/sessions.ts';
import { closeWarningTexts } from '../../domain/close-warning-texts.ts';

/** What the mission dashboard says of the day and after: follow-up tags, presence, satisfaction, closing warnings. */
const fr = {
  followUpTag: FOLLOW_UP_TAG_LABELS.fr as Record<string, string>,
  present: (n: number) => `${n} présent·e${n > 1 ? 's' : ''}`,
  satisfaction: (avg: number | null, n: number) =>
    n ? `Satisfaction : ${String(avg).replace('.', ',')} / 5 (${n} réponse${n > 1 ? 's' : ''})` : 'Satisfaction : pas encore de réponse',
  warningsIntro: 'À vérifier avant de clôturer (cela ne bloque pas la clôture) :',
  warnings: closeWarningTexts.fr as Record<string, string>,
};
const en: typeof fr = {
  followUpTag: FOLLOW_UP_TAG_LABELS.en,
  present: (n) => `${n} present`,
  satisfaction: (avg, n) => (n ? `Satisfaction: ${avg} / 5 (${n} answer${n > 1 ? 's' : ''})` : 'Satisfaction: no answer yet'),
  warningsIntro: 'To check before closing (this does not block closing):',
  warnings: closeWarningTexts.en,
};

export const dayAfterMessages: Record<Lang, typeof fr> = { fr, en };
