/** Sessions happen in Paris: the form's wall-clock date and times are Paris time, whatever the browser's zone. */
export const SESSION_TIME_ZONE = 'Europe/Paris';

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: SESSION_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function wallClock(instant: number): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const out: Record<string, number> = {};
  for (const p of partsFormat.formatToParts(new Date(instant))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
}

/** Paris's offset from UTC, in minutes, at an instant (60 in winter, 120 in summer). */
function offsetAt(instant: number): number {
  const w = wallClock(instant);
  return Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - instant) / 60000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The ISO 8601 string, with Paris's offset on that day, for a wall-clock `date` (YYYY-MM-DD) and `time`
 * (HH:MM) in Paris: `parisIso('2027-03-04', '09:00')` → `2027-03-04T09:00:00+01:00`.
 * Around the DST switches it resolves like Temporal's `compatible`: an hour repeated in autumn is its first
 * occurrence, an hour skipped in spring moves forward (02:30 → 03:30 summer time).
 */
export function parisIso(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const candidates = [...new Set([offsetAt(wall - 3 * 3600000), offsetAt(wall + 3 * 3600000)])];
  const valid = candidates.filter((o) => offsetAt(wall - o * 60000) === o);
  const offset = valid.length ? Math.max(...valid) : Math.min(...candidates);
  const instant = wall - offset * 60000;
  const local = parisParts(new Date(instant).toISOString());
  const real = offsetAt(instant);
  const sign = real >= 0 ? '+' : '-';
  const abs = Math.abs(real);
  return `${local.date}T${local.time}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The Paris wall-clock date (YYYY-MM-DD) and time (HH:MM) of an ISO instant, for the form's inputs. */
export function parisParts(iso: string): { date: string; time: string } {
  const w = wallClock(new Date(iso).getTime());
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}
