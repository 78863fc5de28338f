import type { Dosage } from '@medplum/fhirtypes';
import { matchValueSet } from '../terminology/value-set-match.ts';
import { valueSet } from '../terminology/value-sets.ts';

/**
 * Whether a dosage says every other day (clinical-rules 6: rimegepant is a preventive "only every other day"):
 * `timing.repeat` once per 2 d or 48 h, a `timing.code` of the every-other-day set (GTSAbbreviation QOD), or the words
 * of that set in the dosage text, patient instruction or timing code text.
 */
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
    const set = valueSet('every-other-day-dosing');
    if (matchValueSet(d.timing?.code, set)) return true;
    return [d.text, d.patientInstruction].some((t) => typeof t === 'string' && !!matchValueSet({ text: t }, set));
  });
}
