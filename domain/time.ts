import type { Lang } from './enums/language.ts';

/**
 * Wall-clock time in a named time zone, for the server and the widgets alike (pure: `Intl` only).
 * A session is planned in its own time zone (default Europe/Paris): its form speaks in that zone's dates
 * and times whatever the browser's zone, and months of retributions are Paris months.
 */
export const DEFAULT_TIME_ZONE = 'Europe/Paris';

/** The zones offered first in the session form; any other IANA zone may be typed. */
export const COMMON_TIME_ZONES = [
  'Europe/Paris',
  'Europe/Brussels',
  'Europe/Luxembourg',
  'Europe/Zurich',
  'Europe/London',
  'America/Toronto',
  'America/Martinique',
  'America/Guadeloupe',
  'America/Cayenne',
  'Indian/Reunion',
  'Indian/Mayotte',
  'Pacific/Noumea',
  'Pacific/Tahiti',
  'Africa/Casablanca',
  'Africa/Dakar',
  'UTC',
] as const;

type Parts = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;

const formats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** True for a time zone name `Intl` knows (`Europe/Paris`, `UTC`…). */
export function isTimeZone(name: string): boolean {
  if (!name || name.length > 64) return false;
  try {
    partsFormat(name);
    return true;
  } catch {
    return false;
  }
}

function wallClock(instant: number, timeZone: string): Parts {
  const out: Record<string, number> = {};
  for (const p of partsFormat(timeZone).formatToParts(new Date(instant))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out as Parts;
}

/** A zone's offset from UTC, in minutes, at an instant (Paris: 60 in winter, 120 in summer). */
export function offsetMinutes(timeZone: string, instant: number): number {
  const whole = Math.floor(instant / 1000) * 1000;
  const w = wallClock(whole, timeZone);
  return Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole) / 60000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `+01:00`, `-09:30`, `+00:00`. */
export function offsetSuffix(minutes: number): string {
  const a = Math.abs(minutes);
  return `${minutes >= 0 ? '+' : '-'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** The wall-clock date (YYYY-MM-DD) and time (HH:MM) of an ISO instant in a zone, for a form's inputs. */
export function zonedParts(iso: string | number, timeZone: string): { date: string; time: string } {
  const w = wallClock(typeof iso === 'number' ? iso : Date.parse(iso), timeZone);
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}

/** The instant (ms) of a wall-clock `date` (YYYY-MM-DD) and `time` (HH:MM) in a zone; see `zonedIso`. */
export function zonedInstant(date: string, time: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const candidates = [...new Set([offsetMinutes(timeZone, wall - 3 * 3600000), offsetMinutes(timeZone, wall + 3 * 3600000)])];
  const valid = candidates.filter((o) => offsetMinutes(timeZone, wall - o * 60000) === o);
  const offset = valid.length ? Math.max(...valid) : Math.min(...candidates);
  return wall - offset * 60000;
}

/**
 * The ISO 8601 string, with the zone's offset on that day, for a wall-clock date and time in that zone:
 * `zonedIso('2027-03-04', '09:00', 'Europe/Paris')` → `2027-03-04T09:00:00+01:00`. Around DST switches it
 * resolves like Temporal's `compatible`: a repeated hour is its first occurrence, a skipped hour moves
 * forward (02:30 → 03:30 summer time).
 */
export function zonedIso(date: string, time: string, timeZone: string): string {
  const instant = zonedInstant(date, time, timeZone);
  const local = zonedParts(instant, timeZone);
  return `${local.date}T${local.time}:00${offsetSuffix(offsetMinutes(timeZone, instant))}`;
}

/** A calendar date moved by whole days: `addDays('2027-02-28', 1)` → `2027-03-01`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * How long a session lasts, for people: under a day in hours and minutes (`3 h`, `3 h 30`; English
 * `3 h 30 min`), otherwise in the calendar days it spans in its zone (`2 jours` / `2 days`).
 */
export function formatDuration(startsAt: string, endsAt: string, timeZone: string, lang: Lang): string {
  const minutes = Math.round((Date.parse(endsAt) - Date.parse(startsAt)) / 60000);
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    if (lang === 'en') return h && m ? `${h} h ${m} min` : h ? `${h} h` : `${m} min`;
    return h && m ? `${h} h ${pad(m)}` : h ? `${h} h` : `${m} min`;
  }
  const days = daysBetween(zonedParts(startsAt, timeZone).date, zonedParts(endsAt, timeZone).date) + 1;
  return lang === 'en' ? `${days} days` : `${days} jours`;
}

// Paris: months of retributions, file names and CSV dates, periods of the desk.

/** The Paris wall-clock date (YYYY-MM-DD) and time (HH:MM) of an instant (file names, CSV dates). */
export const parisParts = (iso: string | number) => zonedParts(iso, DEFAULT_TIME_ZONE);

/** A Paris wall-clock date and time as ISO 8601 with that day's offset (periods in Paris days). */
export const parisIso = (date: string, time: string) => zonedIso(date, time, DEFAULT_TIME_ZONE);

/** The offset of Europe/Paris from UTC at instant `t`, in minutes (60 in winter, 120 in summer). */
export const parisOffsetMinutes = (t: number): number => offsetMinutes(DEFAULT_TIME_ZONE, t);

/** The Paris calendar month containing `t`, as `YYYY-MM`. */
export const parisMonth = (t: number): string => parisParts(t).date.slice(0, 7);

/** The first instant of the Paris month after the one containing `t` (midnight, Paris time). */
export function startOfNextParisMonth(t: number): number {
  const [y, m] = parisMonth(t).split('-').map(Number);
  return zonedInstant(m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`, '00:00', DEFAULT_TIME_ZONE);
}

/**
 * An instant as ISO 8601 with the Paris offset, e.g. `2027-04-01T00:00:00+02:00`; milliseconds are kept
 * when there are any (`…23:59:59.999+02:00`), so the string always denotes exactly `t`.
 */
export function toParisIso(t: number): string {
  const off = parisOffsetMinutes(t);
  const iso = new Date(t + off * 60_000).toISOString();
  const local = iso.slice(19, 23) === '.000' ? iso.slice(0, 19) : iso.slice(0, 23);
  return `${local}${offsetSuffix(off)}`;
}

// Sessions in words, as people read them.

const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'fr-FR');

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/**
 * A date formatter in the language's locale, made once per language and options: building an `Intl.DateTimeFormat`
 * costs far more than formatting with it, and every session listed or emailed formats its dates (issue 19).
 */
export function dateFormat(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(locale(lang), options)));
  return f;
}

/**
 * When a session takes place, in its own time zone: one day — "vendredi 9 octobre 2026, 09:00 – 12:00"
 * (`short`: "ven. 9 octobre 2026, …"); across midnight or several days — "lun. 12 – mar. 13 janvier 2027,
 * 09:00 – 17:00".
 */
export function sessionWhen(lang: Lang, startsAt: string, endsAt: string, timeZone = DEFAULT_TIME_ZONE, style: 'full' | 'short' = 'full'): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const time = dateFormat(lang, { timeStyle: 'short', timeZone });
  const times = `${time.format(start)} – ${time.format(end)}`;
  if (zonedParts(startsAt, timeZone).date === zonedParts(endsAt, timeZone).date) {
    const day = dateFormat(lang, style === 'full' ? { dateStyle: 'full', timeZone } : { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone });
    return `${day.format(start)}, ${times}`;
  }
  const days = dateFormat(lang, { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone });
  // ICU puts thin spaces around the range's dash in some versions and not in others: one plain space.
  return `${days.formatRange(start, end).replace(/[\u2009\u202f]/g, ' ')}, ${times}`;
}

/**
 * The same session in a viewer's own zone, when that reads differently from the session's zone (an online
 * session joined from Montréal); undefined when the clocks agree.
 */
export function viewerWhen(lang: Lang, startsAt: string, endsAt: string, timeZone: string, viewer: string): string | undefined {
  const same = [startsAt, endsAt].every((iso) => offsetMinutes(viewer, Date.parse(iso)) === offsetMinutes(timeZone, Date.parse(iso)));
  return same ? undefined : sessionWhen(lang, startsAt, endsAt, viewer, 'short');
}
