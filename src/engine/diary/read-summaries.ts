import type { Observation } from '@medplum/fhirtypes';
import { type DayNumber, dayNumber, fhirDay } from '../dates.ts';
import { refOf } from '../fhir/reference.ts';
import { acuteClassOf, SUMMARY_CODES, type SummaryCode } from './diary-codes.ts';
import type { DiaryNotes } from './diary-notes.ts';
import { isDayUnit, issuedMs, numericValue } from './diary-observation.ts';
import { diaryRules } from './diary-rules.ts';

/** A usable monthly summary (shape 2 of clinical-rules 2.1). */
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
): DiarySummary | { unused: string } | { error: string; impossibleValue?: { start: DayNumber; end: DayNumber } } {
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
  if (v.value > length) return { error: 'value larger than its period', impossibleValue: { start: s, end: e } };
  if (v.value < 0) return { error: 'negative value', impossibleValue: { start: s, end: e } };
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

/** The other code of the headache-days / migraine-days pair (clinical-rules 2.1 "both summaries of that period"). */
const PARTNER: Partial<Record<SummaryCode, SummaryCode>> = {
  'headache-days': 'migraine-days',
  'migraine-days': 'headache-days',
};

/**
 * Reads summaries (already classified and counting by status): wrong lengths and units are unused; a value above its
 * period, or migraine days above the headache days of the same period, is a data error (both listed, neither used).
 * Summaries ending after E are not used and do not set L (clinical-rules 2.1: "a summary may end on E"; the reading
 * for one ending after E): its value counts days after E, so it is no window; and summary windows are the newest
 * summaries, not days back from A, so letting it anchor the code on E would pass older summaries off as current.
 * Result: per code, newest first, without overlaps.
 */
export function readSummaries(
  entries: { obs: Observation; code: SummaryCode }[],
  evaluationDay: DayNumber,
  zone: string,
  notes: DiaryNotes,
): SummariesByCode {
  const parsed: SummariesByCode = { 'headache-days': [], 'migraine-days': [], 'acute-medication-days': [] };
  const impossible: { code: SummaryCode; start: DayNumber; end: DayNumber }[] = [];
  for (const { obs, code } of entries) {
    const r = parseSummary(obs, code, zone);
    if ('unused' in r) notes.add('unused', `${code} summary not used: ${r.unused}`, refOf(obs));
    else if ('error' in r) {
      notes.add('data-error', `${code} summary not used: ${r.error}`, refOf(obs));
      if (r.impossibleValue) impossible.push({ code, ...r.impossibleValue });
    } else if (r.end > evaluationDay)
      notes.add('unused', `${code} summary not used: ends after the evaluation date`, r.ref);
    else parsed[code].push(r);
  }
  // clinical-rules 2.1: "A value larger than its period ... is a data error: both summaries of that period are
  // listed, not used": a headache-days or migraine-days value outside its period takes out the other code's summary of
  // the same period too (a negative value likewise: as impossible).
  for (const bad of impossible) {
    const partner = PARTNER[bad.code];
    if (!partner) continue;
    parsed[partner] = parsed[partner].filter((s) => {
      if (s.start !== bad.start || s.end !== bad.end) return true;
      notes.add(
        'data-error',
        `${partner} summary not used: the ${bad.code} summary of the same period is a data error`,
        s.ref,
      );
      return false;
    });
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
