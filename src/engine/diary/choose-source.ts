import { type CountWindow, dailyWindows, hasMigraineTyping, type Measure, summaryWindows } from './diary-windows.ts';
import type { DiaryData } from './read-diary.ts';
import { evidenceOf } from './window-text.ts';

/** The diary shape chosen for one measure, with its windows (W1 first). */
export interface MeasureSource {
  measure: Measure;
  source: 'daily' | 'summary';
  windows: CountWindow[];
}

/**
 * Choice per measure (clinical-rules 2.1): the daily entries when usable and covering W1-W3 (for migraine days:
 * with a migraine-coded entry in W1-W3), else the usable summaries of that code, else usable daily entries with
 * partial coverage (for migraine days: only when migraine-typed, since untyped entries say nothing about migraine).
 * Counts are never added across shapes. `undefined`: no usable diary for this measure.
 */
export function chooseSource(data: DiaryData, measure: Measure): MeasureSource | undefined {
  const anchor = data.dailyAnchor?.usable ? data.dailyAnchor : undefined;
  const daily = anchor ? dailyWindows(data.daily, anchor, measure, data.recordsHeadacheFree) : undefined;
  const typed = anchor ? measure === 'headache-days' || hasMigraineTyping(data.daily, anchor) : false;
  if (daily && typed && daily.every((w) => w.covered)) return { measure, source: 'daily', windows: daily };
  if (data.summaryAnchors[measure]?.usable) {
    const windows = summaryWindows(data.summaries[measure]);
    if (windows.length) return { measure, source: 'summary', windows };
  }
  if (daily && typed) return { measure, source: 'daily', windows: daily };
  return undefined;
}

/**
 * The refs a source's windows cite, each once, in window order. Daily windows are disjoint date ranges: their lists
 * are joined, and de-duplicated only when the diary's refs may repeat (DailyDiary.citedOnce).
 */
export function sourceEvidence(data: DiaryData, source: MeasureSource): string[] {
  if (source.source !== 'daily') return evidenceOf(source.windows);
  const joined: string[] = [];
  for (const w of source.windows) for (const ref of w.evidence) joined.push(ref);
  return data.daily.citedOnce(joined);
}

/** Every usable source of a measure (both shapes), for "no usable diary shows a covered window < min". */
export function usableSources(data: DiaryData, measure: Measure): MeasureSource[] {
  const out: MeasureSource[] = [];
  if (data.dailyAnchor?.usable)
    out.push({
      measure,
      source: 'daily',
      windows: dailyWindows(data.daily, data.dailyAnchor, measure, data.recordsHeadacheFree),
    });
  if (data.summaryAnchors[measure]?.usable) {
    const windows = summaryWindows(data.summaries[measure]);
    if (windows.length) out.push({ measure, source: 'summary', windows });
  }
  return out;
}
