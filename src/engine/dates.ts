/**
 * Calendar dates as day numbers (days since 1970-01-01), so that windows and intervals are plain integer arithmetic.
 * A date string is `YYYY-MM-DD`. Nothing here reads the clock.
 */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function dayNumber(date: string): DayNumber {
  const m = DATE_ONLY.exec(date);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
}

export function dateString(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateString(dayNumber(date) + days);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

function isValidCalendarDate(y: number, mo: number, d: number): boolean {
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** The calendar date of `instant` in an IANA time zone. */
export function dateInZone(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * The calendar date a FHIR date or dateTime falls on (clinical-criteria 2, "Days"): the date in the timestamp's own
 * offset; an instant written in UTC ("Z") is converted to `siteTimeZone`. Values less precise than a day
 * (`2026`, `2026-03`) and invalid values give `undefined`: the caller lists them as unused.
 */
export function fhirDay(value: string | undefined, siteTimeZone = 'UTC'): string | undefined {
  if (!value) return undefined;
  const d = DATE_ONLY.exec(value);
  if (d) return isValidCalendarDate(Number(d[1]), Number(d[2]), Number(d[3])) ? value : undefined;
  const t = DATE_TIME.exec(value);
  if (!t) return undefined;
  if (!isValidCalendarDate(Number(t[1]), Number(t[2]), Number(t[3]))) return undefined;
  if (Number(t[4]) > 23 || Number(t[5]) > 59) return undefined;
  if (t[7] === 'Z' && siteTimeZone !== 'UTC') {
    const instant = new Date(value);
    return Number.isNaN(instant.getTime()) ? undefined : dateInZone(instant, siteTimeZone);
  }
  return `${t[1]}-${t[2]}-${t[3]}`;
}

/** Milliseconds since the epoch of a FHIR dateTime with a time part, or undefined. */
export function fhirInstantMs(value: string | undefined): number | undefined {
  if (!value || !DATE_TIME.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Whole years from `birthDate` (YYYY-MM-DD) to `on`. */
export function ageInYears(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
