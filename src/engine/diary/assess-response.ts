import type { Observation } from '@medplum/fhirtypes';
import { addDays, type DayNumber, dateString, dayNumber, fhirDay } from '../dates.ts';
import { refOf } from '../fhir/reference.ts';
import type { PatientRecord } from '../patient-record.ts';
import type { EvaluationContext, ResponseVerdict } from '../types.ts';
import { chooseSource, type MeasureSource } from './choose-source.ts';
import type { ScoreCode } from './diary-codes.ts';
import { numericValue } from './diary-observation.ts';
import { diaryRules } from './diary-rules.ts';
import { countDaily } from './diary-windows.ts';
import { type DiaryData, readDiary } from './read-diary.ts';

/** The response to a Botox course after two cycles (clinical-criteria 3, "On treatment"). */
export interface ResponseAssessment {
  verdict: ResponseVerdict;
  /** B: headache days in the 30 days before the first cycle. */
  baselineDays?: number;
  /** F: mean headache days of the covered windows starting on or after the second cycle. */
  recentDays?: number;
  /** (B - F) / B in percent, one decimal; negative when headache days rose. */
  reductionPercent?: number;
  /** A non-responding verdict softened to partial by a MIDAS or HIT-6 improvement. */
  softenedBy?: 'midas' | 'hit6';
  /** Only evaluated when the policy has the episodic stop rule (nice-ta260). */
  episodicForThreeMonths?: boolean;
  /** One plain line for the card, with the numbers and dates. */
  summary: string;
  evidence: string[];
}

interface Baseline {
  days: number;
  text: string;
  evidence: string[];
}

/**
 * B: headache days in [first - 30, first - 1] from daily entries covering that span (first entry on or before its
 * first day and an entry on or after its last day: a diary that stopped early would read the rest as headache-free),
 * else the latest headache-days summary ending within the span.
 */
function baseline(data: DiaryData, firstCycle: DayNumber): Baseline | undefined {
  const end = firstCycle - 1;
  const start = firstCycle - diaryRules.response.baselineDays;
  const { first, last } = data.daily;
  if (first !== undefined && last !== undefined && first <= start && last >= end) {
    const w = countDaily(data.daily, start, end, 'headache-days');
    return {
      days: w.count,
      evidence: w.evidence,
      text: `${w.count} headache days in ${dateString(start)} to ${dateString(end)} (daily diary)`,
    };
  }
  const s = data.summaries['headache-days'].find((x) => x.end >= start && x.end <= end);
  if (!s) return undefined;
  return {
    days: s.value,
    evidence: s.ref ? [s.ref] : [],
    text: `${s.value} headache days in ${dateString(s.start)} to ${dateString(s.end)} (monthly summary)`,
  };
}

interface Score {
  day: DayNumber;
  value: number;
  ref?: string;
}

function scoresOf(data: DiaryData, code: ScoreCode, zone: string): Score[] {
  return data.scores
    .filter((s) => s.code === code)
    .flatMap(({ obs }: { obs: Observation }) => {
      const d = fhirDay(obs.effectiveDateTime ?? obs.effectiveInstant ?? obs.effectivePeriod?.start, zone);
      const v = numericValue(obs);
      if (!d || !v) return [];
      const score: Score = { day: dayNumber(d), value: v.value };
      const ref = refOf(obs);
      if (ref) score.ref = ref;
      return [score];
    })
    .sort((a, b) => a.day - b.day);
}

/** MIDAS (>= 5 points from 11-20, >= 30% from > 20) or HIT-6 (>= 5 points) improved from baseline to follow-up. */
function softening(
  data: DiaryData,
  firstCycle: DayNumber,
  secondCycle: DayNumber,
  ctx: EvaluationContext,
): { by: 'midas' | 'hit6'; text: string; evidence: string[] } | undefined {
  const r = diaryRules.response;
  const pair = (code: ScoreCode) => {
    const all = scoresOf(data, code, ctx.siteTimeZone);
    const before = all.filter((s) => s.day <= firstCycle && s.day >= firstCycle - r.scoreBaselineLookbackDays).at(-1);
    const after = all.filter((s) => s.day >= secondCycle && s.day <= data.evaluationDay).at(-1);
    return before && after ? { before, after } : undefined;
  };
  const midas = pair('midas-score');
  if (midas) {
    const { before: b, after: a } = midas;
    const drop = b.value - a.value;
    const moderate =
      b.value >= r.midasModerateMin && b.value <= r.midasModerateMax && drop >= r.midasModerateMinDropPoints;
    const severe = b.value > r.midasModerateMax && drop * 100 >= r.midasSevereMinDropPercent * b.value;
    if (moderate || severe) {
      return {
        by: 'midas',
        text: `MIDAS ${b.value} (${dateString(b.day)}) to ${a.value} (${dateString(a.day)})`,
        evidence: refsOf(b, a),
      };
    }
  }
  const hit6 = pair('hit6-score');
  if (hit6 && hit6.before.value - hit6.after.value >= r.hit6MinDropPoints) {
    const { before: b, after: a } = hit6;
    return {
      by: 'hit6',
      text: `HIT-6 ${b.value} (${dateString(b.day)}) to ${a.value} (${dateString(a.day)})`,
      evidence: refsOf(b, a),
    };
  }
  return undefined;
}

function refsOf(...scores: Score[]): string[] {
  return scores.flatMap((s) => (s.ref ? [s.ref] : []));
}

/** NICE TA260: the three windows W1-W3 all covered, all on treatment (from the first cycle) and all below the threshold. */
function episodicForThreeMonths(source: MeasureSource | undefined, firstCycle: DayNumber, min: number): boolean {
  const w = source?.windows ?? [];
  return w.length === diaryRules.windowCount && w.every((x) => x.covered && x.start >= firstCycle && x.count < min);
}

function verdictOf(reduction: number, ctx: EvaluationContext): ResponseVerdict {
  if (reduction >= ctx.policy.respondingPercent) return 'responding';
  if (reduction >= ctx.policy.nonRespondingPercent) return 'partial';
  return 'non-responding';
}

/**
 * Response to a course (clinical-criteria 3, "On treatment"). Follow-up windows come from the same source choice as
 * chronic-migraine (daily diary covering W1-W3, else headache-days summaries, else partial daily diary), so that
 * sites with summaries only also get a verdict. Reduction is compared exactly ((n*B - sum) * 100 / (n*B)), so 30% and
 * 50% boundaries are not blurred by floating point.
 *
 * `data` is the record's diary when the caller has already read it (readDiary of the same record and context).
 *
 * @example
 * assessResponse(record, ctx, { firstCycle: '2026-03-02', secondCycle: '2026-05-25' }).verdict; // 'partial'
 */
export function assessResponse(
  record: PatientRecord,
  ctx: EvaluationContext,
  course: { firstCycle: string; secondCycle?: string },
  data: DiaryData = readDiary(record, ctx),
): ResponseAssessment {
  const first = dayNumber(course.firstCycle);
  const source = chooseSource(data, 'headache-days');
  const episodic = ctx.policy.episodicStopRule
    ? { episodicForThreeMonths: episodicForThreeMonths(source, first, ctx.policy.minHeadacheDays) }
    : {};
  const episodicText = episodic.episodicForThreeMonths ? '; consider stopping: episodic for 3 months' : '';
  if (!course.secondCycle) {
    return {
      verdict: 'too-early',
      ...episodic,
      evidence: [],
      summary: `Response is judged after 2 cycles; one cycle so far (${course.firstCycle})${episodicText}`,
    };
  }
  const second = dayNumber(course.secondCycle);
  const judgeFrom = second + diaryRules.windowDays - 1;
  if (data.evaluationDay < judgeFrom) {
    return {
      verdict: 'too-early',
      ...episodic,
      evidence: [],
      summary: `Too early to judge response: the first ${diaryRules.windowDays} days after the second cycle (${course.secondCycle}) end on ${dateString(judgeFrom)}${episodicText}`,
    };
  }
  const b = baseline(data, first);
  if (!b) {
    return {
      verdict: 'no-data',
      ...episodic,
      evidence: [],
      summary: `No baseline: no headache diary for the ${diaryRules.response.baselineDays} days before the first cycle (${addDays(course.firstCycle, -diaryRules.response.baselineDays)} to ${addDays(course.firstCycle, -1)})${episodicText}`,
    };
  }
  if (b.days === 0) {
    return {
      verdict: 'no-data',
      baselineDays: 0,
      ...episodic,
      evidence: b.evidence,
      summary: `Baseline ${b.text}: no reduction can be measured from 0${episodicText}`,
    };
  }
  const follow = (source?.windows ?? []).filter((w) => w.covered && w.start >= second);
  if (!follow.length) {
    return {
      verdict: 'no-data',
      baselineDays: b.days,
      ...episodic,
      evidence: b.evidence,
      summary: `Baseline ${b.text}; no complete diary window since the second cycle (${course.secondCycle}) to compare${episodicText}`,
    };
  }
  const sum = follow.reduce((t, w) => t + w.count, 0);
  const n = follow.length;
  const exact = ((n * b.days - sum) * 100) / (n * b.days);
  let verdict = verdictOf(exact, ctx);
  const recent = Math.round((sum / n) * 10) / 10;
  const reduction = Math.round(exact * 10) / 10;
  const evidence = [...new Set([...b.evidence, ...follow.flatMap((w) => w.evidence)])];
  const soft = verdict === 'non-responding' ? softening(data, first, second, ctx) : undefined;
  const result: ResponseAssessment = {
    verdict,
    baselineDays: b.days,
    recentDays: recent,
    reductionPercent: reduction,
    ...episodic,
    summary: '',
    evidence,
  };
  let tail = `(${verdict})`;
  if (soft) {
    verdict = 'partial';
    result.verdict = verdict;
    result.softenedBy = soft.by;
    result.evidence = [...evidence, ...soft.evidence];
    tail = `(partial: ${soft.text}, although headache days fell less than ${ctx.policy.nonRespondingPercent}%)`;
  } else if (verdict === 'non-responding') {
    tail = `(non-responding: consider stopping; NICE after 2 cycles, EHF allows up to 3)`;
  }
  const change = reduction >= 0 ? `${reduction}% fewer` : `${-reduction}% more`;
  result.summary = `Baseline ${b.text}; since the second cycle ${recent} headache days per window over ${n} window${n > 1 ? 's' : ''} from ${dateString(follow.at(-1)!.start)}: ${change} ${tail}${episodicText}`;
  return result;
}
