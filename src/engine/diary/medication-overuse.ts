import type { Condition } from '@medplum/fhirtypes';
import { type DayNumber, dateString, dayNumber } from '../dates.ts';
import { verificationOf } from '../fhir/condition-status.ts';
import { refOf } from '../fhir/reference.ts';
import { conditionDates } from '../fhir/resource-dates.ts';
import { conditionsIn } from '../findings/condition-findings.ts';
import type { AcuteRecord } from '../medications/acute-records.ts';
import type { DataNote, FindingResult } from '../types.ts';
import { diaryRules } from './diary-rules.ts';
import { summaryWindows } from './diary-windows.ts';
import type { DiaryData } from './read-diary.ts';
import type { DiarySummary } from './read-summaries.ts';

/** Acute days per class in one window (W1 first), from the daily acute-medication records (clinical-rules 2.1). */
export interface AcuteWindow {
  start: string;
  end: string;
  /** Distinct dates with a record, per class (gepant and ditan included, reported only). */
  days: Record<string, number>;
  /** Distinct dates with a record of any class that counts toward overuse. */
  countingDays: number;
}

/** How medication overuse was assessed (clinical-rules 2.1, 3 and 11.5-11.7), for the card and the extension. */
export interface MedicationOveruseAssessment {
  /** What decided: daily acute records, monthly summaries, or nothing (not assessed). */
  assessedBy: 'daily-records' | 'summaries' | 'not-assessed';
  /** W1-W3 holding at least one daily acute-medication record (0-3). */
  windowsWithRecords: number;
  /** Per window, when the daily records decided. */
  windows?: AcuteWindow[];
  /** A medication-overuse headache diagnosis dated within 365 days before E (11.7). */
  diagnosis?: { date: string; provisional: boolean; evidence: string[] };
}

function c(cls: string): string {
  return cls.replace(/-/g, ' ');
}

/**
 * Why one window's acute days reach overuse (ICHD-3 8.2 as data in diary-rules.json), or undefined: one class at its
 * threshold, or (8.2.6, 11.6) two or more counting classes used with >= 10 days with any of them.
 */
function windowReason(days: Map<string, number>, counting: number): string | undefined {
  const rules = diaryRules.overuse;
  const classes = rules.classes.filter((k) => k.minDays !== null);
  const single = classes.find((k) => (days.get(k.class) ?? 0) >= k.minDays!);
  if (single) return `${c(single.class)} on ${days.get(single.class)} days`;
  const used = classes.filter((k) => (days.get(k.class) ?? 0) > 0);
  if (used.length >= rules.multiClassMinClasses && counting >= rules.multiClassMinDays)
    return `${counting} days with ${used.map((k) => c(k.class)).join(', ')}`;
  return undefined;
}

/**
 * Why one `acute-medication-days` summary reaches overuse, or undefined. A summary without a component of a counting
 * class is judged on its total (>= 15); gepant and ditan components are reported but never count.
 */
export function overuseReason(s: DiarySummary): string | undefined {
  const rules = diaryRules.overuse;
  const counting = rules.classes.filter((k) => k.minDays !== null && s.components.has(k.class));
  if (!counting.length) {
    return s.value >= rules.withoutComponentsMinDays
      ? `${s.value} acute medication days (no class breakdown)`
      : undefined;
  }
  const single = counting.find((k) => (s.components.get(k.class) ?? 0) >= k.minDays!);
  if (single) return `${c(single.class)} on ${s.components.get(single.class)} days`;
  const used = counting.filter((k) => (s.components.get(k.class) ?? 0) > 0);
  if (s.value >= rules.multiClassMinDays && used.length >= rules.multiClassMinClasses) {
    return `${s.value} acute medication days across ${used.map((k) => c(k.class)).join(', ')}`;
  }
  return undefined;
}

/** W1-W3 for acute days: those of the daily diary when it is usable, else the windows ending at E (2.1). */
function acuteWindowBounds(data: DiaryData): [DayNumber, DayNumber][] {
  const a = data.dailyAnchor?.usable ? data.dailyAnchor.anchor : data.evaluationDay;
  const n = diaryRules.windowDays;
  return Array.from({ length: diaryRules.windowCount }, (_, i) => [a - (i + 1) * n + 1, a - i * n]);
}

/** The newest medication-overuse headache Condition with onset or recordedDate in [E - 365, E] (11.7). */
function overuseDiagnosis(
  conditions: Condition[],
  evaluationDay: DayNumber,
  zone: string,
): { condition: Condition; date: string } | undefined {
  let best: { condition: Condition; date: string } | undefined;
  for (const cond of conditionsIn(conditions, 'medication-overuse-headache')) {
    const { onset, recorded } = conditionDates(cond, zone);
    const dates = [onset, recorded].filter((d): d is string => {
      if (!d) return false;
      const n = dayNumber(d);
      return n <= evaluationDay && n >= evaluationDay - diaryRules.recentDataDays;
    });
    const date = dates.sort().at(-1);
    if (date && (!best || date > best.date)) best = { condition: cond, date };
  }
  return best;
}

const TENTATIVE = new Set(['provisional', 'differential', 'unconfirmed']);

/**
 * medication-overuse (caution; clinical-rules 2.1, 3, 11.5-11.7). The daily acute-medication records decide when
 * each of W1-W3 holds at least one; else the three most recent consecutive `acute-medication-days` summaries; else
 * overuse is not assessed (a data note, never "none found"). A medication-overuse headache diagnosis raises the
 * finding too; recorded as provisional, differential or unconfirmed it shows but never blocks (`provisional`).
 */
export function medicationOveruse(
  data: DiaryData,
  acute: AcuteRecord[],
  conditions: Condition[],
  zone: string,
): { finding?: FindingResult; assessment: MedicationOveruseAssessment; notes: DataNote[] } {
  const bounds = acuteWindowBounds(data);
  const perWindow = bounds.map(() => ({ byClass: new Map<string, Set<DayNumber>>(), any: new Set<DayNumber>() }));
  const refs = bounds.map(() => new Set<string>());
  const countingClasses = new Set(diaryRules.overuse.classes.filter((k) => k.minDays !== null).map((k) => k.class));
  const counting = bounds.map(() => new Set<DayNumber>());
  for (const r of acute) {
    const i = bounds.findIndex(([from, to]) => r.day >= from && r.day <= to);
    if (i === -1) continue;
    const w = perWindow[i]!;
    const set = w.byClass.get(r.class) ?? new Set<DayNumber>();
    w.byClass.set(r.class, set);
    set.add(r.day);
    w.any.add(r.day);
    if (countingClasses.has(r.class)) counting[i]!.add(r.day);
    if (r.ref) refs[i]!.add(r.ref);
  }
  const windowsWithRecords = perWindow.filter((w) => w.any.size > 0).length;
  const parts: string[] = [];
  const evidence: string[] = [];
  const notes: DataNote[] = [];
  let assessment: MedicationOveruseAssessment;

  if (windowsWithRecords === bounds.length) {
    const windows: AcuteWindow[] = perWindow.map((w, i) => ({
      start: dateString(bounds[i]![0]),
      end: dateString(bounds[i]![1]),
      days: Object.fromEntries([...w.byClass].map(([k, v]) => [k, v.size])),
      countingDays: counting[i]!.size,
    }));
    assessment = { assessedBy: 'daily-records', windowsWithRecords, windows };
    const reasons = perWindow.map((w, i) =>
      windowReason(new Map([...w.byClass].map(([k, v]) => [k, v.size])), counting[i]!.size),
    );
    if (reasons.every((r) => r !== undefined)) {
      parts.push(
        `Possible medication overuse (ICHD-3 8.2) in ${bounds.length} consecutive windows of the daily records: ${reasons
          .map((r, i) => `${r} (${windows[i]!.start} to ${windows[i]!.end})`)
          .join('; ')}`,
      );
      for (const s of refs) for (const ref of s) evidence.push(ref);
    }
  } else {
    const windows = data.summaryAnchors['acute-medication-days']?.usable
      ? summaryWindows(data.summaries['acute-medication-days'])
      : [];
    if (windows.length === diaryRules.windowCount) {
      assessment = { assessedBy: 'summaries', windowsWithRecords };
      const used = data.summaries['acute-medication-days'].slice(0, windows.length);
      const reasons = used.map(overuseReason);
      if (reasons.every((r) => r !== undefined)) {
        parts.push(
          `Possible medication overuse (ICHD-3 8.2) in ${used.length} consecutive periods: ${used
            .map((s, i) => `${reasons[i]} (${dateString(s.start)} to ${dateString(s.end)})`)
            .join('; ')}`,
        );
        for (const s of used) if (s.ref) evidence.push(s.ref);
      }
    } else assessment = { assessedBy: 'not-assessed', windowsWithRecords };
  }

  const dx = overuseDiagnosis(conditions, data.evaluationDay, zone);
  let provisional = false;
  if (dx) {
    const v = verificationOf(dx.condition);
    provisional = v !== undefined && TENTATIVE.has(v);
    const ref = refOf(dx.condition);
    assessment.diagnosis = { date: dx.date, provisional, evidence: ref ? [ref] : [] };
    parts.push(`medication-overuse headache, diagnosed ${dx.date}${provisional ? ` (recorded as ${v})` : ''}`);
    if (ref) evidence.push(ref);
  } else if (assessment.assessedBy === 'not-assessed') {
    notes.push({
      kind: 'not-assessed',
      text:
        windowsWithRecords === 0
          ? `medication overuse not assessed: no acute-medication data in the last ${diaryRules.windowDays * diaryRules.windowCount} days`
          : `medication overuse not assessed: acute-medication records cover ${windowsWithRecords} of ${bounds.length} windows`,
    });
  }
  if (!parts.length) return { assessment, notes };
  // Only a tentative diagnosis, no overuse in the data: shown, never blocking (11.7).
  const onlyTentative = provisional && parts.length === 1;
  const finding: FindingResult = {
    id: 'medication-overuse',
    severity: 'caution',
    evidence: [...new Set(evidence)],
    summary: parts.join('; '),
  };
  if (onlyTentative) finding.neverBlocks = true;
  return { finding, assessment, notes };
}
