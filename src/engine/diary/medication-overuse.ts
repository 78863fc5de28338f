import { dateString } from '../dates.ts';
import type { FindingResult } from '../types.ts';
import { diaryRules } from './diary-rules.ts';
import { summaryWindows } from './diary-windows.ts';
import type { DiaryData } from './read-diary.ts';
import type { DiarySummary } from './read-summaries.ts';

/**
 * Why one `acute-medication-days` summary reaches overuse (ICHD-3 8.2 as data in diary-rules.json), or undefined.
 * A summary without a component of a counting class is judged on its total (>= 15); gepant and ditan components are
 * reported but never count.
 */
export function overuseReason(s: DiarySummary): string | undefined {
  const rules = diaryRules.overuse;
  const counting = rules.classes.filter((c) => c.minDays !== null && s.components.has(c.class));
  if (!counting.length) {
    return s.value >= rules.withoutComponentsMinDays
      ? `${s.value} acute medication days (no class breakdown)`
      : undefined;
  }
  const single = counting.find((c) => (s.components.get(c.class) ?? 0) >= c.minDays!);
  if (single) return `${c(single.class)} on ${s.components.get(single.class)} days`;
  const used = counting.filter((k) => (s.components.get(k.class) ?? 0) > 0);
  if (s.value >= rules.multiClassMinDays && used.length >= rules.multiClassMinClasses) {
    return `${s.value} acute medication days across ${used.map((k) => c(k.class)).join(', ')}`;
  }
  return undefined;
}

function c(cls: string): string {
  return cls.replace(/-/g, ' ');
}

/**
 * medication-overuse (caution): in each of the three most recent consecutive `acute-medication-days` summaries.
 * Daily entries do not count: the daily-entry shape of clinical-criteria 2.1 carries no medication data, and acute
 * medication records (MedicationStatement/Administration) are not a per-day diary.
 */
export function medicationOveruseFinding(data: DiaryData): FindingResult | undefined {
  if (!data.summaryAnchors['acute-medication-days']?.usable) return undefined;
  const windows = summaryWindows(data.summaries['acute-medication-days']);
  if (windows.length < diaryRules.windowCount) return undefined;
  const used = data.summaries['acute-medication-days'].slice(0, windows.length);
  const reasons = used.map(overuseReason);
  if (reasons.some((r) => r === undefined)) return undefined;
  return {
    id: 'medication-overuse',
    severity: 'caution',
    evidence: used.flatMap((s) => (s.ref ? [s.ref] : [])),
    summary: `Possible medication overuse (ICHD-3 8.2) in ${used.length} consecutive periods: ${used
      .map((s, i) => `${reasons[i]} (${dateString(s.start)} to ${dateString(s.end)})`)
      .join('; ')}`,
  };
}
