import type { Assessment } from '../../engine/assessment.ts';
import type { PolicyParameters } from '../../engine/policy/policy-schema.ts';
import type { DoseReading } from './order-dose.ts';

export type OrderFindingId = 'treatment-interval' | 'dose' | 'cumulative-dose';

/** A check on the draft order itself (clinical-rules 5), beside the patient's assessment. */
export interface OrderFinding {
  id: OrderFindingId;
  severity: 'warning' | 'info';
  summary: string;
  evidence: string[];
  /** For `dose`: which band the dose falls in. */
  band?: 'not-in-units' | 'below-label' | 'above-label' | 'above-maximum';
}

/** `treatment-interval`: D earlier than the last cycle's next eligible date (any cycle on record, active course or not). */
export function checkInterval(assessment: Assessment, plannedDate: string): OrderFinding | undefined {
  const last = assessment.cycles.at(-1);
  if (!last || plannedDate >= last.nextEligible) return undefined;
  return {
    id: 'treatment-interval',
    severity: 'warning',
    summary: `Too early: last cycle ${last.date}; not before ${last.nextEligible} (every 12 weeks at most)`,
    evidence: last.evidence,
  };
}

/** `dose`: 155 U is the label; below is info, 156-195 above label (PREEMPT follow-the-pain), above 195 exceeds. */
export function checkDose(dose: DoseReading, p: PolicyParameters, evidence: string[]): OrderFinding | undefined {
  if (dose.stated !== 'units') {
    return {
      id: 'dose',
      severity: 'info',
      band: 'not-in-units',
      summary:
        dose.stated === 'not-units' ? `Dose not stated in units (stated in ${dose.unit})` : 'Dose not stated in units',
      evidence,
    };
  }
  const u = dose.units;
  if (u < p.labelDoseUnits) {
    return {
      id: 'dose',
      severity: 'info',
      band: 'below-label',
      summary: `${u} U: below the labelled dose of ${p.labelDoseUnits} U`,
      evidence,
    };
  }
  if (u === p.labelDoseUnits) return undefined;
  if (u <= p.maxDoseUnits) {
    return {
      id: 'dose',
      severity: 'warning',
      band: 'above-label',
      summary: `${u} U: above label (PREEMPT follow-the-pain range, up to ${p.maxDoseUnits} U; off-label)`,
      evidence,
    };
  }
  return {
    id: 'dose',
    severity: 'warning',
    band: 'above-maximum',
    summary: `${u} U: exceeds the ${p.maxDoseUnits} U PREEMPT maximum; label dose is ${p.labelDoseUnits} U`,
    evidence,
  };
}

/**
 * `cumulative-dose`: onabotulinumtoxinA units given in (D - 84, D] plus this order over the limit: 400 U in a 3-month
 * interval for adults treated for one or more indications (BOTOX PI 2.1; confirmed in clinical-rules 3.0, 1 and 5).
 */
export function checkCumulative(
  given: { units: number; evidence: string[] },
  draftUnits: number | undefined,
  p: PolicyParameters,
): OrderFinding | undefined {
  const total = given.units + (draftUnits ?? 0);
  if (total <= p.cumulativeLimitUnits) return undefined;
  return {
    id: 'cumulative-dose',
    severity: 'warning',
    summary: `${given.units} U onabotulinumtoxinA in the last ${p.minIntervalDays} days + ${draftUnits ?? 0} U ordered = ${total} U, over ${p.cumulativeLimitUnits} U per 3 months (all indications; BOTOX PI 2.1)`,
    evidence: given.evidence,
  };
}
