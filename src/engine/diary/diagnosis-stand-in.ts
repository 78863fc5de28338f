import type { Condition } from '@medplum/fhirtypes';
import { type DayNumber, dayNumber, fhirDay } from '../dates.ts';
import { conceptLabel } from '../fhir/codeable-concept.ts';
import { conditionCounts, verificationOf } from '../fhir/condition-status.ts';
import { refOf } from '../fhir/reference.ts';
import { matchDiagnosis } from '../terminology/value-set-match.ts';
import { valueSet } from '../terminology/value-sets.ts';
import type { EvaluationContext } from '../types.ts';

export interface StandInDiagnosis {
  condition: Condition;
  ref?: string;
  /** The recordedDate or onset date that is within diagnosisMaxAgeDays before E. */
  date: string;
  label: string;
}

/** The dates a Condition offers: recordedDate, onsetDateTime, onsetPeriod start (day precision only). */
function candidateDates(c: Condition, zone: string): string[] {
  return [c.recordedDate, c.onsetDateTime, c.onsetPeriod?.start]
    .map((v) => fhirDay(v, zone))
    .filter((v): v is string => !!v);
}

/**
 * The newest chronic-migraine Condition that may stand in for a diary (clinical-rules 3): in the value set, counting
 * as a criterion (active, not provisional/differential/unconfirmed), verificationStatus confirmed or absent, with
 * recordedDate or onset in [E - diagnosisMaxAgeDays, E]. The policy switch is checked by the caller.
 */
export function findStandInDiagnosis(conditions: Condition[], ctx: EvaluationContext): StandInDiagnosis | undefined {
  const e: DayNumber = dayNumber(ctx.evaluationDate);
  const cm = valueSet('chronic-migraine');
  let best: StandInDiagnosis | undefined;
  for (const c of conditions) {
    if (!matchDiagnosis(c.code, cm) || !conditionCounts(c, 'criterion')) continue;
    const v = verificationOf(c);
    if (v !== undefined && v !== 'confirmed') continue;
    const dates = candidateDates(c, ctx.siteTimeZone).filter((d) => {
      const n = dayNumber(d);
      return n <= e && n >= e - ctx.policy.diagnosisMaxAgeDays;
    });
    const date = dates.sort().at(-1);
    if (!date || (best && best.date >= date)) continue;
    best = { condition: c, date, label: conceptLabel(c.code) };
    const ref = refOf(c);
    if (ref) best.ref = ref;
  }
  return best;
}
