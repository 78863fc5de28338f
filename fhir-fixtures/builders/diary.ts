import type { Observation } from '@medplum/fhirtypes';
import { concept, OBSERVATION_CATEGORY, SYSTEMS, UCUM } from './codes.ts';
import type { FixtureContext } from './context.ts';

/**
 * A stretch of a daily diary, from offset `from` to `to` (inclusive, offsets from E). Exactly `headacheDays` of its
 * dates get a headache entry, spread evenly; `migraineDays` of those are coded as migraine; every other date gets a
 * headache-free entry (valueBoolean false), as a tracking app that records headache-free days does.
 */
export interface DiarySegment {
  from: number;
  to: number;
  headacheDays: number;
  migraineDays: number;
  /** Hours recorded for migraine days, used in turn (default 6-12 h). */
  migraineHours?: number[];
  /** Hours recorded for non-migraine headache days, used in turn (default 4-6 h). */
  headacheHours?: number[];
}

const DEFAULT_MIGRAINE_HOURS = [8, 12, 6, 10, 7];
const DEFAULT_HEADACHE_HOURS = [4, 5, 6, 4.5];

/** Indexes 0..n-1 chosen so that `k` of them are spread evenly (the first chosen index is 0 when k > 0). */
export function spread(n: number, k: number): Set<number> {
  if (k > n) throw new Error(`cannot place ${k} days in ${n}`);
  const chosen = new Set<number>();
  for (let i = 0; i < n; i++) if (Math.floor(((i + 1) * k) / n) > Math.floor((i * k) / n)) chosen.add(i);
  return chosen;
}

const DIARY_CATEGORY = [concept(OBSERVATION_CATEGORY, 'survey', 'Survey')];
const HEADACHE = concept(SYSTEMS.snomed, '25064002', 'Headache (finding)', 'Headache');
const MIGRAINE = concept(SYSTEMS.snomed, '37796009', 'Migraine (disorder)', 'Migraine');

function hoursComponent(hours: number) {
  return {
    code: concept(SYSTEMS.diary, 'headache-duration', 'Headache duration'),
    valueQuantity: { value: hours, unit: 'h', system: UCUM, code: 'h' },
  };
}

/** Daily headache diary entries: one Observation per date of every segment (segments must not overlap). */
export function dailyDiary(f: FixtureContext, segments: DiarySegment[]): Observation[] {
  const entries: Observation[] = [];
  for (const s of segments) {
    const n = s.to - s.from + 1;
    const headache = spread(n, s.headacheDays);
    const headacheIndexes = [...headache].sort((a, b) => a - b);
    const migraine = new Set([...spread(s.headacheDays, s.migraineDays)].map((i) => headacheIndexes[i]));
    const migraineHours = s.migraineHours ?? DEFAULT_MIGRAINE_HOURS;
    const headacheHours = s.headacheHours ?? DEFAULT_HEADACHE_HOURS;
    let m = 0;
    let h = 0;
    for (let i = 0; i < n; i++) {
      const offset = s.from + i;
      const base = {
        resourceType: 'Observation' as const,
        id: f.id(`diary-${-offset}`),
        status: 'final' as const,
        category: DIARY_CATEGORY,
        subject: f.patientRef,
        performer: [f.patientRef],
      };
      if (!headache.has(i)) {
        entries.push({ ...base, code: HEADACHE, effectiveDateTime: f.at(offset, '21:00'), valueBoolean: false });
        continue;
      }
      const isMigraine = migraine.has(i);
      const hours = isMigraine
        ? migraineHours[m++ % migraineHours.length]!
        : headacheHours[h++ % headacheHours.length]!;
      entries.push({
        ...base,
        code: isMigraine ? MIGRAINE : HEADACHE,
        effectiveDateTime: f.at(offset, '07:30'),
        valueBoolean: true,
        component: [hoursComponent(hours)],
      });
    }
  }
  return entries;
}

/** One 30-day (or 28-31-day) period of monthly summaries, offsets from E, both ends inclusive. */
export interface SummaryPeriod {
  from: number;
  to: number;
  headacheDays: number;
  migraineDays: number;
  /** Distinct days with any acute medication, with the days per class (clinical-rules 2.1). */
  acute?: { days: number; classes: Partial<Record<AcuteClass, number>> };
}

export type AcuteClass =
  | 'triptan'
  | 'ergot'
  | 'opioid'
  | 'combination-analgesic'
  | 'simple-analgesic'
  | 'gepant'
  | 'ditan';

const ACUTE_CLASS_DISPLAY: Record<AcuteClass, string> = {
  triptan: 'Triptan',
  ergot: 'Ergot',
  opioid: 'Opioid',
  'combination-analgesic': 'Combination analgesic',
  'simple-analgesic': 'Simple analgesic',
  gepant: 'Gepant',
  ditan: 'Ditan',
};

function days(value: number) {
  return { value, unit: 'days', system: UCUM, code: 'd' };
}

/** Monthly summaries (`headache-days`, `migraine-days`, optionally `acute-medication-days`), issued the day after. */
export function monthlySummaries(f: FixtureContext, periods: SummaryPeriod[]): Observation[] {
  const out: Observation[] = [];
  for (const p of periods) {
    const base = {
      resourceType: 'Observation' as const,
      status: 'final' as const,
      category: DIARY_CATEGORY,
      subject: f.patientRef,
      effectivePeriod: { start: f.day(p.from), end: f.day(p.to) },
      issued: `${f.day(p.to + 1)}T15:00:00Z`,
    };
    const tag = `${-p.from}`;
    out.push({
      ...base,
      id: f.id(`summary-hd-${tag}`),
      code: concept(SYSTEMS.diary, 'headache-days', 'Headache days in period'),
      valueQuantity: days(p.headacheDays),
    });
    out.push({
      ...base,
      id: f.id(`summary-md-${tag}`),
      code: concept(SYSTEMS.diary, 'migraine-days', 'Migraine days in period'),
      valueQuantity: days(p.migraineDays),
    });
    if (p.acute) {
      out.push({
        ...base,
        id: f.id(`summary-amd-${tag}`),
        code: concept(SYSTEMS.diary, 'acute-medication-days', 'Acute medication days in period'),
        valueQuantity: days(p.acute.days),
        component: Object.entries(p.acute.classes).map(([cls, n]) => ({
          code: concept(SYSTEMS.diary, cls, ACUTE_CLASS_DISPLAY[cls as AcuteClass]),
          valueQuantity: days(n),
        })),
      });
    }
  }
  return out;
}

/**
 * A daily diary of consecutive 30-day blocks ending yesterday (E-1), oldest first: with four blocks, the last three
 * are exactly the windows W3, W2, W1 of clinical-rules 2.1 (anchor A = E-1), and the first one is the month before.
 */
export function diaryByMonth(f: FixtureContext, months: [headacheDays: number, migraineDays: number][]): Observation[] {
  const n = months.length;
  return dailyDiary(
    f,
    months.map(([headacheDays, migraineDays], i) => ({
      from: -30 * (n - i),
      to: -30 * (n - i - 1) - 1,
      headacheDays,
      migraineDays,
    })),
  );
}

/**
 * Daily acute-medication records (clinical-rules 2.1, 3.0): one Observation `acute-medication-taken` per date in
 * `days` (offsets from E), its value naming the drug (RxNorm ingredient code and text), as a tracking app logs a dose.
 */
export function acuteMedicationTaken(
  f: FixtureContext,
  drug: { rxnorm: string; name: string },
  days: number[],
): Observation[] {
  return days.map((offset) => ({
    resourceType: 'Observation' as const,
    id: f.id(`acute-${-offset}`),
    status: 'final' as const,
    category: DIARY_CATEGORY,
    subject: f.patientRef,
    performer: [f.patientRef],
    code: concept(SYSTEMS.diary, 'acute-medication-taken', 'Acute medication taken'),
    effectiveDateTime: f.at(offset, '09:15'),
    valueCodeableConcept: concept(SYSTEMS.rxnorm, drug.rxnorm, drug.name),
  }));
}

/** A MIDAS or HIT-6 score on E + offset (project code system, clinical-rules 2.4). */
export function proScore(
  f: FixtureContext,
  code: 'midas-score' | 'hit6-score',
  offset: number,
  value: number,
): Observation {
  return {
    resourceType: 'Observation',
    id: f.id(`${code}-${-offset}`),
    status: 'final',
    category: DIARY_CATEGORY,
    subject: f.patientRef,
    performer: [f.patientRef],
    code: concept(SYSTEMS.diary, code, code === 'midas-score' ? 'MIDAS score' : 'HIT-6 score'),
    effectiveDateTime: f.at(offset, '10:00'),
    valueInteger: value,
  };
}
