import type { AllergyIntolerance } from '@medplum/fhirtypes';
import { codingsOf } from './codeable-concept.ts';

/**
 * Whether an AllergyIntolerance counts (clinical-rules 2): unless verificationStatus is refuted or
 * entered-in-error, or clinicalStatus is inactive or resolved; an absent clinicalStatus counts as active.
 */
export function allergyCounts(allergy: AllergyIntolerance): boolean {
  const verification = codingsOf(allergy.verificationStatus).map((c) => c.code);
  if (verification.some((c) => c === 'refuted' || c === 'entered-in-error')) return false;
  const clinical = codingsOf(allergy.clinicalStatus).map((c) => c.code);
  return !clinical.some((c) => c === 'inactive' || c === 'resolved');
}
