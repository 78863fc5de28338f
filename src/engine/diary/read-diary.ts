import type { Observation } from '@medplum/fhirtypes';
import { type DayNumber, dateString, dayNumber, fhirDay } from '../dates.ts';
import type { PatientRecord } from '../patient-record.ts';
import type { EvaluationContext } from '../types.ts';
import { diaryKindOf, type ScoreCode, SUMMARY_CODES, type SummaryCode } from './diary-codes.ts';
import { DiaryNotes } from './diary-notes.ts';
import { observationCounts } from './diary-observation.ts';
import { diaryRules } from './diary-rules.ts';
import { type DailyDiary, readDailyEntries } from './read-daily-entries.ts';
import { type DiarySummary, readSummaries, type SummariesByCode } from './read-summaries.ts';

/** L, A = min(L, E) and whether the diary is usable (A >= E - maxAnchorAgeDays), per clinical-criteria 2.1. */
export interface Anchor {
  last: DayNumber;
  anchor: DayNumber;
  usable: boolean;
}

/** Everything the diary rules need, read once from the record. */
export interface DiaryData {
  evaluationDay: DayNumber;
  daily: DailyDiary;
  dailyAnchor?: Anchor;
  summaries: SummariesByCode;
  summaryAnchors: Partial<Record<SummaryCode, Anchor>>;
  scores: { code: ScoreCode; obs: Observation }[];
  /** Some diary Observation (any status but entered-in-error, any shape) is dated within the last 365 days. */
  hasRecentDiaryData: boolean;
  notes: DiaryNotes;
}

export function anchorOf(last: DayNumber, evaluationDay: DayNumber): Anchor {
  const anchor = Math.min(last, evaluationDay);
  return { last, anchor, usable: anchor >= evaluationDay - diaryRules.maxAnchorAgeDays };
}

/** The dates an observation mentions (dateTime, instant, period start and end); month precision as its 1st day. */
function mentionedDates(obs: Observation, zone: string): DayNumber[] {
  return [obs.effectiveDateTime, obs.effectiveInstant, obs.effectivePeriod?.start, obs.effectivePeriod?.end]
    .map((v) => fhirDay(v, zone) ?? (typeof v === 'string' && /^\d{4}-\d{2}$/.test(v) ? fhirDay(`${v}-01`) : undefined))
    .filter((v): v is string => !!v)
    .map(dayNumber);
}

/**
 * Reads the diary Observations of a record: classification by the `diary-*` value sets, status filter (entered-in-error
 * silently dropped; other non-final statuses listed as unused), daily entries, summaries, scores, anchors.
 */
export function readDiary(record: PatientRecord, ctx: EvaluationContext): DiaryData {
  const notes = new DiaryNotes();
  const evaluationDay = dayNumber(ctx.evaluationDate);
  const daily: { obs: Observation; migraine: boolean }[] = [];
  const summaries: { obs: Observation; code: SummaryCode }[] = [];
  const scores: { code: ScoreCode; obs: Observation }[] = [];
  let hasRecent = false;
  for (const obs of record.observations) {
    const kind = diaryKindOf(obs.code);
    if (!kind) continue;
    if (!observationCounts(obs)) {
      if (obs.status !== 'entered-in-error') {
        notes.add(
          'unused',
          `diary observation not used: status ${obs.status ?? 'missing'}`,
          obs.id ? `Observation/${obs.id}` : undefined,
        );
      }
      continue;
    }
    if (kind.shape === 'score') {
      scores.push({ code: kind.code, obs });
      continue;
    }
    // Scope (criteria 3): any counting diary entry or summary that touches the last 365 days, whatever its other defects.
    const dates = mentionedDates(obs, ctx.siteTimeZone);
    if (dates.some((d) => d <= evaluationDay && d >= evaluationDay - diaryRules.recentDataDays)) hasRecent = true;
    if (kind.shape === 'daily') daily.push({ obs, migraine: kind.migraine });
    else summaries.push({ obs, code: kind.code });
  }
  const dailyDiary = readDailyEntries(daily, evaluationDay, ctx.siteTimeZone, notes);
  const bySummary = readSummaries(summaries, evaluationDay, ctx.siteTimeZone, notes);
  const data: DiaryData = {
    evaluationDay,
    daily: dailyDiary,
    summaries: bySummary,
    summaryAnchors: {},
    scores,
    hasRecentDiaryData: hasRecent,
    notes,
  };
  if (dailyDiary.last !== undefined) {
    data.dailyAnchor = anchorOf(dailyDiary.last, evaluationDay);
    if (!data.dailyAnchor.usable) notes.add('outdated', `diary outdated, last entry ${dateString(dailyDiary.last)}`);
  }
  for (const code of SUMMARY_CODES) {
    const newest: DiarySummary | undefined = bySummary[code][0];
    if (!newest) continue;
    const a = anchorOf(newest.end, evaluationDay);
    data.summaryAnchors[code] = a;
    if (!a.usable) notes.add('outdated', `diary outdated, last entry ${dateString(newest.end)} (${code} summaries)`);
  }
  return data;
}
