import type { Labels } from './language.ts';

/** The enumerations of a client organisation (API.md, "Enumerations"), with their words. */

/** The client organisation's sector; `benevole` is only for `enseignement`. */
export const SECTORS = ['entreprise', 'enseignement', 'collectivite', 'association'] as const;
export type Sector = (typeof SECTORS)[number];
export const SECTOR_LABELS = {
  fr: { entreprise: 'Entreprise', enseignement: 'Enseignement', collectivite: 'Collectivité', association: 'Association' },
  en: { entreprise: 'Company', enseignement: 'Education', collectivite: 'Local authority', association: 'Non-profit' },
} satisfies Labels<Sector>;
