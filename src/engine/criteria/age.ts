import type { Patient } from '@medplum/fhirtypes';
import { ageInYears } from '../dates.ts';
import { refOf } from '../fhir/reference.ts';
import type { CriterionResult } from '../types.ts';

/** Earliest and latest possible full dates of a FHIR date of any precision (YYYY, YYYY-MM, YYYY-MM-DD). */
function birthDateRange(value: string): [string, string] | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return [value, value];
  if (/^\d{4}-\d{2}$/.test(value)) {
    const [y, m] = value.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return [`${value}-01`, `${value}-${String(last).padStart(2, '0')}`];
  }
  if (/^\d{4}$/.test(value)) return [`${value}-01-01`, `${value}-12-31`];
  return undefined;
}

/**
 * `age` (label: adults): met when >= minAge on `at` (E, or D for orders); unmet when younger; unknown without a
 * birthDate, or with a partial one (year or month only) that does not settle it.
 */
export function assessAge(patient: Patient | undefined, at: string, minAge: number): CriterionResult {
  const range = patient?.birthDate ? birthDateRange(patient.birthDate) : undefined;
  if (!range) {
    const why = patient?.birthDate
      ? 'Date of birth not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)'
      : 'Date of birth not recorded';
    return ageResult(patient, 'unknown', why, ['date of birth']);
  }
  const oldest = ageInYears(range[0], at);
  const youngest = ageInYears(range[1], at);
  // The birth date itself is not repeated: cards and timeline pages show the age, the Patient reference is the evidence.
  const years = youngest === oldest ? `${oldest}` : `${youngest}-${oldest}`;
  const shown = range[0] === range[1] ? `${oldest} years on ${at}` : `${years} years on ${at} (partial date of birth)`;
  if (youngest >= minAge) return ageResult(patient, 'met', shown);
  if (oldest < minAge) return ageResult(patient, 'unmet', `${shown}: under ${minAge}`);
  return ageResult(patient, 'unknown', `${shown}: does not settle age >= ${minAge}`, ['full date of birth']);
}

function ageResult(
  patient: Patient | undefined,
  status: CriterionResult['status'],
  summary: string,
  missing?: string[],
): CriterionResult {
  const ref = refOf(patient);
  const result: CriterionResult = { id: 'age', basis: ['label'], status, evidence: ref ? [ref] : [], summary };
  if (missing) result.missing = missing;
  return result;
}
