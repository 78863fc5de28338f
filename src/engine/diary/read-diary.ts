import type { Observation } from '@medplum/fhirtypes';
import { type DayNumber, dateString, dayNumber } from '../dates.ts';
import type { PatientRecord } from '../patient-record.ts';
import type { EvaluationContext } from '../types.ts';
import type { DailyDiary } from './daily-diary.ts';
import { diaryKindOf, isAcuteTakenCode, type ScoreCode, SUMMARY_CODES, type SummaryCode } from './diary-codes.ts';
import { DiaryNotes } from './diary-notes.ts';
import { observationCounts } from './diary-observation.ts';
import { diaryRules } from './diary-rules.ts';
import { emptyObservationDays, mentionsDayIn, readObservationDays } from './observation-days.ts';
import { DailyEntryReader } from './read-daily-entries.ts';
import { type DiarySummary, readSummaries, type SummariesByCode } from './read-summaries.ts';

/** L, A = min(L, E) and whether the diary is usable (A >= E - maxAnchorAgeDays), per clinical-rules 2.1. */
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
  /**
   * Daily acute-medication records (clinical-rules 2.1, 3.0), counting by status: Observations coded
   * `acute-medication-taken`, and daily headache entries carrying such a component. Not diary entries (11.1).
   */
  acuteObservations: Observation[];
  /**
   * The daily diary holds a headache-free entry dated in [E - 365, E] (clinical-rules 2.1 "Logged days", 11.2):
   * its dates without an entry are unlogged, not headache-free.
   */
  recordsHeadacheFree: boolean;
  /** Some diary Observation (any status but entered-in-error, any shape) is dated within the last 365 days. */
  hasRecentDiaryData: boolean;
  notes: DiaryNotes;
  /** The Observations whose code is not diary data (pregnancy status, lactation...), in record order. */
  nonDiary: Observation[];
}

export function anchorOf(last: DayNumber, evaluationDay: DayNumber): Anchor {
  const anchor = Math.min(last, evaluationDay);
  return { last, anchor, usable: anchor >= evaluationDay - diaryRules.maxAnchorAgeDays };
}

/**
 * Reads the diary Observations of a record: classification by the `diary-*` value sets, status filter (entered-in-error
 * silently dropped; other non-final statuses listed as unused), daily entries, summaries, scores, anchors.
 */
export function readDiary(record: PatientRecord, ctx: EvaluationContext): DiaryData {
  const notes = new DiaryNotes();
  const evaluationDay = dayNumber(ctx.evaluationDate);
  const scope = { from: evaluationDay - diaryRules.recentDataDays, to: evaluationDay };
  // Daily entries are read in the same pass as their classification (one visit per Observation); their notes come
  // after the status notes, as in a pass of their own.
  const entryNotes = new DiaryNotes();
  const daily = new DailyEntryReader(record.observations, evaluationDay, ctx.siteTimeZone, entryNotes, scope);
  const summaries: { obs: Observation; code: SummaryCode }[] = [];
  const scores: { code: ScoreCode; obs: Observation }[] = [];
  const acute: Observation[] = [];
  const nonDiary: Observation[] = [];
  const days = emptyObservationDays();
  let hasRecent = false;
  for (let i = 0; i < record.observations.length; i++) {
    const obs = record.observations[i]!;
    const kind = diaryKindOf(obs.code);
    if (!kind) {
      nonDiary.push(obs);
      continue;
    }
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
    if (kind.shape === 'acute') {
      acute.push(obs);
      continue;
    }
    if (kind.shape === 'daily') {
      daily.read(i, obs, kind.migraine);
      if (obs.component?.some((c) => isAcuteTakenCode(c.code))) acute.push(obs);
      continue;
    }
    // Scope (criteria 3): any counting diary entry or summary that touches the last 365 days, whatever its other defects.
    if (mentionsDayIn(obs, readObservationDays(obs, ctx.siteTimeZone, days), scope.from, scope.to)) hasRecent = true;
    summaries.push({ obs, code: kind.code });
  }
  notes.append(entryNotes);
  const reading = daily.finish();
  const dailyDiary = reading.diary;
  if (reading.mentionsScopeDay) hasRecent = true;
  const bySummary = readSummaries(summaries, evaluationDay, ctx.siteTimeZone, notes);
  const data: DiaryData = {
    evaluationDay,
    daily: dailyDiary,
    summaries: bySummary,
    summaryAnchors: {},
    scores,
    acuteObservations: acute,
    recordsHeadacheFree: dailyDiary.hasHeadacheFreeEntry(
      evaluationDay - diaryRules.headacheFreeLookbackDays,
      evaluationDay,
    ),
    hasRecentDiaryData: hasRecent,
    notes,
    nonDiary,
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

/**
 * The diary as it stood before the first cycle C1 (clinical-rules 3 "On treatment", 11.12): anchored per shape at
 * A0 = min(L0, C1 - 1), L0 the last diary day before C1, usable when A0 >= C1 - 32; summaries ending on or before
 * C1 - 1; "records headache-free days" judged over the 365 days before C1. Entries after C1 stay in the daily diary
 * but no window reaches them. Notes are not repeated (the record's notes come from the diary of E).
 */
export function baselineDiary(data: DiaryData, firstCycle: DayNumber): DiaryData {
  const cutoff = firstCycle - 1;
  const summaries = Object.fromEntries(
    SUMMARY_CODES.map((code) => [code, data.summaries[code].filter((s) => s.end <= cutoff)]),
  ) as SummariesByCode;
  const view: DiaryData = {
    ...data,
    evaluationDay: cutoff,
    summaries,
    summaryAnchors: {},
    acuteObservations: [],
    recordsHeadacheFree: data.daily.hasHeadacheFreeEntry(firstCycle - diaryRules.headacheFreeLookbackDays, firstCycle),
    notes: new DiaryNotes(),
  };
  delete view.dailyAnchor;
  const l0 = data.daily.lastOnOrBefore(cutoff);
  if (l0 !== undefined) view.dailyAnchor = anchorOf(l0, cutoff);
  for (const code of SUMMARY_CODES) {
    const newest = summaries[code][0];
    if (newest) view.summaryAnchors[code] = anchorOf(newest.end, cutoff);
  }
  return view;
}
