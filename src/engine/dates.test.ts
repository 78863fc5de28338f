import { describe, expect, it } from 'vitest';
import { dateInZone, dateString, dayNumber, fhirDay, fhirDayNumber, lastDayOfMonth } from './dates.ts';

const MS_PER_DAY = 86_400_000;
const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('dayNumber and fhirDay on YYYY-MM-DD (fast path without regex)', () => {
  it('agrees with Date.UTC, overflowing days included, and round-trips through dateString', () => {
    for (const year of [1000, 1600, 1899, 1900, 1970, 2000, 2024, 2026, 2100, 9999]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 0; day <= 32; day++) {
          const s = `${year}-${pad(month, 2)}-${pad(day, 2)}`;
          const expected = Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
          expect(dayNumber(s), s).toBe(expected);
          if (day >= 1 && dateString(expected) === s) expect(fhirDay(s, 'Pacific/Auckland')).toBe(s);
        }
      }
    }
  });

  it('rejects impossible calendar dates and keeps the regex path for the rest', () => {
    expect(fhirDay('2026-02-29')).toBeUndefined();
    expect(fhirDay('2024-02-29')).toBe('2024-02-29');
    expect(fhirDay('2026-13-01')).toBeUndefined();
    expect(fhirDay('2026-04-31')).toBeUndefined();
    expect(fhirDay('2026-4-01')).toBeUndefined();
    expect(fhirDay('2026-03')).toBeUndefined();
    expect(fhirDay('2026-03-01T23:30:00Z', 'Europe/Paris')).toBe('2026-03-02');
    expect(() => dayNumber('2026-3-01')).toThrow();
    expect(dayNumber('2026-13-01')).toBe(Math.floor(Date.UTC(2026, 12, 1) / MS_PER_DAY));
  });
});

describe('fhirDayNumber and lastDayOfMonth (day arithmetic without date strings)', () => {
  it('fhirDayNumber is dayNumber of fhirDay, for plain dates, times, zones and invalid values', () => {
    const values = [
      '2024-02-29',
      '2026-02-29',
      '1000-01-01',
      '0999-12-31',
      '0050-03-04',
      '2026-03-01T23:30:00Z',
      '2026-03-01T23:30:00+14:00',
      '2026-03',
      '2026',
      '',
      'yesterday',
      '2024-06-01T25:00:00Z',
    ];
    for (let day = dayNumber('2023-12-25'); day <= dayNumber('2025-01-05'); day++) values.push(dateString(day));
    for (const zone of ['UTC', 'Europe/Paris', 'Pacific/Kiritimati']) {
      for (const v of values) {
        const expected = fhirDay(v, zone);
        expect(fhirDayNumber(v, zone), `${v} ${zone}`).toBe(expected === undefined ? undefined : dayNumber(expected));
      }
    }
    expect(fhirDayNumber(undefined)).toBeUndefined();
  });

  it('lastDayOfMonth is the day before the next 1st', () => {
    for (let day = dayNumber('1899-12-01'); day <= dayNumber('2101-03-01'); day += 3) {
      let end = day;
      while (!dateString(end + 1).endsWith('-01')) end++;
      expect(lastDayOfMonth(day), dateString(day)).toBe(end);
    }
    expect(dateString(lastDayOfMonth(dayNumber('2024-02-10')))).toBe('2024-02-29');
    expect(dateString(lastDayOfMonth(dayNumber('2100-02-10')))).toBe('2100-02-28');
  });

  it('dateInZone gives the calendar date in each zone, zones taken in turns (one formatter kept per zone)', () => {
    const instant = new Date('2026-12-01T23:30:00Z');
    for (let round = 0; round < 3; round++) {
      expect(dateInZone(instant, 'UTC')).toBe('2026-12-01');
      expect(dateInZone(instant, 'Pacific/Kiritimati')).toBe('2026-12-02');
      expect(dateInZone(instant, 'America/New_York')).toBe('2026-12-01');
      expect(dateInZone(new Date('2026-12-02T04:59:00Z'), 'America/New_York')).toBe('2026-12-01');
      expect(dateInZone(new Date('2026-12-02T05:00:00Z'), 'America/New_York')).toBe('2026-12-02');
    }
    expect(dateInZone(new Date('1999-12-31T23:59:59.999Z'), 'UTC')).toBe('1999-12-31');
    expect(dateInZone(new Date('2024-02-29T12:00:00Z'), 'UTC')).toBe('2024-02-29');
    expect(dateInZone(new Date('+010000-01-01T00:00:00Z'), 'UTC')).toBe('10000-01-01');
    expect(() => dateInZone(new Date(Number.NaN), 'UTC')).toThrow(RangeError);
  });
});
