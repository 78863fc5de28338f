import { dateString } from '../dates.ts';
import type { PatientRecord } from '../patient-record.ts';
import type { CriterionResult, DataNote, EvaluationContext, FindingResult } from '../types.ts';
import type { MeasureSource } from './choose-source.ts';
import { chronicMigraineCriterion } from './chronic-migraine-criterion.ts';
import type { DiarySeriesPoint } from './diary-series.ts';
import { diarySeries } from './diary-series.ts';
import { headacheDurationCriterion } from './headache-duration-criterion.ts';
import { medicationOveruseFinding } from './medication-overuse.ts';
import { migraineDaysCriterion } from './migraine-days-criterion.ts';
import { type DiaryData, readDiary } from './read-diary.ts';

export type { DiarySeriesPoint };

/** One window of a measure as shown in the card table and timeline. Dates are YYYY-MM-DD, both ends inclusive. */
export interface DiaryWindow {
  measure: 'headache-days' | 'migraine-days';
  source: 'daily' | 'summary';
  start: string;
  end: string;
  days: number;
  covered: boolean;
  evidence: string[];
}

/** What the headache diary says (clinical-criteria 2, 2.1 and 3). */
export interface DiaryAnalysis {
  /** id 'chronic-migraine', basis ['label','ichd3']; includes the diagnosis stand-in. */
  chronicMigraine: CriterionResult;
  /** id 'migraine-days', basis ['ichd3']. */
  migraineDays: CriterionResult;
  /** id 'headache-duration', basis ['label']. */
  headacheDuration: CriterionResult;
  /** id 'medication-overuse', severity 'caution'; absent when the summaries do not show it. */
  medicationOveruse?: FindingResult;
  /** W1 start (YYYY-MM-DD) of the usable diary on which chronic-migraine was met BY A DIARY (for inferred trial failures, 2.2 (a)). */
  chronicMigraineMeasuredFrom?: string;
  /** Any diary data (daily entry or summary) dated within the last 365 days before E: brings the patient into scope. */
  hasRecentDiaryData: boolean;
  /** The windows used, newest first, for the card table and a timeline chart. */
  windows: DiaryWindow[];
  /** Per calendar month, oldest first: daily-entry and summary counts over the whole record. */
  series: DiarySeriesPoint[];
  /** Unused entries, data errors, outdated diaries. */
  notes: DataNote[];
}

function toWindows(source: MeasureSource | undefined): DiaryWindow[] {
  return (source?.windows ?? []).map((w) => ({
    measure: source!.measure,
    source: w.source,
    start: dateString(w.start),
    end: dateString(w.end),
    days: w.count,
    covered: w.covered,
    evidence: w.evidence,
  }));
}

/**
 * Reads the headache diary of a record and judges the diary criteria and the medication-overuse finding. Pure: the
 * evaluation date, site time zone and policy come from `ctx`. `data` is the record's diary when the caller has
 * already read it (readDiary of the same record and context), so that it is read once per assessment.
 *
 * @example
 * const diary = analyzeDiary(record, { evaluationDate: '2026-11-23', siteTimeZone: 'Europe/Paris', policy });
 * diary.chronicMigraine.status; // 'met' | 'unmet' | 'unknown'
 */
export function analyzeDiary(
  record: PatientRecord,
  ctx: EvaluationContext,
  data: DiaryData = readDiary(record, ctx),
): DiaryAnalysis {
  const cm = chronicMigraineCriterion(data, record, ctx);
  const md = migraineDaysCriterion(data, ctx);
  const overuse = medicationOveruseFinding(data);
  const windows = [...toWindows(cm.source), ...toWindows(md.source)].sort(
    (a, b) => b.start.localeCompare(a.start) || a.measure.localeCompare(b.measure),
  );
  const analysis: DiaryAnalysis = {
    chronicMigraine: cm.result,
    migraineDays: md.result,
    headacheDuration: headacheDurationCriterion(data, ctx),
    hasRecentDiaryData: data.hasRecentDiaryData,
    windows,
    series: diarySeries(data),
    notes: data.notes.list(),
  };
  if (overuse) analysis.medicationOveruse = overuse;
  if (cm.measuredFrom) analysis.chronicMigraineMeasuredFrom = cm.measuredFrom;
  return analysis;
}
