import type { TimelineAssessment } from '../timeline-snapshot.ts';

/** A calendar month as a running index (year * 12 + month - 1), so months subtract and compare. */
export type MonthIndex = number;

/** The chart shows at most this many months; older history stays in the tables below it. */
export const MAX_CHART_MONTHS = 36;
/** With nothing dated on record, the chart still shows the year before the evaluation date. */
const EMPTY_CHART_MONTHS = 12;

export function monthIndexOf(date: string): MonthIndex {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

export function monthOfIndex(index: MonthIndex): { year: number; month: number } {
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export function daysInMonth(index: MonthIndex): number {
  const { year, month } = monthOfIndex(index);
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Position of a date in months from month 0 of the index scale: the month's index plus the elapsed fraction. */
export function monthPosition(date: string): number {
  const index = monthIndexOf(date);
  return index + (Number(date.slice(8, 10)) - 1) / daysInMonth(index);
}

/** One month's diary counts as the chart draws them. */
export interface MonthCounts {
  month: MonthIndex;
  headacheDays?: number;
  migraineDays?: number;
  source: 'daily' | 'summary';
  /** Daily entries cover only part of the month: the count is not comparable with the monthly threshold. */
  partial: boolean;
  coveredDays?: number;
}

/**
 * Picks one count per month, as the criteria do per measure: a daily diary covering the whole month, else a monthly
 * summary, else the daily diary's partial month (flagged). Counts from the two shapes are never added.
 */
export function monthlyCounts(series: TimelineAssessment['diarySeries']): MonthCounts[] {
  const out: MonthCounts[] = [];
  for (const point of series) {
    const month = monthIndexOf(`${point.month}-01`);
    const { daily, summary } = point;
    if (daily && daily.coveredDays >= daysInMonth(month)) {
      out.push({
        month,
        headacheDays: daily.headacheDays,
        migraineDays: daily.migraineDays,
        source: 'daily',
        partial: false,
      });
    } else if (summary && (summary.headacheDays !== undefined || summary.migraineDays !== undefined)) {
      out.push({
        month,
        headacheDays: summary.headacheDays,
        migraineDays: summary.migraineDays,
        source: 'summary',
        partial: false,
      });
    } else if (daily && daily.coveredDays > 0) {
      out.push({
        month,
        headacheDays: daily.headacheDays,
        migraineDays: daily.migraineDays,
        source: 'daily',
        partial: true,
        coveredDays: daily.coveredDays,
      });
    }
  }
  return out;
}

/** The months the chart spans, first and last inclusive. */
export interface ChartRange {
  first: MonthIndex;
  last: MonthIndex;
  /** True when older data exists than the chart shows. */
  clipped: boolean;
}

/**
 * From the oldest dated item (diary month, trial start, cycle) to the evaluation month, or to the next eligible
 * cycle date when that falls within three months after it; at most MAX_CHART_MONTHS.
 */
export function chartRange(a: TimelineAssessment): ChartRange {
  const evaluation = monthIndexOf(a.evaluationDate);
  const next = a.treatment ? monthIndexOf(a.treatment.nextEligible) : evaluation;
  const last = next > evaluation && next <= evaluation + 3 ? next : evaluation;
  const dated = [
    ...a.diarySeries.map((p) => monthIndexOf(`${p.month}-01`)),
    ...a.trials.flatMap((t) => (t.start ? [monthIndexOf(t.start)] : [])),
    ...a.cycles.map((c) => monthIndexOf(c.date)),
  ].filter((m) => m <= last);
  const oldest = dated.length ? Math.min(...dated) : last - (EMPTY_CHART_MONTHS - 1);
  const first = Math.max(oldest, last - (MAX_CHART_MONTHS - 1));
  return { first, last, clipped: oldest < first };
}

/** A preventive trial as a bar: `to` is the end, the evaluation date while ongoing, or undefined when not known. */
export interface TrialSpan {
  index: number;
  from: string;
  to?: string;
  trial: TimelineAssessment['trials'][number];
}

/** Trials with a start date, oldest first; trials without one cannot be placed and are left to the table. */
export function trialSpans(a: TimelineAssessment): TrialSpan[] {
  return a.trials
    .map((trial, index) => ({ trial, index }))
    .filter((t): t is { trial: typeof t.trial & { start: string }; index: number } => t.trial.start !== undefined)
    .map(({ trial, index }) => ({
      index,
      from: trial.start,
      to: trial.end ?? (trial.outcome === 'ongoing' ? a.evaluationDate : undefined),
      trial,
    }))
    .sort((x, y) => x.from.localeCompare(y.from));
}
