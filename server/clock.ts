import { DEFAULT_TIME_ZONE, offsetMinutes, offsetSuffix, zonedParts } from '../domain/time.ts';

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

/** The offset of Europe/Paris from UTC at instant `t`, in minutes (60 in winter, 120 in summer). */
export const parisOffsetMinutes = (t: number): number => offsetMinutes(DEFAULT_TIME_ZONE, t);

/** The Paris calendar month containing `t`, as `YYYY-MM`. */
export function parisMonth(t: number): string {
  return zonedParts(t, DEFAULT_TIME_ZONE).date.slice(0, 7);
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
  return `${local}${offsetSuffix(off)}`;
}
