import { type DayNumber, dateString } from '../dates.ts';
import { readAcuteRecords } from '../medications/acute-records.ts';
import type { PatientRecord } from '../patient-record.ts';
import type { CriterionResult, DataNote, EvaluationContext, FindingResult } from '../types.ts';
import type { MeasureSource } from './choose-source.ts';
import { chronicMigraineCriterion } from './chronic-migraine-criterion.ts';
import type { DiarySeriesPoint } from './diary-series.ts';
import { diarySeries } from './diary-series.ts';
import { headacheDurationCriterion } from './headache-duration-criterion.ts';
import { type MedicationOveruseAssessment, medicationOveruse } from './medication-overuse.ts';
import { migraineDaysCriterion } from './migraine-days-criterion.ts';
import { baselineDiary, type DiaryData, readDiary } from './read-diary.ts';
import { HEADACHE_ONLY_DIARY, unloggedTexts } from './window-text.ts';

export type { DiarySeriesPoint, MedicationOveruseAssessment };

/** One window of a measure as shown in the card table and timeline. Dates are YYYY-MM-DD, both ends inclusive. */
export interface DiaryWindow {
  measure: 'headache-days' | 'migraine-days';
  source: 'daily' | 'summary';
  start: string;
  end: string;
  days: number;
  covered: boolean;
  /**
   * Days of the window with an entry of any kind, when the diary records headache-free days (clinical-rules 2.1
   * "Logged days"): the card and timeline show "H headache days (L of 30 days logged)". Absent otherwise.
   */
  logged?: number;
  evidence: string[];
}

/** What the headache diary says (clinical-rules 2, 2.1 and 3). */
export interface DiaryAnalysis {
  /** id 'chronic-migraine', basis ['label','ichd3']; includes the diagnosis stand-in. */
  chronicMigraine: CriterionResult;
  /** id 'migraine-days', basis ['ichd3']. */
  migraineDays: CriterionResult;
  /** id 'headache-duration', basis ['label']. */
  headacheDuration: CriterionResult;
  /** id 'medication-overuse', severity 'caution'; absent when neither the data nor a diagnosis shows it. */
  medicationOveruse?: FindingResult;
  /** How medication overuse was assessed: daily records, summaries, or not at all (clinical-rules 2.1, 11.5). */
  medicationOveruseAssessment: MedicationOveruseAssessment;
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
    ...(w.logged === undefined ? {} : { logged: w.logged }),
    evidence: w.evidence,
  }));
}

/** The diary's completeness notes (clinical-rules 2.1 "Logged days"): unlogged days, or a headache-only diary. */
function completenessNotes(data: DiaryData, source: MeasureSource | undefined): DataNote[] {
  if (source?.source !== 'daily') return [];
  if (!data.recordsHeadacheFree) return [{ kind: 'completeness', text: HEADACHE_ONLY_DIARY }];
  return unloggedTexts(source.windows).map((text) => ({ kind: 'completeness', text }));
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
  const acute = readAcuteRecords(record, data.acuteObservations, ctx.siteTimeZone);
  const overuse = medicationOveruse(data, acute, record.conditions, ctx.siteTimeZone);
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
    medicationOveruseAssessment: overuse.assessment,
    notes: [...data.notes.list(), ...completenessNotes(data, cm.source), ...overuse.notes],
  };
  if (overuse.finding) analysis.medicationOveruse = overuse.finding;
  if (cm.measuredFrom) analysis.chronicMigraineMeasuredFrom = cm.measuredFrom;
  return analysis;
}

/** The starting criteria judged before the first cycle, with the baseline windows they rest on. */
export interface BaselineAnalysis {
  criteria: CriterionResult[];
  windows: DiaryWindow[];
  chronicMigraineMeasuredFrom?: string;
}

/**
 * While on treatment, chronic-migraine, migraine-days and headache-duration are judged on the diary before the first
 * cycle C1 (clinical-rules 3 "On treatment", 11.12), the diagnosis stand-in at C1. Each result is marked
 * `judgedBefore: C1`; an unknown one asks for the baseline ("renewal requests ask for it"), never for today's diary;
 * an unmet one says "not met before the first cycle" (the status stays on-treatment: the caller decides that).
 */
export function analyzeBaseline(
  record: PatientRecord,
  ctx: EvaluationContext,
  data: DiaryData,
  firstCycle: DayNumber,
): BaselineAnalysis {
  const c1 = dateString(firstCycle);
  const view = baselineDiary(data, firstCycle);
  const atC1 = { ...ctx, evaluationDate: c1 };
  const cm = chronicMigraineCriterion(view, record, atC1);
  const md = migraineDaysCriterion(view, atC1);
  const mark = (c: CriterionResult): CriterionResult => {
    const out: CriterionResult = { ...c, judgedBefore: c1 };
    if (c.status === 'unknown') out.missing = [`baseline before ${c1} (renewal requests ask for it)`];
    else delete out.missing;
    if (c.status === 'unmet') out.summary = `not met before the first cycle: ${c.summary}`;
    return out;
  };
  const windows = [...toWindows(cm.source), ...toWindows(md.source)].sort(
    (a, b) => b.start.localeCompare(a.start) || a.measure.localeCompare(b.measure),
  );
  return {
    criteria: [cm.result, md.result, headacheDurationCriterion(view, atC1)].map(mark),
    windows,
    ...(cm.measuredFrom ? { chronicMigraineMeasuredFrom: cm.measuredFrom } : {}),
  };
}
