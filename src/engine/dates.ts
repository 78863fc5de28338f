import { boundedMemo } from './bounded-memo.ts';

/**
 * Calendar dates as day numbers (days since 1970-01-01), so that windows and intervals are plain integer arithmetic.
 * A date string is `YYYY-MM-DD`. Nothing here reads the clock.
 */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function dayNumber(date: string): DayNumber {
  const day = fastDayNumber(date);
  return day === undefined ? memoDayNumber(date) : day;
}

/** Digit value of `s[i]`, or -1: the fast paths below read `YYYY-MM-DD` without a regex or a memo lookup. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * `YYYY-MM-DD` with year >= 1000 and month 1-12 (the days may overflow: Date.UTC rolls them into the next month and
 * so does this linear formula), else undefined and the caller takes the regex path, which keeps every other behaviour.
 */
function fastDayNumber(s: string): DayNumber | undefined {
  const p = dateDigits(s);
  if (!p || p.month < 1 || p.month > 12) return undefined;
  return daysFromCivil(p.year, p.month, p.day);
}

/** The numbers of a `YYYY-MM-DD` string with year >= 1000, unchecked against the calendar; each digit read once. */
function dateDigits(s: string): { year: number; month: number; day: number } | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const y0 = digit(s, 0);
  const y1 = digit(s, 1);
  const y2 = digit(s, 2);
  const y3 = digit(s, 3);
  const m0 = digit(s, 5);
  const m1 = digit(s, 6);
  const d0 = digit(s, 8);
  const d1 = digit(s, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0 || y0 === 0) return undefined;
  return { year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1 };
}

/** days-from-civil (H. Hinnant), the inverse of dateString. */
function daysFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const memoDayNumber = boundedMemo(computeDayNumber);

function computeDayNumber(date: string): DayNumber {
  const m = DATE_ONLY.exec(date);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
}

/** civil-from-days (H. Hinnant), the inverse of daysFromCivil, valid for years 0000-9999. */
function civilFromDays(day: DayNumber): { y: number; m: number; d: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function dateString(day: DayNumber): string {
  const { y, m, d } = civilFromDays(day);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

export function addDays(date: string, days: number): string {
  return dateString(dayNumber(date) + days);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysInMonth(y: number, mo: number): number {
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return mo === 2 && leap ? 29 : (DAYS_IN_MONTH[mo - 1] as number);
}

function isValidCalendarDate(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/** The last day of the calendar month that `day` falls in. */
export function lastDayOfMonth(day: DayNumber): DayNumber {
  const { y, m, d } = civilFromDays(day);
  return day - d + daysInMonth(y, m);
}

/** A formatter per time zone: building one costs several times more than formatting with it. */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    // A service has one site time zone; the bound only keeps unexpected callers from growing the map.
    if (dayFormatters.size >= 100) dayFormatters.clear();
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar date of `instant` in an IANA time zone. */
export function dateInZone(instant: Date, timeZone: string): string {
  // UTC, the default site zone, is read off the ISO form (years 0-9999; others have a longer one).
  if (timeZone === 'UTC') {
    const iso = instant.toISOString();
    if (iso.length === 24) return iso.slice(0, 10);
  }
  const parts = dayFormatter(timeZone).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * The calendar date a FHIR date or dateTime falls on (clinical-rules 2, "Days"): the date in the timestamp's own
 * offset; an instant written in UTC ("Z") is converted to `siteTimeZone`. Values less precise than a day
 * (`2026`, `2026-03`) and invalid values give `undefined`: the caller lists them as unused.
 */
export function fhirDay(value: string | undefined, siteTimeZone = 'UTC'): string | undefined {
  if (!value || typeof value !== 'string') return undefined;
  if (isPlainCalendarDate(value)) return value;
  let memo = fhirDayMemos.get(siteTimeZone);
  if (!memo) {
    memo = boundedMemo((v) => computeFhirDay(v, siteTimeZone));
    fhirDayMemos.set(siteTimeZone, memo);
  }
  return memo(value);
}

/**
 * `fhirDay` as a day number, for readers that only compare and count days: a plain date is parsed once, without a
 * date string in between.
 */
export function fhirDayNumber(value: string | undefined, siteTimeZone = 'UTC'): DayNumber | undefined {
  if (!value || typeof value !== 'string') return undefined;
  const plain = plainCalendarDay(value);
  if (plain !== undefined) return plain;
  const day = fhirDay(value, siteTimeZone);
  return day === undefined ? undefined : dayNumber(day);
}

/** A valid `YYYY-MM-DD` (year >= 1000) is its own day in every zone: no regex, no memo. */
function isPlainCalendarDate(value: string): boolean {
  return plainCalendarDay(value) !== undefined;
}

/** The day number of a valid `YYYY-MM-DD` with year >= 1000, else undefined. */
function plainCalendarDay(s: string): DayNumber | undefined {
  const p = dateDigits(s);
  return p && isValidCalendarDate(p.year, p.month, p.day) ? daysFromCivil(p.year, p.month, p.day) : undefined;
}

/** One memo per site time zone (a service has one), so the key is the value itself. */
const fhirDayMemos = new Map<string, (value: string) => string | undefined>();

function computeFhirDay(value: string, siteTimeZone: string): string | undefined {
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
  const b = dateDigits(birthDate);
  const o = dateDigits(on);
  if (b && o) return o.year - b.year - (o.month < b.month || (o.month === b.month && o.day < b.day) ? 1 : 0);
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
