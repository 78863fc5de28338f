import type { Observation } from '@medplum/fhirtypes';
import { type DayNumber, dayNumber, fhirDay, fhirInstantMs } from '../dates.ts';
import { refOf } from '../fhir/reference.ts';
import { isDurationComponent, isSeverityComponent } from './diary-codes.ts';
import type { DiaryNotes } from './diary-notes.ts';
import { numericValue, toHours } from './diary-observation.ts';
import { diaryRules } from './diary-rules.ts';

/** What the daily entries say about one calendar date. */
export interface DiaryDay {
  /** At least one headache entry (a migraine entry is also one). A headache entry wins over a headache-free one. */
  headache: boolean;
  migraine: boolean;
  /** Refs of the headache entries on this date. */
  refs: string[];
  /** Largest `headache-duration` component on this date, in hours. */
  componentHours?: number;
  /** Timed entry periods touching this date, [startMs, endMs]. */
  intervals: [number, number][];
}

/** All daily entries together as one diary (clinical-criteria 2.1: "all daily sources together form one diary"). */
export interface DailyDiary {
  days: Map<DayNumber, DiaryDay>;
  /** First and last date with an entry of any kind (headache-free entries included); undefined when no entry. */
  first?: DayNumber;
  last?: DayNumber;
}

/** Most days have one ref and no interval: days share these until they get their own (nothing else writes to them). */
const NO_REFS: string[] = Object.freeze([]) as unknown as string[];
const NO_INTERVALS: [number, number][] = Object.freeze([]) as unknown as [number, number][];

export function emptyDailyDiary(): DailyDiary {
  return { days: new Map() };
}

/** Dates an entry marks: every date start..end of `effectivePeriod` (only start without end), or its dateTime. */
function entryDates(
  obs: Observation,
  zone: string,
): { from: DayNumber; to: DayNumber } | { unused: string } | { error: string } {
  const single = obs.effectiveDateTime ?? obs.effectiveInstant;
  if (single !== undefined) {
    const d = fhirDay(single, zone);
    return d ? { from: dayNumber(d), to: dayNumber(d) } : { unused: 'date less precise than a day' };
  }
  const p = obs.effectivePeriod;
  if (!p?.start) return { unused: 'no date' };
  const start = fhirDay(p.start, zone);
  const end = p.end === undefined ? start : fhirDay(p.end, zone);
  if (!start || !end) return { unused: 'date less precise than a day' };
  const from = dayNumber(start);
  const to = dayNumber(end);
  if (to < from) return { error: 'period ends before it starts' };
  if (to - from + 1 > diaryRules.maxEntrySpanDays) return { unused: 'period too long for a diary entry' };
  return { from, to };
}

/** An entry records a headache-free day when valueBoolean is false or its severity component is 0. */
function isHeadacheFree(obs: Observation): boolean {
  if (obs.valueBoolean === false) return true;
  // Value first: the severity set has text patterns, costly to try on every component.
  return (obs.component ?? []).some((c) => numericValue(c)?.value === 0 && isSeverityComponent(c.code));
}

function durationComponentHours(obs: Observation): number | undefined {
  for (const c of obs.component ?? []) {
    if (!isDurationComponent(c.code)) continue;
    const v = numericValue(c);
    const h = v && v.value >= 0 ? toHours(v.value, v.unit) : undefined;
    if (h !== undefined) return h;
  }
  return undefined;
}

/**
 * Reads daily entries (already classified as daily and counting by status) into a diary of dates up to E.
 * Entries with a dataAbsentReason say "value unknown": listed as unused, neither headache nor headache-free
 * (the safer reading: an unknown value must not add a headache day nor mark a day free).
 */
export function readDailyEntries(
  entries: { obs: Observation; migraine: boolean }[],
  evaluationDay: DayNumber,
  zone: string,
  notes: DiaryNotes,
): DailyDiary {
  const diary = emptyDailyDiary();
  for (const { obs, migraine } of entries) {
    const ref = refOf(obs);
    if (obs.dataAbsentReason) {
      notes.add('unused', 'diary entry not used: value absent (dataAbsentReason)', ref);
      continue;
    }
    const dates = entryDates(obs, zone);
    if ('unused' in dates) {
      notes.add('unused', `diary entry not used: ${dates.unused}`, ref);
      continue;
    }
    if ('error' in dates) {
      notes.add('data-error', `diary entry not used: ${dates.error}`, ref);
      continue;
    }
    if (dates.from > evaluationDay) {
      notes.add('unused', 'diary entry not used: dated after the evaluation date', ref);
      continue;
    }
    const free = isHeadacheFree(obs);
    const hours = free ? undefined : durationComponentHours(obs);
    const startMs = fhirInstantMs(obs.effectivePeriod?.start);
    const endMs = fhirInstantMs(obs.effectivePeriod?.end);
    const interval: [number, number] | undefined =
      !free && startMs !== undefined && endMs !== undefined && endMs > startMs ? [startMs, endMs] : undefined;
    for (let d = dates.from; d <= Math.min(dates.to, evaluationDay); d++) {
      let day = diary.days.get(d);
      if (!day) {
        day = { headache: false, migraine: false, refs: NO_REFS, intervals: NO_INTERVALS };
        diary.days.set(d, day);
      }
      if (diary.first === undefined || d < diary.first) diary.first = d;
      if (diary.last === undefined || d > diary.last) diary.last = d;
      if (free) continue;
      day.headache = true;
      day.migraine ||= migraine;
      if (ref && !day.refs.includes(ref)) day.refs = [...day.refs, ref];
      if (hours !== undefined) day.componentHours = Math.max(day.componentHours ?? 0, hours);
      if (interval) day.intervals = [...day.intervals, interval];
    }
  }
  return diary;
}
