import type { PatientRecord } from '../patient-record.ts';
import type { CriterionResult, DataNote, EvaluationContext, FindingResult } from '../types.ts';
import { concurrentCgrpFinding, neuromuscularDrugFinding } from './active-drugs.ts';
import { preventiveCriterion } from './preventive-criterion.ts';
import { collectPreventiveRecords } from './preventive-records.ts';
import { buildTrials, type PreventiveTrial } from './preventive-trials.ts';

export type { PreventiveTrial };

export interface PreventiveAnalysis {
  /** `preventive-failures`, basis coverage; `missing` lists the trials that need an outcome or dates. */
  criterion: CriterionResult;
  trials: PreventiveTrial[];
  /** `concurrent-cgrp` and `neuromuscular-blocking-drug` (cautions). */
  findings: FindingResult[];
  /** Inferred failures ("confirm with the patient"), records not used and why. */
  notes: DataNote[];
}

/**
 * Preventive trials, the `preventive-failures` criterion and the active-drug cautions (clinical-rules 2.2, 3, 6).
 * `chronicMigraineMeasuredFrom` is the first day of W1 of the usable diary that met `chronic-migraine` (absent when it
 * was not met by a diary): an ongoing trial is an inferred failure only when that frequency was measured on the drug.
 *
 * @example analyzePreventives(record, ctx, { chronicMigraineMeasuredFrom: '2026-10-01' }).criterion.status // 'met'
 */
export function analyzePreventives(
  record: PatientRecord,
  ctx: EvaluationContext,
  input: { chronicMigraineMeasuredFrom?: string },
): PreventiveAnalysis {
  const { records, notes } = collectPreventiveRecords(record, ctx.evaluationDate, ctx.siteTimeZone);
  const trials = buildTrials(records, record.allergies, ctx, input.chronicMigraineMeasuredFrom);
  for (const t of trials.filter((x) => x.inferred)) {
    notes.push({
      kind: 'inferred',
      text: `${t.ingredient}: still taken after ${t.lengthDays} days while chronic migraine was measured; failure inferred: confirm with the patient`,
      evidence: t.evidence,
    });
  }
  const findings = [concurrentCgrpFinding(record, ctx), neuromuscularDrugFinding(record, ctx)].filter(
    (f): f is FindingResult => !!f,
  );
  return { criterion: preventiveCriterion(trials, ctx), trials, findings, notes };
}
