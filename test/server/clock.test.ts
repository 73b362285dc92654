import { describe, expect, it } from 'vitest';
import { FixedClock } from '../../server/clock.ts';
import { parisMonth, parisOffsetMinutes, startOfNextParisMonth, toParisIso } from '../../domain/time.ts';

/**
 * The Paris-month clock: months are Europe/Paris calendar months whatever the UTC date, across winter
 * (+01:00) and summer (+02:00) time and across the DST switches of 2027 (28 March, 31 October).
 */
const t = (iso: string) => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant ${iso}`);
  return ms;
};

describe('parisMonth / startOfNextParisMonth at the Paris midnights of month ends', () => {
  // [last instant of a month (Paris), first instant of the next month (Paris), month, next month]
  const boundaries: [label: string, last: string, first: string, month: string, next: string][] = [
    ['winter: January → February', '2027-01-31T23:59:59.999+01:00', '2027-02-01T00:00:00+01:00', '2027-01', '2027-02'],
    ['summer: June → July', '2027-06-30T23:59:59.999+02:00', '2027-07-01T00:00:00+02:00', '2027-06', '2027-07'],
    ['after the spring switch: March → April', '2027-03-31T23:59:59.999+02:00', '2027-04-01T00:00:00+02:00', '2027-03', '2027-04'],
    ['switch day itself is the last day: October → November', '2027-10-31T23:59:59.999+01:00', '2027-11-01T00:00:00+01:00', '2027-10', '2027-11'],
    ['year change: December → January', '2027-12-31T23:59:59.999+01:00', '2028-01-01T00:00:00+01:00', '2027-12', '2028-01'],
    ['February of a leap year', '2028-02-29T23:59:59.999+01:00', '2028-03-01T00:00:00+01:00', '2028-02', '2028-03'],
  ];

  it.each(boundaries)('%s', (_label, last, first, month, next) => {
    const a = t(last);
    const b = t(first);
    expect(b - a).toBe(1);
    expect(parisMonth(a)).toBe(month);
    expect(parisMonth(b)).toBe(next);
    // The first instant of the next Paris month, exactly, from anywhere in the month…
    expect(startOfNextParisMonth(a)).toBe(b);
    expect(startOfNextParisMonth(t(`${month}-15T12:00:00Z`))).toBe(b);
    // …and from the very first instant of the month.
    const monthStart = startOfNextParisMonth(t(`${month}-15T12:00:00Z`) - 31 * 86_400_000);
    expect(parisMonth(monthStart)).toBe(month);
    expect(parisMonth(monthStart - 1)).not.toBe(month);
    expect(startOfNextParisMonth(monthStart)).toBe(b);
    // The first instant of a month belongs to it: the next one is a month later.
    expect(parisMonth(startOfNextParisMonth(b))).not.toBe(next);
    expect(parisMonth(startOfNextParisMonth(b) - 1)).toBe(next);
    expect(toParisIso(b)).toBe(first);
  });

  it('uses Paris, not UTC: 23:30 UTC on the last day is already next month in Paris', () => {
    expect(parisMonth(t('2027-01-31T23:30:00Z'))).toBe('2027-02');
    expect(parisMonth(t('2027-01-31T22:59:59.999Z'))).toBe('2027-01');
    expect(parisMonth(t('2027-01-31T23:00:00Z'))).toBe('2027-02');
    // summer: Paris is two hours ahead
    expect(parisMonth(t('2027-06-30T21:59:59.999Z'))).toBe('2027-06');
    expect(parisMonth(t('2027-06-30T22:00:00Z'))).toBe('2027-07');
    // year change in UTC terms
    expect(parisMonth(t('2027-12-31T23:00:00Z'))).toBe('2028-01');
    expect(parisMonth(t('2027-12-31T22:59:59.999Z'))).toBe('2027-12');
  });

  it('gives exact UTC instants for the next-month starts', () => {
    expect(startOfNextParisMonth(t('2027-01-10T10:00:00Z'))).toBe(Date.UTC(2027, 0, 31, 23));
    expect(startOfNextParisMonth(t('2027-03-10T10:00:00Z'))).toBe(Date.UTC(2027, 2, 31, 22)); // April starts in summer time
    expect(startOfNextParisMonth(t('2027-06-10T10:00:00Z'))).toBe(Date.UTC(2027, 5, 30, 22));
    expect(startOfNextParisMonth(t('2027-10-10T10:00:00Z'))).toBe(Date.UTC(2027, 9, 31, 23)); // November starts in winter time
    expect(startOfNextParisMonth(t('2027-12-10T10:00:00Z'))).toBe(Date.UTC(2027, 11, 31, 23));
  });
});

describe('across the DST switches', () => {
  it('spring forward, Sunday 28 March 2027 (02:00 → 03:00): still March, next month starts at +02:00', () => {
    const before = t('2027-03-28T01:59:59.999+01:00'); // = 00:59:59.999Z
    const after = t('2027-03-28T03:00:00+02:00'); // = 01:00:00Z
    expect(after - before).toBe(1);
    expect(parisOffsetMinutes(before)).toBe(60);
    expect(parisOffsetMinutes(after)).toBe(120);
    for (const x of [before, after, t('2027-03-28T00:00:00+01:00'), t('2027-03-27T23:59:59.999+01:00')]) {
      expect(parisMonth(x)).toBe('2027-03');
      expect(toParisIso(startOfNextParisMonth(x))).toBe('2027-04-01T00:00:00+02:00');
    }
    expect(toParisIso(before)).toBe('2027-03-28T01:59:59.999+01:00');
    expect(toParisIso(after)).toBe('2027-03-28T03:00:00+02:00');
  });

  it('fall back, Sunday 31 October 2027 (03:00 → 02:00), the last day of the month: both 02:30 are October', () => {
    const firstHalf = t('2027-10-31T02:30:00+02:00'); // 00:30Z
    const secondHalf = t('2027-10-31T02:30:00+01:00'); // 01:30Z
    expect(secondHalf - firstHalf).toBe(3600_000);
    expect(parisOffsetMinutes(firstHalf)).toBe(120);
    expect(parisOffsetMinutes(secondHalf)).toBe(60);
    expect(toParisIso(firstHalf)).toBe('2027-10-31T02:30:00+02:00');
    expect(toParisIso(secondHalf)).toBe('2027-10-31T02:30:00+01:00');
    for (const x of [firstHalf, secondHalf, t('2027-10-01T00:00:00+02:00'), t('2027-10-31T23:59:59.999+01:00')]) {
      expect(parisMonth(x)).toBe('2027-10');
      expect(startOfNextParisMonth(x)).toBe(t('2027-11-01T00:00:00+01:00'));
      expect(toParisIso(startOfNextParisMonth(x))).toBe('2027-11-01T00:00:00+01:00');
    }
    // October started in summer time
    expect(startOfNextParisMonth(t('2027-09-15T12:00:00Z'))).toBe(t('2027-10-01T00:00:00+02:00'));
    expect(parisMonth(t('2027-09-30T23:59:59.999+02:00'))).toBe('2027-09');
  });
});

describe('toParisIso', () => {
  it.each([
    ['2027-01-31T23:59:59+01:00'],
    ['2027-02-01T00:00:00+01:00'],
    ['2027-06-30T23:59:59+02:00'],
    ['2027-07-01T00:00:00+02:00'],
    ['2027-03-31T23:59:59+02:00'],
    ['2027-04-01T00:00:00+02:00'],
    ['2027-10-31T23:59:59+01:00'],
    ['2027-11-01T00:00:00+01:00'],
    ['2027-12-31T23:59:59+01:00'],
    ['2028-01-01T00:00:00+01:00'],
  ])('writes %s with the Paris offset in force', (iso) => {
    expect(toParisIso(t(iso))).toBe(iso);
  });

  it('writes UTC instants in Paris time and round-trips to the same instant, milliseconds included', () => {
    expect(toParisIso(t('2027-01-31T23:00:00Z'))).toBe('2027-02-01T00:00:00+01:00');
    expect(toParisIso(t('2027-06-30T22:00:00Z'))).toBe('2027-07-01T00:00:00+02:00');
    for (const iso of ['2027-01-31T22:59:59.999Z', '2027-03-28T00:59:59.999Z', '2027-10-31T00:59:59.999Z', '2027-06-30T21:59:59.001Z']) {
      const s = toParisIso(t(iso));
      expect(s).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?[+-]\d{2}:\d{2}$/);
      expect(Date.parse(s)).toBe(t(iso));
    }
  });
});

describe('FixedClock', () => {
  it('is settable by ISO string or milliseconds, and advances', () => {
    const c = new FixedClock('2027-03-01T10:00:00+01:00');
    expect(c.now()).toBe(t('2027-03-01T09:00:00Z'));
    c.set(t('2027-04-01T00:00:00+02:00'));
    expect(c.now()).toBe(Date.UTC(2027, 2, 31, 22));
    c.advance(-1);
    expect(parisMonth(c.now())).toBe('2027-03');
    c.set('2027-11-01T00:00:00+01:00');
    expect(parisMonth(c.now())).toBe('2027-11');
  });
});
