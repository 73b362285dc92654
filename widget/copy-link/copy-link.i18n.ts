import type { Lang } from '../shared/i18n.ts';

const fr = {
  copy: 'Copier le lien',
  copied: 'Lien copié.',
  selectToCopy: 'Copie automatique impossible ici : le lien est sélectionné, copie-le avec Ctrl+C (⌘+C sur Mac).',
};
export type CopyLinkMessages = typeof fr;

const en: CopyLinkMessages = {
  copy: 'Copy the link',
  copied: 'Link copied.',
  selectToCopy: 'Automatic copy is not possible here: the link is selected, copy it with Ctrl+C (⌘+C on a Mac).',
};

export const messages: Record<Lang, CopyLinkMessages> = { fr, en };
