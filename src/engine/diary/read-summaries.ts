import type { Observation } from '@medplum/fhirtypes';
import { type DayNumber, dayNumber, fhirDay } from '../dates.ts';
import { refOf } from '../fhir/reference.ts';
import { acuteClassOf, SUMMARY_CODES, type SummaryCode } from './diary-codes.ts';
import type { DiaryNotes } from './diary-notes.ts';
import { isDayUnit, issuedMs, numericValue } from './diary-observation.ts';
import { diaryRules } from './diary-rules.ts';

/** A usable monthly summary (shape 2 of clinical-criteria 2.1). */
export interface DiarySummary {
  code: SummaryCode;
  ref?: string;
  start: DayNumber;
  end: DayNumber;
  value: number;
  issued?: number;
  /** Days per acute medication class (only for `acute-medication-days`), from its components. */
  components: Map<string, number>;
}

export type SummariesByCode = Record<SummaryCode, DiarySummary[]>;

function parseSummary(
  obs: Observation,
  code: SummaryCode,
  zone: string,
): DiarySummary | { unused: string } | { error: string } {
  if (obs.dataAbsentReason) return { unused: 'value absent (dataAbsentReason)' };
  const p = obs.effectivePeriod;
  const start = fhirDay(p?.start, zone);
  const end = fhirDay(p?.end, zone);
  if (!start || !end) return { unused: 'period missing or less precise than a day' };
  const s = dayNumber(start);
  const e = dayNumber(end);
  if (e < s) return { error: 'period ends before it starts' };
  const length = e - s + 1;
  if (length < diaryRules.summaryMinDays || length > diaryRules.summaryMaxDays) {
    return { unused: `period of ${length} days (${diaryRules.summaryMinDays}-${diaryRules.summaryMaxDays} expected)` };
  }
  const v = numericValue(obs);
  if (!v) return { unused: 'no value in days' };
  if (!isDayUnit(v.unit)) return { unused: 'value not in days' };
  if (v.value < 0 || v.value > length) return { error: 'value larger than its period' };
  const components = new Map<string, number>();
  if (code === 'acute-medication-days') {
    for (const c of obs.component ?? []) {
      const cls = acuteClassOf(c.code);
      const cv = numericValue(c);
      if (cls && cv && cv.value >= 0 && isDayUnit(cv.unit)) components.set(cls, cv.value);
    }
  }
  const summary: DiarySummary = { code, start: s, end: e, value: v.value, components };
  const ref = refOf(obs);
  if (ref) summary.ref = ref;
  const issued = issuedMs(obs);
  if (issued !== undefined) summary.issued = issued;
  return summary;
}

/** Later-issued first; ties (or no issued) by later end, so the choice is deterministic. */
function newerFirst(a: DiarySummary, b: DiarySummary): number {
  return (b.issued ?? -Infinity) - (a.issued ?? -Infinity) || b.end - a.end || b.start - a.start;
}

/** Of overlapping summaries keep the later-issued; the others are listed as superseded. */
function dropOverlaps(list: DiarySummary[], notes: DiaryNotes): DiarySummary[] {
  const kept: DiarySummary[] = [];
  for (const s of [...list].sort(newerFirst)) {
    if (kept.some((k) => k.start <= s.end && s.start <= k.end)) {
      notes.add('unused', `${s.code} summary not used: overlaps a later-issued summary`, s.ref);
    } else kept.push(s);
  }
  return kept.sort((a, b) => b.end - a.end);
}

/**
 * Reads summaries (already classified and counting by status): wrong lengths and units are unused; a value above its
 * period, or migraine days above the headache days of the same period, is a data error (both listed, neither used).
 * Summaries ending after E are not used: no data exists after E. Result: per code, newest first, without overlaps.
 */
export function readSummaries(
  entries: { obs: Observation; code: SummaryCode }[],
  evaluationDay: DayNumber,
  zone: string,
  notes: DiaryNotes,
): SummariesByCode {
  const parsed: SummariesByCode = { 'headache-days': [], 'migraine-days': [], 'acute-medication-days': [] };
  for (const { obs, code } of entries) {
    const r = parseSummary(obs, code, zone);
    if ('unused' in r) notes.add('unused', `${code} summary not used: ${r.unused}`, refOf(obs));
    else if ('error' in r) notes.add('data-error', `${code} summary not used: ${r.error}`, refOf(obs));
    else if (r.end > evaluationDay)
      notes.add('unused', `${code} summary not used: ends after the evaluation date`, r.ref);
    else parsed[code].push(r);
  }
  const result = {} as SummariesByCode;
  for (const code of SUMMARY_CODES) result[code] = dropOverlaps(parsed[code], notes);
  const conflicting = new Set<DiarySummary>();
  for (const m of result['migraine-days']) {
    const h = result['headache-days'].find((x) => x.start === m.start && x.end === m.end);
    if (h && m.value > h.value) {
      conflicting.add(m).add(h);
      notes.add('data-error', 'migraine-days above headache-days for the same period: neither summary used', m.ref);
      notes.add('data-error', 'migraine-days above headache-days for the same period: neither summary used', h.ref);
    }
  }
  if (conflicting.size) {
    result['migraine-days'] = result['migraine-days'].filter((s) => !conflicting.has(s));
    result['headache-days'] = result['headache-days'].filter((s) => !conflicting.has(s));
  }
  return result;
}
