import type { Condition, Observation, Procedure } from '@medplum/fhirtypes';
import { addDays } from '../../dates.ts';
import { hasCoding, SYSTEMS } from '../../fhir/codeable-concept.ts';
import { verificationOf } from '../../fhir/condition-status.ts';
import { refOf, refsOf } from '../../fhir/reference.ts';
import { conditionDates, observationDay, procedureDay } from '../../fhir/resource-dates.ts';
import { matchValueSet } from '../../terminology/value-set-match.ts';
import { valueSet } from '../../terminology/value-sets.ts';
import type { FindingResult } from '../../types.ts';
import { conditionsIn } from '../condition-findings.ts';
import type { FindingModule } from '../finding-module.ts';

const PREGNANCY_STATUS = '82810-3';
const COUNTED_OBSERVATION = new Set(['final', 'amended', 'corrected']);
const PREGNANCY_LOOKBACK_DAYS = 280;
const LACTATION_LOOKBACK_DAYS = 365;

interface Input {
  conditions: Condition[];
  observations: Observation[];
  procedures: Procedure[];
  evaluationDate: string;
  siteTimeZone: string;
}

/** Procedure statuses that mean a delivery happened: `in-progress` (labour, a section under way) has not ended yet. */
const DELIVERED_PROCEDURE = new Set(['completed']);
/** Condition verification statuses that do not show a delivery: in doubt the caution stays (the safe side). */
const UNSHOWN_DELIVERY = new Set(['entered-in-error', 'refuted', 'provisional', 'differential', 'unconfirmed']);

/**
 * The days of deliveries that happened (clinical-rules 3 `pregnancy`: "no later ... delivery"): a completed
 * delivery Procedure, or a delivery Condition neither refuted, entered in error nor tentative, dated by its onset (when
 * the delivery was), else its recorded date. Undated records cannot be placed after the result and are left out.
 */
function deliveryDays(input: Input): string[] {
  const set = valueSet('delivery');
  const days: (string | undefined)[] = [];
  for (const p of input.procedures) {
    if (DELIVERED_PROCEDURE.has(p.status) && matchValueSet(p.code, set)) days.push(procedureDay(p, input.siteTimeZone));
  }
  for (const c of input.conditions) {
    const verification = verificationOf(c);
    if (verification && UNSHOWN_DELIVERY.has(verification)) continue;
    if (!matchValueSet(c.code, set)) continue;
    const { onset, recorded } = conditionDates(c, input.siteTimeZone);
    days.push(onset ?? recorded);
  }
  return days.filter((d): d is string => d !== undefined);
}

/**
 * `pregnancy` (caution; PI 8.1-8.2, limited data): the most recent LOINC 82810-3 result within 280 days says pregnant
 * and no delivery happened after it (on or before E); or an active pregnancy Condition; or lactation recorded (an
 * active condition, or an observation coded or valued as lactation within the last 365 days: the reference is silent
 * on how long a lactation record stays relevant, a year is our reading).
 */
export function pregnancyFinding(input: Input): FindingResult | undefined {
  const { evaluationDate: e, siteTimeZone: tz } = input;
  const evidence: string[] = [];
  const reasons: string[] = [];

  const statusResults = input.observations
    .filter((o) => COUNTED_OBSERVATION.has(o.status) && hasCoding(o.code, SYSTEMS.loinc, PREGNANCY_STATUS))
    .map((o) => ({ o, day: observationDay(o, tz) }))
    .filter((x): x is { o: Observation; day: string } => !!x.day && x.day <= e)
    .sort((a, b) => b.day.localeCompare(a.day));
  const latest = statusResults[0];
  if (
    latest &&
    latest.day >= addDays(e, -PREGNANCY_LOOKBACK_DAYS) &&
    matchValueSet(latest.o.valueCodeableConcept, valueSet('pregnancy-status-pregnant'))
  ) {
    const delivered = deliveryDays(input).some((d) => d > latest.day && d <= e);
    if (!delivered) {
      reasons.push(`pregnancy status "pregnant" on ${latest.day}`);
      const ref = refOf(latest.o);
      if (ref) evidence.push(ref);
    }
  }

  const pregnant = conditionsIn(input.conditions, 'pregnancy-conditions');
  if (pregnant.length) {
    reasons.push(`pregnancy recorded as a condition${pregnant.length > 1 ? 's' : ''}`);
    evidence.push(...refsOf(pregnant));
  }

  const lactationSet = valueSet('lactation');
  const lactationFrom = addDays(e, -LACTATION_LOOKBACK_DAYS);
  const lactating = [
    ...conditionsIn(input.conditions, 'lactation'),
    ...input.observations.filter((o) => {
      if (!COUNTED_OBSERVATION.has(o.status)) return false;
      const day = observationDay(o, tz);
      if (!day || day < lactationFrom || day > e) return false;
      return (
        matchValueSet(o.code, lactationSet) !== undefined ||
        matchValueSet(o.valueCodeableConcept, lactationSet) !== undefined
      );
    }),
  ];
  if (lactating.length) {
    reasons.push('lactation recorded');
    evidence.push(...refsOf(lactating));
  }

  if (!reasons.length) return undefined;
  return {
    id: 'pregnancy',
    severity: 'caution',
    evidence: [...new Set(evidence)],
    summary: `${reasons.join('; ')}: limited safety data in pregnancy and lactation (BOTOX PI 8.1-8.2)`,
  };
}

export const pregnancyModule: FindingModule = {
  id: 'pregnancy',
  severity: 'caution',
  label: 'Pregnancy or lactation',
  source: 'BOTOX PI 8.1-8.2 (limited data); clinical-rules 3 (codes: verify)',
  detect: ({ record, ctx, nonDiaryObservations }) =>
    pregnancyFinding({
      conditions: record.conditions,
      // Diary entries are never pregnancy or lactation records: the scan gets only what readDiary found not to be diary data.
      observations: nonDiaryObservations,
      procedures: record.procedures,
      evaluationDate: ctx.evaluationDate,
      siteTimeZone: ctx.siteTimeZone,
    }),
};
