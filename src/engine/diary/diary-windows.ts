import type { DayNumber } from '../dates.ts';
import type { DailyDiary } from './daily-diary.ts';
import { diaryRules } from './diary-rules.ts';
import type { Anchor } from './read-diary.ts';
import type { DiarySummary } from './read-summaries.ts';

export type Measure = 'headache-days' | 'migraine-days';

/** One counted window: W1 is the newest. */
export interface CountWindow {
  source: 'daily' | 'summary';
  start: DayNumber;
  end: DayNumber;
  count: number;
  covered: boolean;
  evidence: string[];
}

/** Counts headache (or migraine) days of the daily diary in [start, end]; covered when the diary's first entry <= start. */
export function countDaily(diary: DailyDiary, start: DayNumber, end: DayNumber, measure: Measure): CountWindow {
  let count = 0;
  const refs: string[] = [];
  for (let d = start; d <= end; d++) {
    if (!(measure === 'migraine-days' ? diary.isMigraine(d) : diary.isHeadache(d))) continue;
    count++;
    diary.appendRefs(d, refs);
  }
  const covered = diary.first !== undefined && diary.first <= start;
  return { source: 'daily', start, end, count, covered, evidence: diary.citedOnce(refs) };
}

/** W1 = [A-29, A], W2 = [A-59, A-30], W3 = [A-89, A-60] (with the rules' window length and count). */
export function dailyWindows(diary: DailyDiary, anchor: Anchor, measure: Measure): CountWindow[] {
  const n = diaryRules.windowDays;
  const windows: CountWindow[] = [];
  for (let i = 0; i < diaryRules.windowCount; i++) {
    const end = anchor.anchor - i * n;
    windows.push(countDaily(diary, end - n + 1, end, measure));
  }
  return windows;
}

/** The most recent consecutive summaries (each starting at most 1 day after the previous one ends), newest first. */
export function summaryWindows(summaries: DiarySummary[]): CountWindow[] {
  const chain: DiarySummary[] = [];
  for (const s of summaries) {
    if (chain.length === diaryRules.windowCount) break;
    const newer = chain[chain.length - 1];
    if (newer && newer.start - s.end > diaryRules.maxSummaryGapDays) break;
    chain.push(s);
  }
  return chain.map((s) => ({
    source: 'summary',
    start: s.start,
    end: s.end,
    count: s.value,
    covered: true,
    evidence: s.ref ? [s.ref] : [],
  }));
}

/**
 * Whether the daily diary carries a migraine-coded entry in [A-89, A] (clinical-criteria 2.1 choice, 3 migraine-days):
 * of any kind, a migraine-free day record included.
 */
export function hasMigraineTyping(diary: DailyDiary, anchor: Anchor): boolean {
  const from = anchor.anchor - diaryRules.windowDays * diaryRules.windowCount + 1;
  return diary.hasMigraineCodedEntry(from, anchor.anchor);
}

export type WindowVerdict = 'met' | 'unmet' | 'inconclusive';

/** unmet when a covered window is below `min`; met when all windows are present, covered and >= `min`. */
export function judgeWindows(windows: CountWindow[], min: number): WindowVerdict {
  const covered = windows.filter((w) => w.covered);
  if (covered.some((w) => w.count < min)) return 'unmet';
  if (windows.length === diaryRules.windowCount && covered.length === windows.length) return 'met';
  return 'inconclusive';
}
