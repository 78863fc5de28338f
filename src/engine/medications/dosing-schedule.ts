import type { Dosage } from '@medplum/fhirtypes';
import { textsOf } from '../fhir/codeable-concept.ts';

const EVERY_OTHER_DAY =
  /every\s+other\s+day|every\s+(2|two)\s*(nd\s+)?days?|alternate\s+days|\bq\.?o\.?d\.?\b|\bEOD\b|\bq48h\b/i;

/** Whether a dosage says every other day (timing 1 per 2 d or 48 h, or the words): rimegepant as a preventive. */
export function isEveryOtherDay(dosages: Dosage[] | undefined): boolean {
  return (dosages ?? []).some((d) => {
    const r = d.timing?.repeat;
    const frequency = r?.frequency ?? 1;
    if (
      r &&
      frequency === 1 &&
      ((r.period === 2 && r.periodUnit === 'd') || (r.period === 48 && r.periodUnit === 'h'))
    ) {
      return true;
    }
    return [d.text, d.patientInstruction, ...textsOf(d.timing?.code)].some((t) => !!t && EVERY_OTHER_DAY.test(t));
  });
}
