import { dateString } from '../dates.ts';
import type { CriterionResult, EvaluationContext } from '../types.ts';
import { NEED_DIARY } from './chronic-migraine-criterion.ts';
import type { DailyDiary, DiaryDay } from './daily-diary.ts';
import { diaryRules } from './diary-rules.ts';
import type { DiaryData } from './read-diary.ts';

const HOUR_MS = 3_600_000;

/**
 * Hours of headache on one date: the `headache-duration` component when present (it wins; with several entries, the
 * largest: the conservative reading, never the sum of possible duplicates), else the length of the union of the
 * timed entry periods touching that date, capped at 24 h. A period crossing midnight counts in full on each date it
 * marks (the attack lasted that long; cutting it at midnight would understate it). `undefined`: no duration known.
 */
export function dailyDurationHours(day: DiaryDay): number | undefined {
  if (day.componentHours !== undefined) return Math.min(day.componentHours, diaryRules.maxDailyHours);
  if (!day.intervals.length) return undefined;
  const sorted = [...day.intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [curStart, curEnd] = sorted[0]!;
  for (const [s, e] of sorted.slice(1)) {
    if (s <= curEnd) curEnd = Math.max(curEnd, e);
    else {
      total += curEnd - curStart;
      [curStart, curEnd] = [s, e];
    }
  }
  total += curEnd - curStart;
  return Math.min(total / HOUR_MS, diaryRules.maxDailyHours);
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function durationsInWindows(diary: DailyDiary, from: number, to: number): { hours: number[]; refs: string[] } {
  const hours: number[] = [];
  const refs: string[] = [];
  const view: DiaryDay = { headache: false, migraine: false, refs: [], intervals: [] };
  for (let d = from; d <= to; d++) {
    const day = diary.isHeadache(d) ? diary.day(d, view) : undefined;
    if (!day) continue;
    const h = dailyDurationHours(day);
    if (h === undefined) continue;
    hours.push(h);
    for (const r of day.refs) refs.push(r);
  }
  return { hours, refs: diary.citedOnce(refs) };
}

/** headache-duration (label: >= 4 h a day): median over headache days in W1-W3 with a known duration, >= 10 such days. */
export function headacheDurationCriterion(data: DiaryData, ctx: EvaluationContext): CriterionResult {
  const base = { id: 'headache-duration' as const, basis: ['label' as const] };
  const anchor = data.dailyAnchor;
  if (!anchor?.usable) {
    return {
      ...base,
      status: 'unknown',
      evidence: [],
      summary: 'No usable daily headache diary with durations',
      missing: [`${NEED_DIARY}, with the hours of each headache`],
    };
  }
  const from = anchor.anchor - diaryRules.windowDays * diaryRules.windowCount + 1;
  const { hours, refs } = durationsInWindows(data.daily, from, anchor.anchor);
  const need = ctx.policy.minDurationSampleDays;
  const span = `${dateString(from)} to ${dateString(anchor.anchor)}`;
  if (hours.length < need) {
    return {
      ...base,
      status: 'unknown',
      evidence: refs,
      summary: `Headache duration known on ${hours.length} headache day${hours.length === 1 ? '' : 's'} in ${span} (${need} needed)`,
      missing: [`headache duration (hours) on ${need - hours.length} more headache days`],
    };
  }
  const m = median(hours);
  const min = ctx.policy.minHeadacheHours;
  const text = `Median headache duration ${Math.round(m * 100) / 100} h over ${hours.length} headache days in ${span}`;
  return m >= min
    ? { ...base, status: 'met', evidence: refs, summary: `${text} (>= ${min} h)` }
    : { ...base, status: 'unmet', evidence: refs, summary: `${text} (below ${min} h)` };
}
