import type { CodeableConcept, Condition } from '@medplum/fhirtypes';
import { codingsOf } from './codeable-concept.ts';

const ACTIVE_CLINICAL = new Set(['active', 'recurrence', 'relapse']);
const EXCLUDED_VERIFICATION = new Set(['refuted', 'entered-in-error']);
const TENTATIVE_VERIFICATION = new Set(['provisional', 'differential', 'unconfirmed']);

function codeOf(concept: CodeableConcept | undefined): string | undefined {
  for (const c of codingsOf(concept)) if (typeof c?.code === 'string') return c.code;
  return undefined;
}

function hasAbatement(c: Condition): boolean {
  return (
    c.abatementDateTime !== undefined ||
    c.abatementAge !== undefined ||
    c.abatementPeriod !== undefined ||
    c.abatementRange !== undefined ||
    c.abatementString !== undefined
  );
}

/**
 * Whether a Condition counts (clinical-rules 2): clinicalStatus active, recurrence or relapse, or absent without
 * an abatement; never when refuted or entered-in-error. For `criterion` use, provisional, differential and
 * unconfirmed diagnoses do not count; for `finding` use (contraindications, cautions) they do: the safe side.
 */
export function conditionCounts(condition: Condition, purpose: 'criterion' | 'finding'): boolean {
  const verification = codeOf(condition.verificationStatus);
  if (verification && EXCLUDED_VERIFICATION.has(verification)) return false;
  if (purpose === 'criterion' && verification && TENTATIVE_VERIFICATION.has(verification)) return false;
  const clinical = codeOf(condition.clinicalStatus);
  if (clinical) return ACTIVE_CLINICAL.has(clinical);
  return !hasAbatement(condition);
}

/** The verification status code, if any (`confirmed`, `provisional`, ...). */
export function verificationOf(condition: Condition): string | undefined {
  return codeOf(condition.verificationStatus);
}
