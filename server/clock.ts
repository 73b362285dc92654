/** The one source of time. Tests pass a settable clock; months are computed in Europe/Paris. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests can set and move. */
export class FixedClock implements Clock {
  constructor(private t: number | string) {}
  now(): number {
    return typeof this.t === 'number' ? this.t : Date.parse(this.t);
  }
  set(t: number | string): void {
    this.t = t;
  }
  advance(ms: number): void {
    this.t = this.now() + ms;
  }
}

const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The offset of Europe/Paris from UTC at instant `t`, in minutes (60 in winter, 120 in summer). */
export function parisOffsetMinutes(t: number): number {
  const p = Object.fromEntries(parisParts.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return Math.round((asUtc - Math.floor(t / 1000) * 1000) / 60000);
}

/** The Paris calendar month containing `t`, as `YYYY-MM`. */
export function parisMonth(t: number): string {
  const p = Object.fromEntries(parisParts.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}`;
}

/** The first instant of the Paris month after the one containing `t` (midnight, Paris time). */
export function startOfNextParisMonth(t: number): number {
  const [y, m] = parisMonth(t).split('-').map(Number);
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  // Midnight local = UTC midnight minus the offset in force then; the offset at a month's first midnight
  // is never a DST switch instant (switches happen on Sundays at 01:00 UTC), so probing is exact.
  const guess = Date.UTC(ny, nm - 1, 1);
  return guess - parisOffsetMinutes(guess - 3 * 3600_000) * 60_000;
}

/**
 * An instant as ISO 8601 with the Paris offset, e.g. `2027-04-01T00:00:00+02:00`; milliseconds are kept
 * when there are any (`…23:59:59.999+02:00`), so the string always denotes exactly `t`.
 */
export function toParisIso(t: number): string {
  const off = parisOffsetMinutes(t);
  const iso = new Date(t + off * 60_000).toISOString();
  const local = iso.slice(19, 23) === '.000' ? iso.slice(0, 19) : iso.slice(0, 23);
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off);
  return `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}
