/** domain/time.ts and the widgets' wording of a session's time: pure, so checked here without a browser. */
import { describe, expect, it } from 'vitest';
import { addDays, formatDuration, isTimeZone, offsetMinutes, sessionWhen, zonedIso, zonedParts } from '../../domain/time.ts';
import { viewerWhen } from '../../widget/shared/time.ts';

describe('wall-clock time in a zone', () => {
  it('turns a date and time of a zone into ISO 8601 with that day’s offset, and back', () => {
    expect(zonedIso('2027-03-04', '09:00', 'Europe/Paris')).toBe('2027-03-04T09:00:00+01:00');
    expect(zonedIso('2027-07-04', '09:00', 'Europe/Paris')).toBe('2027-07-04T09:00:00+02:00');
    expect(zonedIso('2027-03-04', '09:00', 'America/Martinique')).toBe('2027-03-04T09:00:00-04:00');
    expect(zonedIso('2027-03-04', '09:00', 'Pacific/Kiritimati')).toBe('2027-03-04T09:00:00+14:00');
    expect(zonedIso('2027-03-04', '23:30', 'UTC')).toBe('2027-03-04T23:30:00+00:00');
    expect(zonedParts('2027-03-04T23:30:00Z', 'Europe/Paris')).toEqual({ date: '2027-03-05', time: '00:30' });
    expect(zonedParts('2027-03-04T09:00:00-04:00', 'America/Martinique')).toEqual({ date: '2027-03-04', time: '09:00' });
  });

  it('resolves the hours a DST switch skips or repeats as Temporal’s "compatible" does', () => {
    expect(zonedIso('2027-03-28', '02:30', 'Europe/Paris')).toBe('2027-03-28T03:30:00+02:00');
    expect(zonedIso('2027-10-31', '02:30', 'Europe/Paris')).toBe('2027-10-31T02:30:00+02:00');
    expect(offsetMinutes('Europe/Paris', Date.parse('2027-10-31T01:30:00Z'))).toBe(60);
  });

  it('knows zones, counts days across months and years', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  });
});

describe('a session’s time, for people', () => {
  it('says the duration in hours under a day, else in the days it spans', () => {
    expect(formatDuration('2027-03-04T09:00:00+01:00', '2027-03-04T12:00:00+01:00', 'Europe/Paris', 'fr')).toBe('3 h');
    expect(formatDuration('2027-03-04T21:00:00+01:00', '2027-03-05T00:30:00+01:00', 'Europe/Paris', 'fr')).toBe('3 h 30');
    expect(formatDuration('2027-03-04T21:00:00+01:00', '2027-03-05T00:30:00+01:00', 'Europe/Paris', 'en')).toBe('3 h 30 min');
    expect(formatDuration('2027-03-04T09:00:00+01:00', '2027-03-04T09:45:00+01:00', 'Europe/Paris', 'fr')).toBe('45 min');
    expect(formatDuration('2027-01-12T09:00:00+01:00', '2027-01-13T17:00:00+01:00', 'Europe/Paris', 'fr')).toBe('2 jours');
    expect(formatDuration('2027-01-12T09:00:00+01:00', '2027-01-13T17:00:00+01:00', 'Europe/Paris', 'en')).toBe('2 days');
  });

  it('shows one day with its times, and a session across days as a range of days', () => {
    expect(sessionWhen('fr', '2027-03-04T09:00:00+01:00', '2027-03-04T12:00:00+01:00', 'Europe/Paris')).toBe('jeudi 4 mars 2027, 09:00 – 12:00');
    expect(sessionWhen('fr', '2027-01-12T09:00:00+01:00', '2027-01-13T17:00:00+01:00', 'Europe/Paris')).toBe('mar. 12 – mer. 13 janvier 2027, 09:00 – 17:00');
    // ICU's English range repeats the month or not depending on its version.
    expect(sessionWhen('en', '2027-01-12T09:00:00+01:00', '2027-01-13T17:00:00+01:00', 'Europe/Paris')).toMatch(/^Tue,? 12( January)? – Wed,? 13 January 2027, 09:00 – 17:00$/);
    // 21:00–00:30 Paris, in Paris and in Martinique (where it is one afternoon).
    expect(sessionWhen('fr', '2027-03-04T21:00:00+01:00', '2027-03-05T00:30:00+01:00', 'Europe/Paris')).toBe('jeu. 4 – ven. 5 mars 2027, 21:00 – 00:30');
    expect(sessionWhen('fr', '2027-03-04T21:00:00+01:00', '2027-03-05T00:30:00+01:00', 'America/Martinique', 'short')).toBe('jeu. 4 mars 2027, 16:00 – 19:30');
  });

  it("gives the viewer's own time only when their clock reads differently", () => {
    const [start, end] = ['2027-03-04T10:00:00+01:00', '2027-03-04T12:00:00+01:00'];
    expect(viewerWhen('fr', start, end, 'Europe/Paris', 'Europe/Brussels')).toBe(undefined);
    expect(viewerWhen('fr', start, end, 'Europe/Paris', 'America/Toronto')).toBe('jeu. 4 mars 2027, 04:00 – 06:00');
  });
});
