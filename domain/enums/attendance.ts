import type { Labels } from './language.ts';

/** The enumerations of the day (émargement, API.md "Enumerations"), with their words. */

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
