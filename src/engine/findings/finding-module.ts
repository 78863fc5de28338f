import type { Observation } from '@medplum/fhirtypes';
import type { PatientRecord } from '../patient-record.ts';
import type { ToxinAnalysis } from '../toxin/analyze-toxin.ts';
import type { EvaluationContext, FindingId, FindingResult, FindingSeverity } from '../types.ts';

/** What every finding's detector is given: the record and what the decision already worked out from it. */
export interface FindingInput {
  record: PatientRecord;
  ctx: EvaluationContext;
  /** The date age, infection and other toxin use are judged at: D for orders, else E (clinical-rules 5). */
  at: string;
  /** Observations that are not headache-diary entries (pregnancy status, lactation, post-injection effects). */
  nonDiaryObservations: Observation[];
  toxin: ToxinAnalysis;
  /** `concurrent-cgrp` and `neuromuscular-blocking-drug` as the preventive analysis found them (active-drugs.ts). */
  preventiveFindings: FindingResult[];
  /** The diary's medication-overuse result (src/engine/diary/medication-overuse.ts), when raised. */
  medicationOveruse?: FindingResult;
}

/**
 * One finding (a contraindication or caution, clinical-rules 3) as one module: its id, severity, the label a card
 * shows, where the rule comes from, and its detector. The decision runs every module of the registry
 * (src/engine/findings/registry.ts) in order; docs/extending.md says how to add one.
 */
export interface FindingModule {
  id: FindingId;
  severity: FindingSeverity;
  /** The clinician-facing name (card tables, summaries, the timeline). */
  label: string;
  /** The rule's basis, for docs/findings.md and reviewers. */
  source: string;
  detect(input: FindingInput): FindingResult | undefined;
}
