import { addDays, dateString } from '../dates.ts';
import type { PatientRecord } from '../patient-record.ts';
import type { CriterionResult, EvaluationContext } from '../types.ts';
import { chooseSource, type MeasureSource, sourceEvidence, usableSources } from './choose-source.ts';
import { findStandInDiagnosis } from './diagnosis-stand-in.ts';
import { diaryRules } from './diary-rules.ts';
import { judgeWindows, windowState } from './diary-windows.ts';
import type { DiaryData } from './read-diary.ts';
import { sourceText, unloggedTexts, windowsText } from './window-text.ts';

export const NEED_DIARY = `a headache diary covering the last ${diaryRules.windowDays * diaryRules.windowCount} days`;

/** What to document when a usable daily diary does not yet reach back over W3. */
export function moreDiaryDays(data: DiaryData, evaluationDate: string): string | undefined {
  const first = data.daily.first;
  if (first === undefined || !data.dailyAnchor?.usable) return undefined;
  const completeOn = dateString(first + diaryRules.windowDays * diaryRules.windowCount - 1);
  const remaining = first + diaryRules.windowDays * diaryRules.windowCount - 1 - data.evaluationDay;
  if (remaining > 0)
    return `${remaining} more days of diary (${diaryRules.windowDays * diaryRules.windowCount} days complete on ${completeOn})`;
  return `diary entries up to ${evaluationDate} (last entry ${dateString(data.daily.last!)}; record headache-free days too)`;
}

/**
 * chronic-migraine (label, ICHD-3). The chosen source decides met/unmet. When it is inconclusive, any other usable
 * source with a covered window below the threshold makes it unmet (the table's "a usable diary has a covered window
 * < 15"; the safer reading), else a recent confirmed chronic-migraine diagnosis may stand in, else unknown.
 */
export function chronicMigraineCriterion(
  data: DiaryData,
  record: PatientRecord,
  ctx: EvaluationContext,
): { result: CriterionResult; source?: MeasureSource; measuredFrom?: string } {
  const min = ctx.policy.minHeadacheDays;
  const base = { id: 'chronic-migraine' as const, basis: ['label' as const, 'ichd3' as const] };
  const chosen = chooseSource(data, 'headache-days');
  if (chosen) {
    const verdict = judgeWindows(chosen.windows, min);
    if (verdict === 'met') {
      return {
        source: chosen,
        measuredFrom: dateString(chosen.windows[0]!.start),
        result: {
          ...base,
          status: 'met',
          evidence: sourceEvidence(data, chosen),
          summary: `Headache days ${windowsText(chosen.windows)} (${sourceText(chosen.source)}): each >= ${min}`,
        },
      };
    }
    if (verdict === 'unmet') {
      return { source: chosen, result: unmetResult(data, base, chosen, min) };
    }
  }
  const other = usableSources(data, 'headache-days').find(
    (s) => s !== chosen && judgeWindows(s.windows, min) === 'unmet',
  );
  if (other)
    return chosen
      ? { source: chosen, result: unmetResult(data, base, other, min) }
      : { result: unmetResult(data, base, other, min) };

  const missing: string[] = [];
  if (record.unavailable.observations) missing.push('the diary could not be obtained (observations unavailable)');
  // A covered window left undecided by its unlogged days blocks the stand-in; an uncovered one does not (11.1).
  const undecided = usableSources(data, 'headache-days').flatMap((s) =>
    s.windows.filter((w) => w.covered && windowState(w, min) === 'undecided'),
  );
  const unlogged = unloggedTexts(undecided);
  if (unlogged.length) missing.push(...unlogged.map((t) => `the headache days of the unlogged days (${t})`));
  else missing.push(moreDiaryDays(data, ctx.evaluationDate) ?? NEED_DIARY);

  if (ctx.policy.diagnosisMayStandIn && !undecided.length) {
    const dx = findStandInDiagnosis(record.conditions, ctx);
    if (dx) {
      return {
        ...(chosen ? { source: chosen } : {}),
        result: {
          ...base,
          status: 'met',
          evidence: dx.ref ? [dx.ref] : [],
          summary: `met by diagnosis, frequency not documented in a diary: ${dx.label}, dated ${dx.date}`,
        },
      };
    }
  }
  const found = chosen
    ? `Headache days ${windowsText(chosen.windows)} (${sourceText(chosen.source)}): ${unlogged.length ? `undecided, ${unlogged.join('; ')}` : `not yet ${diaryRules.windowCount} complete windows`}`
    : `No usable headache diary (last ${diaryRules.windowDays * diaryRules.windowCount} days, entries within ${diaryRules.maxAnchorAgeDays} days of ${ctx.evaluationDate})`;
  const standIn =
    ctx.policy.diagnosisMayStandIn && !undecided.length
      ? `; no confirmed chronic-migraine diagnosis dated since ${addDays(ctx.evaluationDate, -ctx.policy.diagnosisMaxAgeDays)}`
      : '';
  return {
    ...(chosen ? { source: chosen } : {}),
    result: {
      ...base,
      status: 'unknown',
      evidence: chosen ? sourceEvidence(data, chosen) : [],
      summary: found + standIn,
      missing,
    },
  };
}

function unmetResult(
  data: DiaryData,
  base: Pick<CriterionResult, 'id' | 'basis'>,
  source: MeasureSource,
  min: number,
): CriterionResult {
  const low = source.windows.filter((w) => windowState(w, min) === 'not-reached');
  return {
    ...base,
    status: 'unmet',
    evidence: sourceEvidence(data, source),
    summary: `Headache days ${windowsText(source.windows)} (${sourceText(source.source)}): below ${min} in ${low.length} window${low.length > 1 ? 's' : ''}`,
  };
}
