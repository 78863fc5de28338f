import type { Observation } from '@medplum/fhirtypes';
import type { DayNumber } from '../dates.ts';
import { refOf } from '../fhir/reference.ts';
import { DailyDiary } from './daily-diary.ts';
import { DailyEntries } from './daily-entries.ts';
import { isHeadacheFree } from './diary-entry.ts';
import type { DiaryNotes } from './diary-notes.ts';
import { diaryRules } from './diary-rules.ts';
import { emptyObservationDays, mentionsDayIn, type ObservationDays, readObservationDays } from './observation-days.ts';

/** Why an entry is not used, as its note says it. */
interface Rejection {
  kind: 'unused' | 'data-error';
  text: string;
}

const rejection = (kind: Rejection['kind'], why: string): Rejection => ({ kind, text: `diary entry not used: ${why}` });
const IMPRECISE = rejection('unused', 'date less precise than a day');
const NO_DATE = rejection('unused', 'no date');
const ENDS_BEFORE_START = rejection('data-error', 'period ends before it starts');
const TOO_LONG = rejection('unused', 'period too long for a diary entry');
const TOO_LATE = `diary entry not used: dated more than ${diaryRules.maxEntryDaysAfterEvaluation} days after the evaluation date`;
const AFTER_E =
  'diary entry dated after the evaluation date: the diary runs up to the evaluation date, later days not counted';

/** What a kept entry records, per entry while reading (0: not kept). */
const FREE = 1;
const HEADACHE = 2;

/**
 * Dates an entry marks: every date start..end of `effectivePeriod` (only start without end), or its dateTime. Sets
 * `span` and returns undefined, or returns why the entry is not used.
 */
function entryDates(
  obs: Observation,
  days: ObservationDays,
  span: { from: DayNumber; to: DayNumber },
): Rejection | undefined {
  const dateTime = obs.effectiveDateTime;
  if ((dateTime ?? obs.effectiveInstant) !== undefined) {
    // The day of `effectiveDateTime ?? effectiveInstant`, already read.
    const d = dateTime !== undefined && dateTime !== null ? days.dateTime : days.instant;
    if (d === undefined) return IMPRECISE;
    span.from = d;
    span.to = d;
    return undefined;
  }
  const p = obs.effectivePeriod;
  if (!p?.start) return NO_DATE;
  const from = days.periodStart;
  const to = p.end === undefined ? from : days.periodEnd;
  if (from === undefined || to === undefined) return IMPRECISE;
  if (to < from) return ENDS_BEFORE_START;
  if (to - from + 1 > diaryRules.maxEntrySpanDays) return TOO_LONG;
  span.from = from;
  span.to = to;
  return undefined;
}

/** The daily entries read into one diary, and whether one of them mentions a day of the scope window. */
export interface DailyReading {
  diary: DailyDiary;
  mentionsScopeDay: boolean;
}

/**
 * Reads daily entries (already classified as daily and counting by status), one at a time as the record is walked,
 * into a diary of dates up to E, and tells whether any of them, whatever its defects, mentions a day in `scope` (the
 * scope rule's last 365 days). Entries with a dataAbsentReason say "value unknown": listed as unused, neither
 * headache nor headache-free (the safer reading: an unknown value must not add a headache day nor mark a day free).
 */
export class DailyEntryReader {
  private readonly entries: DailyEntries;
  /** Per entry: FREE, HEADACHE or 0 (not used), and the dates it marks. */
  private readonly kinds: Uint8Array;
  private readonly froms: Int32Array;
  private readonly tos: Int32Array;
  private readonly span = { from: 0, to: 0 };
  private readonly days = emptyObservationDays();
  private mentionsScopeDay = false;
  private first = Number.POSITIVE_INFINITY;
  private last = Number.NEGATIVE_INFINITY;
  /** Some entry is dated (shortly) after E: L > E, so the diary's last day is E. */
  private after = false;

  /** For the Observations of one record; `notes` receives the entries not used. */
  constructor(
    observations: Observation[],
    private readonly evaluationDay: DayNumber,
    private readonly zone: string,
    private readonly notes: DiaryNotes,
    private readonly scope: { from: DayNumber; to: DayNumber },
  ) {
    this.entries = new DailyEntries(observations);
    this.kinds = new Uint8Array(observations.length);
    this.froms = new Int32Array(observations.length);
    this.tos = new Int32Array(observations.length);
  }

  /** Reads `observations[i]`, a daily entry (migraine-coded when `migraine`). */
  read(i: number, obs: Observation, migraine: boolean): void {
    const entry = this.entries.add(i, migraine);
    const days = readObservationDays(obs, this.zone, this.days);
    if (!this.mentionsScopeDay) this.mentionsScopeDay = mentionsDayIn(obs, days, this.scope.from, this.scope.to);
    if (obs.dataAbsentReason) {
      this.notes.add('unused', 'diary entry not used: value absent (dataAbsentReason)', refOf(obs));
      return;
    }
    const span = this.span;
    const rejected = entryDates(obs, days, span);
    if (rejected) {
      this.notes.add(rejected.kind, rejected.text, refOf(obs));
      return;
    }
    if (span.from > this.evaluationDay) {
      // clinical-rules 2.1 Anchoring: L is "the date of its latest daily entry of any kind" and A = min(L, E), so an
      // entry dated after E anchors the diary on E, like a period crossing E (clipped below); no day after E is counted.
      // One dated further after E than an offset can explain (diary rules) is a data error: neither L nor a count.
      if (span.from - this.evaluationDay > diaryRules.maxEntryDaysAfterEvaluation) {
        this.notes.add('data-error', TOO_LATE, refOf(obs));
        return;
      }
      this.notes.add('unused', AFTER_E, refOf(obs));
      this.after = true;
      return;
    }
    const to = Math.min(span.to, this.evaluationDay);
    this.kinds[entry] = isHeadacheFree(obs) ? FREE : HEADACHE;
    this.froms[entry] = span.from;
    this.tos[entry] = to;
    if (span.from < this.first) this.first = span.from;
    if (to > this.last) this.last = to;
  }

  /** The diary of the entries read. */
  finish(): DailyReading {
    const mentionsScopeDay = this.mentionsScopeDay;
    const last = this.after ? this.evaluationDay : this.last;
    // Only entries dated after E: no date up to E to count or to cover a window from, read as no daily diary.
    if (this.first > last) return { diary: new DailyDiary(), mentionsScopeDay };
    const diary = new DailyDiary(this.entries, this.first, last);
    const { kinds, froms, tos } = this;
    for (let i = 0; i < this.entries.count; i++) {
      if (kinds[i] === FREE) diary.addHeadacheFree(i, froms[i]!, tos[i]!);
      else if (kinds[i] === HEADACHE) diary.addHeadache(i, froms[i]!, tos[i]!);
    }
    return { diary, mentionsScopeDay };
  }
}
