import type { Bundle, Resource } from '@medplum/fhirtypes';
import type {
  AssessmentStatus,
  CriterionId,
  CriterionStatus,
  FindingId,
  ResponseVerdict,
} from '../src/engine/types.ts';
import type { FixtureContext } from './builders/context.ts';

/**
 * What the `botox-candidacy` service should answer for a fixture patient under the `default` policy, worked out by
 * hand from docs/clinical-rules.md. `status` is absent for an out-of-scope patient (`{"cards": []}`).
 * `criteria` lists only criteria whose status the reference settles unambiguously for this record.
 */
export interface FixtureExpectation {
  status?: AssessmentStatus;
  /** True when the patient is out of scope: no card at all. */
  outOfScope?: true;
  criteria?: Partial<Record<CriterionId, CriterionStatus>>;
  /** Every finding the card must list (contraindications and cautions); an empty list means none. */
  findings?: FindingId[];
  /** The response verdict when the patient is on treatment. */
  response?: ResponseVerdict;
}

/** One synthetic patient of the panel, with its FHIR data and the result it should produce. */
export interface FixturePatient {
  id: string;
  situation: string;
  expected: FixtureExpectation;
  /** Everything about this patient (and the practitioner it references) as a FHIR R4 transaction Bundle. */
  bundle: Bundle;
}

/** A patient file's definition: stable id, plain-words situation, expectation, and a deterministic generator. */
export interface FixtureDefinition {
  id: string;
  situation: string;
  expected: FixtureExpectation;
  /** The patient's resources for evaluation date E; every date is an offset from E. */
  build(f: FixtureContext): Resource[];
}
