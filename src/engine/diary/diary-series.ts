import { dateString, lastDayOfMonth } from '../dates.ts';
import type { SummaryCode } from './diary-codes.ts';
import type { DiaryData } from './read-diary.ts';

/**
 * One calendar month of a timeline (YYYY-MM), oldest first. `daily`: days between the diary's first and last entry
 * that fall in the month (coveredDays) and the headache and migraine days among them. `summary`: values of the usable
 * summaries whose period midpoint falls in the month (two of one code in a month: the later-ending one).
 */
export interface DiarySeriesPoint {
  month: string;
  daily?: { coveredDays: number; headacheDays: number; migraineDays: number };
  summary?: { headacheDays?: number; migraineDays?: number; acuteMedicationDays?: number };
}

const SUMMARY_FIELD: Record<SummaryCode, keyof NonNullable<DiarySeriesPoint['summary']>> = {
  'headache-days': 'headacheDays',
  'migraine-days': 'migraineDays',
  'acute-medication-days': 'acuteMedicationDays',
};

function pointOf(points: Map<string, DiarySeriesPoint>, month: string): DiarySeriesPoint {
  let p = points.get(month);
  if (!p) {
    p = { month };
    points.set(month, p);
  }
  return p;
}

/** The timeline over the whole record (outdated data included: it is history, not a criterion). */
export function diarySeries(data: DiaryData): DiarySeriesPoint[] {
  const points = new Map<string, DiarySeriesPoint>();
  const diary = data.daily;
  const { first, last } = diary;
  if (first !== undefined && last !== undefined) {
    // Month by month (one date string per month): from the diary's first day, or the 1st, to the month's end or L.
    for (let from = first; from <= last; ) {
      const to = Math.min(lastDayOfMonth(from), last);
      const p = pointOf(points, dateString(from).slice(0, 7));
      p.daily ??= { coveredDays: 0, headacheDays: 0, migraineDays: 0 };
      p.daily.coveredDays += to - from + 1;
      diary.addDayCounts(from, to, p.daily);
      from = to + 1;
    }
  }
  for (const [code, list] of Object.entries(data.summaries) as [SummaryCode, (typeof data.summaries)[SummaryCode]][]) {
    // Newest first: the first one placed in a month is the later-ending one.
    for (const s of list) {
      const p = pointOf(points, dateString(s.start + Math.floor((s.end - s.start) / 2)).slice(0, 7));
      p.summary ??= {};
      p.summary[SUMMARY_FIELD[code]] ??= s.value;
    }
  }
  return [...points.values()].sort((a, b) => a.month.localeCompare(b.month));
}
