import type { FindingId, PolicyParameters } from './policy/policy-schema.ts';

export type { FindingId };

/** Which kind of rule a criterion is (clinical-rules 1): cards say which kind is unmet. */
export type Basis = 'label' | 'ichd3' | 'coverage';

export type CriterionId = 'age' | 'chronic-migraine' | 'migraine-days' | 'headache-duration' | 'preventive-failures';
export type CriterionStatus = 'met' | 'unmet' | 'unknown';

/** A reference to a resource the result rests on, as `Type/id` (contained or id-less resources are not cited). */
export type EvidenceRef = string;

export interface CriterionResult {
  id: CriterionId;
  basis: Basis[];
  status: CriterionStatus;
  evidence: EvidenceRef[];
  /** One plain-text line for the card: what was found, with dates and values. */
  summary: string;
  /** What to document next when the criterion is not met (plain text, one item per thing). */
  missing?: string[];
  /**
   * Set while on treatment for the starting criteria judged on the baseline before the first cycle: C1, YYYY-MM-DD
   * (clinical-rules 3 "On treatment", 11.12). The card titles their table "Before the first cycle (<C1>)".
   */
  judgedBefore?: string;
}

export type FindingSeverity = 'contraindication' | 'caution';

export interface FindingResult {
  id: FindingId;
  severity: FindingSeverity;
  evidence: EvidenceRef[];
  /** One plain-text line for the card, with dates ("Myasthenia gravis (G70.00), recorded 2025-03-02"). */
  summary: string;
  /** Set by the decision when the policy's `blockingFindings` lists this finding. */
  blocking?: boolean;
  /**
   * Shown but never blocking, whatever the policy: raised only by a diagnosis recorded as provisional, differential
   * or unconfirmed (clinical-rules 11.7).
   */
  neverBlocks?: boolean;
}

/** Data the service saw but could not use, or could not obtain: shown in the card so nothing is silently dropped. */
export interface DataNote {
  /**
   * `completeness`: how complete the diary is (unlogged days, a diary of headache days only); `not-assessed`: a
   * rule that could not be applied for want of data ("medication overuse not assessed").
   */
  kind: 'unavailable' | 'unused' | 'outdated' | 'data-error' | 'inferred' | 'completeness' | 'not-assessed';
  text: string;
  evidence?: EvidenceRef[];
}

/** What pure engine functions are given besides the data. Nothing reads a clock. */
export interface EvaluationContext {
  /** E: the evaluation date, YYYY-MM-DD. */
  evaluationDate: string;
  /** IANA zone; UTC ("Z") instants are converted to it to find their calendar date. */
  siteTimeZone: string;
  policy: PolicyParameters;
}

export type AssessmentStatus = 'candidate' | 'not-eligible' | 'incomplete' | 'contraindicated' | 'on-treatment';
export type ResponseVerdict = 'responding' | 'partial' | 'non-responding' | 'too-early' | 'no-data';
