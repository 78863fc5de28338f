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
  /**
   * Dates with an entry of any kind, set only for a daily diary that records headache-free days (clinical-rules
   * 2.1 "Logged days", 3.0); the other dates of the window are unlogged. Absent: dates without an entry are
   * headache-free (a headache-only diary, or monthly summaries).
   */
  logged?: number;
  evidence: string[];
}

/** Days of the window not logged: 0 unless the diary records headache-free days. */
export function unloggedDays(w: CountWindow): number {
  return w.logged === undefined ? 0 : w.end - w.start + 1 - w.logged;
}

/**
 * Counts headache (or migraine) days of the daily diary in [start, end]; covered when the diary's first entry <= start.
 * `recordsHeadacheFree`: the diary records headache-free days, so its logged days are counted too.
 */
export function countDaily(
  diary: DailyDiary,
  start: DayNumber,
  end: DayNumber,
  measure: Measure,
  recordsHeadacheFree = false,
): CountWindow {
  let count = 0;
  const refs: string[] = [];
  for (let d = start; d <= end; d++) {
    if (!(measure === 'migraine-days' ? diary.isMigraine(d) : diary.isHeadache(d))) continue;
    count++;
    diary.appendRefs(d, refs);
  }
  const covered = diary.first !== undefined && diary.first <= start;
  const w: CountWindow = { source: 'daily', start, end, count, covered, evidence: diary.citedOnce(refs) };
  if (recordsHeadacheFree) w.logged = diary.loggedDays(start, end);
  return w;
}

/** W1 = [A-29, A], W2 = [A-59, A-30], W3 = [A-89, A-60] (with the rules' window length and count). */
export function dailyWindows(
  diary: DailyDiary,
  anchor: Anchor,
  measure: Measure,
  recordsHeadacheFree = false,
): CountWindow[] {
  const n = diaryRules.windowDays;
  const windows: CountWindow[] = [];
  for (let i = 0; i < diaryRules.windowCount; i++) {
    const end = anchor.anchor - i * n;
    windows.push(countDaily(diary, end - n + 1, end, measure, recordsHeadacheFree));
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
 * Whether the daily diary carries a migraine-coded entry in [A-89, A] (clinical-rules 2.1 choice, 3 migraine-days):
 * of any kind, a migraine-free day record included.
 */
export function hasMigraineTyping(diary: DailyDiary, anchor: Anchor): boolean {
  const from = anchor.anchor - diaryRules.windowDays * diaryRules.windowCount + 1;
  return diary.hasMigraineCodedEntry(from, anchor.anchor);
}

export type WindowVerdict = 'met' | 'unmet' | 'inconclusive';
export type WindowState = 'reached' | 'not-reached' | 'undecided';

/**
 * One window against threshold `min` (clinical-rules 2.1 "Logged days", 11.1): reached when H >= min; not reached
 * when H + U < min (U unlogged days); undecided otherwise, and whenever the window is not covered.
 */
export function windowState(w: CountWindow, min: number): WindowState {
  if (!w.covered) return 'undecided';
  if (w.count >= min) return 'reached';
  return w.count + unloggedDays(w) < min ? 'not-reached' : 'undecided';
}

/** unmet when a window is not reached; met when all windows are present and reached; else inconclusive. */
export function judgeWindows(windows: CountWindow[], min: number): WindowVerdict {
  const states = windows.map((w) => windowState(w, min));
  if (states.includes('not-reached')) return 'unmet';
  if (windows.length === diaryRules.windowCount && states.every((s) => s === 'reached')) return 'met';
  return 'inconclusive';
}
