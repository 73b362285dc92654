import { DEFAULT_TIME_ZONE, formatDuration, offsetMinutes, zonedIso, zonedParts } from '../../domain/time.ts';
import type { Lang } from './i18n.ts';

/** The Paris wall-clock date (YYYY-MM-DD) and time (HH:MM) of an ISO instant (file names, CSV dates). */
export const parisParts = (iso: string) => zonedParts(iso, DEFAULT_TIME_ZONE);

/** A Paris wall-clock date and time as ISO 8601 with that day's offset (periods in Paris days). */
export const parisIso = (date: string, time: string) => zonedIso(date, time, DEFAULT_TIME_ZONE);

const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'fr-FR');

/**
 * When a session takes place, in its own time zone: one day — "vendredi 9 octobre 2026, 09:00 – 12:00"
 * (`short`: "ven. 9 octobre 2026, …"); across midnight or several days — "lun. 12 – mar. 13 janvier 2027,
 * 09:00 – 17:00".
 */
export function sessionWhen(lang: Lang, startsAt: string, endsAt: string, timeZone = DEFAULT_TIME_ZONE, style: 'full' | 'short' = 'full'): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const time = new Intl.DateTimeFormat(locale(lang), { timeStyle: 'short', timeZone });
  const times = `${time.format(start)} – ${time.format(end)}`;
  if (zonedParts(startsAt, timeZone).date === zonedParts(endsAt, timeZone).date) {
    const day =
      style === 'full'
        ? new Intl.DateTimeFormat(locale(lang), { dateStyle: 'full', timeZone })
        : new Intl.DateTimeFormat(locale(lang), { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone });
    return `${day.format(start)}, ${times}`;
  }
  const days = new Intl.DateTimeFormat(locale(lang), { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone });
  // ICU puts thin spaces around the range's dash in some versions and not in others: one plain space.
  return `${days.formatRange(start, end).replace(/[\u2009\u202f]/g, ' ')}, ${times}`;
}

/** The browser's own time zone. */
export const viewerTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || DEFAULT_TIME_ZONE;

/**
 * The same session in the viewer's own zone, when that reads differently from the session's zone (an online
 * session joined from Montréal); undefined when the clocks agree.
 */
export function viewerWhen(lang: Lang, startsAt: string, endsAt: string, timeZone = DEFAULT_TIME_ZONE, viewer = viewerTimeZone()): string | undefined {
  const same = [startsAt, endsAt].every((iso) => offsetMinutes(viewer, Date.parse(iso)) === offsetMinutes(timeZone, Date.parse(iso)));
  return same ? undefined : sessionWhen(lang, startsAt, endsAt, viewer, 'short');
}

/** "3 h 30", "2 jours". */
export const sessionDuration = (lang: Lang, startsAt: string, endsAt: string, timeZone = DEFAULT_TIME_ZONE) =>
  formatDuration(startsAt, endsAt, timeZone, lang);
