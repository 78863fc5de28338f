import type { Observation } from '@medplum/fhirtypes';
import { type DayNumber, dateString, dayNumber, fhirDay } from '../dates.ts';
import { refOf } from '../fhir/reference.ts';
import type { PatientRecord } from '../patient-record.ts';
import type { DataNote, EvaluationContext, ResponseVerdict } from '../types.ts';
import { chooseSource, type MeasureSource } from './choose-source.ts';
import type { ScoreCode } from './diary-codes.ts';
import { numericValue } from './diary-observation.ts';
import { diaryRules } from './diary-rules.ts';
import { type CountWindow, summaryWindows, unloggedDays, windowState } from './diary-windows.ts';
import { baselineDiary, type DiaryData, readDiary } from './read-diary.ts';
import { sourceText } from './window-text.ts';

/** One patient-reported outcome, baseline vs follow-up (clinical-rules 3 "On treatment"). */
export interface ProComparison {
  measure: 'midas' | 'hit6';
  baseline: { value: number; date: string };
  followUp: { value: number; date: string };
  /** A clinically meaningful improvement (AHS 2021 as in clinical-rules 3). */
  response: boolean;
  /** "MIDAS 48 -> 30, -38%" or "HIT-6 64 -> 57, -7 points". */
  text: string;
  evidence: string[];
}

/** The response to a Botox course (clinical-rules 3 "On treatment", 11.11-11.13). */
export interface ResponseAssessment {
  verdict: ResponseVerdict;
  /** B: mean headache days of the baseline windows before the first cycle, one decimal. */
  baselineDays?: number;
  /** Baseline windows used for B. */
  baselineWindows?: number;
  /** F: mean headache days of today's windows starting on or after the second cycle, one decimal. */
  recentDays?: number;
  /** Follow-up windows used for F. */
  followUpWindows?: number;
  /** r = (B - F) / B as a whole percent, rounded half up (compared unrounded); negative when headache days rose. */
  reductionPercent?: number;
  /** The measure that decided the verdict, when one did. */
  decidedBy?: 'headache-days' | 'midas' | 'hit6';
  /** The deciding measure in a clinician's words: "22 -> 8 headache days, -64%" or "MIDAS 48 -> 30, -38%". */
  measure?: string;
  /** too-early: the date from which the diary can give a verdict (C2 + 30 x responseMinWindows - 1). */
  respondFrom?: string;
  /** MIDAS and HIT-6 baseline vs follow-up, when both scores exist (shown whatever the policy). */
  pro?: ProComparison[];
  /** Set when a PRO response decided alone: why the diary could not be judged. */
  diaryNotJudged?: string;
  /** Only evaluated when the policy has the episodic stop rule (nice-ta260). */
  episodicForThreeMonths?: boolean;
  /** One plain line for the card, with the numbers and dates. */
  summary: string;
  evidence: string[];
  /** Scores outside their scale, listed as data errors. */
  notes?: DataNote[];
}

/** A sum of headache days over n windows: the mean is sum / n. */
interface Mean {
  sum: number;
  n: number;
  text: string;
  evidence: string[];
}

/** x / y rounded half up to `decimals` decimals, from integers (no floating-point drift at .5). */
function roundHalfUp(x: number, y: number, decimals = 0): number {
  const scale = 10 ** decimals;
  return Math.floor((2 * x * scale + y) / (2 * y)) / scale;
}

function meanOf(windows: CountWindow[], source: MeasureSource['source']): Mean {
  const sum = windows.reduce((t, w) => t + w.count, 0);
  const span = `${dateString(windows.at(-1)!.start)} to ${dateString(windows[0]!.end)}`;
  return {
    sum,
    n: windows.length,
    text: `${roundHalfUp(sum, windows.length, 1)} headache days per window over ${windows.length} window${windows.length > 1 ? 's' : ''} (${span}, ${sourceText(source)})`,
    evidence: [...new Set(windows.flatMap((w) => w.evidence))],
  };
}

/** A window counts for B or F when covered and with at most 6 unlogged days (clinical-rules 3, 11.12). */
function qualifies(w: CountWindow): boolean {
  return w.covered && unloggedDays(w) <= diaryRules.maxUnloggedDaysPerWindow;
}

/**
 * B (clinical-rules 3, 11.12): the mean of the covered baseline windows before C1 with at most 6 unlogged days;
 * else the three most recent consecutive headache-days summaries ending on or before C1 - 1 (the newest on or after
 * C1 - 32); else undefined.
 */
function baseline(data: DiaryData, firstCycle: DayNumber): Mean | undefined {
  const view = baselineDiary(data, firstCycle);
  const chosen = chooseSource(view, 'headache-days');
  if (chosen?.source === 'daily') {
    const windows = chosen.windows.filter(qualifies);
    if (windows.length) return meanOf(windows, 'daily');
  }
  if (view.summaryAnchors['headache-days']?.usable) {
    const summaries = summaryWindows(view.summaries['headache-days']);
    if (summaries.length) return meanOf(summaries, 'summary');
  }
  return undefined;
}

interface Score {
  day: DayNumber;
  value: number;
  ref?: string;
}

const SCALES: Record<ScoreCode, { min: number; max: number; label: string }> = {
  'midas-score': { min: 0, max: diaryRules.response.midasMax, label: 'MIDAS' },
  'hit6-score': { min: diaryRules.response.hit6Min, max: diaryRules.response.hit6Max, label: 'HIT-6' },
};

function scoresOf(data: DiaryData, code: ScoreCode, zone: string, notes: DataNote[]): Score[] {
  const scale = SCALES[code];
  return data.scores
    .filter((s) => s.code === code)
    .flatMap(({ obs }: { obs: Observation }) => {
      const d = fhirDay(obs.effectiveDateTime ?? obs.effectiveInstant ?? obs.effectivePeriod?.start, zone);
      const v = numericValue(obs);
      if (!d || !v) return [];
      const ref = refOf(obs);
      if (v.value < scale.min || v.value > scale.max) {
        notes.push({
          kind: 'data-error',
          text: `${scale.label} score outside ${scale.min}-${scale.max}: not used`,
          ...(ref ? { evidence: [ref] } : {}),
        });
        return [];
      }
      const score: Score = { day: dayNumber(d), value: v.value };
      if (ref) score.ref = ref;
      return [score];
    })
    .sort((a, b) => a.day - b.day);
}

/**
 * MIDAS and HIT-6, baseline = the latest score within 180 days before C1 or on C1, follow-up = the latest on or
 * after C2 + 28 up to E. A MIDAS response: >= 30% lower from a baseline above 20, or >= 5 points lower from 11-20; a
 * HIT-6 response: >= 5 points lower (AHS 2021, clinical-rules 3).
 */
function proComparisons(
  data: DiaryData,
  firstCycle: DayNumber,
  secondCycle: DayNumber,
  ctx: EvaluationContext,
  notes: DataNote[],
): ProComparison[] {
  const r = diaryRules.response;
  const out: ProComparison[] = [];
  for (const code of ['midas-score', 'hit6-score'] as const) {
    const all = scoresOf(data, code, ctx.siteTimeZone, notes);
    const b = all.filter((s) => s.day <= firstCycle && s.day >= firstCycle - r.scoreBaselineLookbackDays).at(-1);
    const a = all
      .filter((s) => s.day >= secondCycle + r.scoreFollowUpFromSecondCycleDays && s.day <= data.evaluationDay)
      .at(-1);
    if (!b || !a) continue;
    const drop = b.value - a.value;
    let response: boolean;
    let change: string;
    if (code === 'midas-score') {
      const moderate = b.value >= r.midasModerateMin && b.value <= r.midasModerateMax;
      response = moderate
        ? drop >= r.midasModerateMinDropPoints
        : b.value > r.midasModerateMax && drop * 100 >= r.midasSevereMinDropPercent * b.value;
      change =
        b.value > 0
          ? `${drop > 0 ? '-' : '+'}${roundHalfUp(Math.abs(drop) * 100, b.value)}%`
          : `${drop > 0 ? '-' : '+'}${Math.abs(drop)} points`;
    } else {
      response = drop >= r.hit6MinDropPoints;
      change = `${drop > 0 ? '-' : '+'}${Math.abs(drop)} points`;
    }
    out.push({
      measure: code === 'midas-score' ? 'midas' : 'hit6',
      baseline: { value: b.value, date: dateString(b.day) },
      followUp: { value: a.value, date: dateString(a.day) },
      response,
      text: `${SCALES[code].label} ${b.value} -> ${a.value}, ${change}`,
      evidence: [b.ref, a.ref].filter((x): x is string => !!x),
    });
  }
  return out;
}

/**
 * NICE TA260: three consecutive covered windows below the threshold while on treatment (from the first cycle); a
 * window left undecided by unlogged days does not count as below (clinical-rules 11.3).
 */
function episodicForThreeMonths(source: MeasureSource | undefined, firstCycle: DayNumber, min: number): boolean {
  const w = source?.windows ?? [];
  return (
    w.length === diaryRules.windowCount &&
    w.every((x) => x.start >= firstCycle && windowState(x, min) === 'not-reached')
  );
}

/** A (clinical-rules 11.11): the anchor of today's headache-days source; E without a usable one. */
function anchorOfSource(data: DiaryData, source: MeasureSource | undefined): DayNumber {
  if (source?.source === 'daily' && data.dailyAnchor) return data.dailyAnchor.anchor;
  if (source?.source === 'summary') return source.windows[0]!.end;
  return data.evaluationDay;
}

/** A mean with one decimal, without a trailing ".0": "22", "21.7". */
function meanText(sum: number, n: number): string {
  return String(roundHalfUp(sum, n, 1));
}

/**
 * Response to a course (clinical-rules 3 "On treatment", 11.11-11.13). B from the baseline before C1; F from
 * today's windows (the same source choice as chronic-migraine) starting on or after C2 with at most 6 unlogged days;
 * a diary verdict needs `responseMinWindows` of them and waits while A < C2 + 30 x responseMinWindows - 1. r is
 * compared exactly ((sumB x nF - sumF x nB) x 100 against percent x sumB x nF, all integers). A MIDAS or HIT-6
 * response decides `responding` on its own once E >= C2 + 28 when the policy counts PROs (`proResponseCounts`).
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
  const p = ctx.policy;
  const first = dayNumber(course.firstCycle);
  const source = chooseSource(data, 'headache-days');
  const episodic = p.episodicStopRule
    ? { episodicForThreeMonths: episodicForThreeMonths(source, first, p.minHeadacheDays) }
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
  const notes: DataNote[] = [];
  const pro = proComparisons(data, first, second, ctx, notes);
  const proResponse =
    p.proResponseCounts && data.evaluationDay >= second + diaryRules.response.scoreFollowUpFromSecondCycleDays
      ? pro.find((x) => x.response)
      : undefined;
  const extra = {
    ...episodic,
    ...(pro.length ? { pro } : {}),
    ...(notes.length ? { notes } : {}),
  };
  const proText = pro.length ? `; ${pro.map((x) => `${x.text} (${x.followUp.date})`).join('; ')}` : '';

  // The diary's own verdict, or why it cannot give one.
  const respondFromDay = second + diaryRules.windowDays * p.responseMinWindows - 1;
  const a = anchorOfSource(data, source);
  const b = baseline(data, first);
  const follow = (source?.windows ?? []).filter((w) => w.start >= second && qualifies(w));
  let notJudged: { verdict: ResponseVerdict; why: string } | undefined;
  if (a < respondFromDay) {
    notJudged = {
      verdict: 'too-early',
      why: `too early to judge the diary: response from ${dateString(respondFromDay)} (${p.responseMinWindows} windows of ${diaryRules.windowDays} days after the cycle of ${course.secondCycle})`,
    };
  } else if (!b) {
    notJudged = {
      verdict: 'no-data',
      why: `no baseline diary before the first cycle (${course.firstCycle})`,
    };
  } else if (b.sum === 0) {
    notJudged = { verdict: 'no-data', why: `baseline ${b.text}: no reduction can be measured from 0` };
  } else if (follow.length < p.responseMinWindows) {
    notJudged = {
      verdict: 'no-data',
      why: `no diary after cycle 2: ${follow.length} of ${p.responseMinWindows} complete windows since ${course.secondCycle} (covered, at most ${diaryRules.maxUnloggedDaysPerWindow} days not logged)`,
    };
  }

  if (notJudged) {
    if (proResponse) {
      return {
        verdict: 'responding',
        decidedBy: proResponse.measure,
        measure: proResponse.text,
        diaryNotJudged: notJudged.why,
        ...(b ? { baselineDays: roundHalfUp(b.sum, b.n, 1), baselineWindows: b.n } : {}),
        ...extra,
        evidence: proResponse.evidence,
        summary: `Responding by ${proResponse.text} (${proResponse.baseline.date} to ${proResponse.followUp.date}); the diary could not be judged: ${notJudged.why}${episodicText}`,
      };
    }
    return {
      verdict: notJudged.verdict,
      ...(notJudged.verdict === 'too-early' ? { respondFrom: dateString(respondFromDay) } : {}),
      ...(b ? { baselineDays: roundHalfUp(b.sum, b.n, 1), baselineWindows: b.n } : {}),
      ...extra,
      evidence: b?.evidence ?? [],
      summary: `${notJudged.why.charAt(0).toUpperCase()}${notJudged.why.slice(1)}${proText}${episodicText}`,
    };
  }

  const base = b!;
  const f = meanOf(follow, source!.source);
  // r = (B - F) / B with B = sumB / nB, F = sumF / nF: num / den exactly.
  const num = (base.sum * f.n - f.sum * base.n) * 100;
  const den = base.sum * f.n;
  const atLeast = (percent: number) => num >= percent * den;
  const diaryVerdict: ResponseVerdict = atLeast(p.respondingPercent)
    ? 'responding'
    : atLeast(p.nonRespondingPercent)
      ? 'partial'
      : 'non-responding';
  const reduction = roundHalfUp(num, den);
  const diaryMeasure = `${meanText(base.sum, base.n)} -> ${meanText(f.sum, f.n)} headache days, ${reduction > 0 ? '-' : '+'}${Math.abs(reduction)}%`;
  const byPro = diaryVerdict !== 'responding' && proResponse;
  const verdict: ResponseVerdict = byPro ? 'responding' : diaryVerdict;
  const measure = byPro ? proResponse.text : diaryMeasure;
  const tail = verdict === 'non-responding' ? ': consider stopping (NICE after 2 cycles; EHF allows up to 3)' : '';
  return {
    verdict,
    baselineDays: roundHalfUp(base.sum, base.n, 1),
    baselineWindows: base.n,
    recentDays: roundHalfUp(f.sum, f.n, 1),
    followUpWindows: f.n,
    reductionPercent: reduction,
    decidedBy: byPro ? proResponse.measure : 'headache-days',
    measure,
    ...extra,
    evidence: [...new Set([...base.evidence, ...f.evidence, ...(byPro ? proResponse.evidence : [])])],
    summary: `${verdict}${byPro ? ` by ${proResponse.text}` : ''} (${diaryMeasure})${tail}: baseline ${base.text}; since the second cycle ${f.text}${proText}${episodicText}`,
  };
}
