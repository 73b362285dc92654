/**
 * The two languages of the product (UI, emails, a session's language) and the shape every table of
 * labels takes: one text per value and per language, so a value without a text does not compile.
 */
export const LANGUAGES = ['fr', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** French and English words for each value of an enumeration. */
export type Labels<T extends string> = Record<Lang, Record<T, string>>;

export const LANGUAGE_LABELS = {
  fr: { fr: 'Français', en: 'Anglais' },
  en: { fr: 'French', en: 'English' },
} satisfies Labels<Lang>;
