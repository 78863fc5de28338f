import type { CriterionResult, EvaluationContext } from '../types.ts';
import { chooseSource, type MeasureSource, sourceEvidence } from './choose-source.ts';
import { NEED_DIARY } from './chronic-migraine-criterion.ts';
import { judgeWindows } from './diary-windows.ts';
import type { DiaryData } from './read-diary.ts';
import { sourceText, unloggedTexts, windowsText } from './window-text.ts';

/**
 * migraine-days (ICHD-3 1.3: >= 8 days/month with migraine features). Needs migraine typing: a migraine-coded daily
 * entry in W1-W3 or `migraine-days` summaries; without it the criterion is unknown, never unmet.
 */
export function migraineDaysCriterion(
  data: DiaryData,
  ctx: EvaluationContext,
): { result: CriterionResult; source?: MeasureSource } {
  const min = ctx.policy.minMigraineDays;
  const base = { id: 'migraine-days' as const, basis: ['ichd3' as const] };
  const chosen = chooseSource(data, 'migraine-days');
  if (!chosen) {
    const anyDiary = data.dailyAnchor?.usable || data.summaryAnchors['headache-days']?.usable;
    return {
      result: {
        ...base,
        status: 'unknown',
        evidence: [],
        summary: anyDiary
          ? 'The diary does not say which headaches were migraines (no migraine-coded entry in the last 90 days, no migraine-days summaries)'
          : 'No usable headache diary',
        missing: [anyDiary ? 'migraine days in the diary (type each headache as migraine or not)' : NEED_DIARY],
      },
    };
  }
  const verdict = judgeWindows(chosen.windows, min);
  const text = `Migraine days ${windowsText(chosen.windows)} (${sourceText(chosen.source)})`;
  const evidence = sourceEvidence(data, chosen);
  if (verdict === 'met')
    return { source: chosen, result: { ...base, status: 'met', evidence, summary: `${text}: each >= ${min}` } };
  if (verdict === 'unmet')
    return { source: chosen, result: { ...base, status: 'unmet', evidence, summary: `${text}: below ${min}` } };
  const unlogged = unloggedTexts(chosen.windows.filter((w) => w.covered && w.count < min));
  return {
    source: chosen,
    result: {
      ...base,
      status: 'unknown',
      evidence,
      summary: `${text}: ${unlogged.length ? `undecided, ${unlogged.join('; ')}` : 'not yet 3 complete windows'}`,
      missing: unlogged.length ? unlogged.map((t) => `the migraine days of the unlogged days (${t})`) : [NEED_DIARY],
    },
  };
}
