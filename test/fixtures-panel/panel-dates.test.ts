import { expect, test } from 'vitest';
import { fixturePanel } from '../../fhir-fixtures/index.ts';
import { ageInYears, daysBetween } from '../../src/engine/dates.ts';

const DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2}))?$/;
/** FHIR date, dateTime and instant elements used by the panel. */
const DATE_KEYS = new Set([
  'birthDate',
  'onsetDateTime',
  'recordedDate',
  'effectiveDateTime',
  'performedDateTime',
  'authoredOn',
  'dateAsserted',
  'date',
  'issued',
  'start',
  'end',
]);
const YEAR_LIKE = /^(19|20)\d{2}/;

/** The panel with every date replaced by its offset from E ("E-120@07:30:00-06:00"), and how many dates it held. */
function relativeToE(value: unknown, e: string, stats = { dates: 0 }, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => relativeToE(v, e, stats, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, relativeToE(v, e, stats, k)]));
  }
  if (typeof value === 'string' && !DATE_KEYS.has(key) && YEAR_LIKE.test(value)) {
    throw new Error(`a date-like value under "${key}", not a known date element: ${value}`);
  }
  if (typeof value === 'string' && DATE_KEYS.has(key)) {
    const m = DATE_PREFIX.exec(value);
    if (!m) throw new Error(`date less precise than a day, or malformed: ${key} = ${value}`);
    stats.dates++;
    const offset = daysBetween(e, m[1]!);
    return `E${offset >= 0 ? '+' : ''}${offset}${m[2] ? `@${m[2].slice(1)}` : ''}`;
  }
  return value;
}

test('the same evaluation date always gives the same panel (deterministic generator)', () => {
  expect(JSON.stringify(fixturePanel('2026-11-23'))).toBe(JSON.stringify(fixturePanel('2026-11-23')));
});

test('every date is day-precise and keeps the same offset from E for two different evaluation dates', () => {
  // Across a leap day and a year boundary, so that calendar arithmetic mistakes would show.
  const e1 = '2026-11-23';
  const e2 = '2028-03-01';
  const stats = { dates: 0 };
  const a = relativeToE(fixturePanel(e1), e1, stats);
  const b = relativeToE(fixturePanel(e2), e2);
  expect(stats.dates).toBeGreaterThan(1000);
  expect(b).toEqual(a);
});

test('no date lies after E (the record ends at E)', () => {
  const e = '2026-11-23';
  const offsets: number[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    else if (typeof v === 'string' && DATE_PREFIX.test(v)) offsets.push(daysBetween(e, v.slice(0, 10)));
  };
  walk(fixturePanel(e).resources);
  expect(Math.max(...offsets)).toBeLessThanOrEqual(0);
});

test('ages at E do not depend on E', () => {
  const ages = (e: string) =>
    fixturePanel(e).resources.flatMap((r) =>
      r.resourceType === 'Patient' ? [[r.id, ageInYears(r.birthDate!, e)] as const] : [],
    );
  expect(ages('2028-02-29')).toEqual(ages('2026-11-23'));
  expect(ages('2031-07-15')).toEqual(ages('2026-11-23'));
});
