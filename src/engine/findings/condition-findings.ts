import type { Condition } from '@medplum/fhirtypes';
import { addDays } from '../dates.ts';
import { conceptLabel } from '../fhir/codeable-concept.ts';
import { conditionCounts } from '../fhir/condition-status.ts';
import { refsOf } from '../fhir/reference.ts';
import { conditionDates, latestConditionDay } from '../fhir/resource-dates.ts';
import { matchDiagnosis } from '../terminology/value-set-match.ts';
import { valueSet } from '../terminology/value-sets.ts';
import type { FindingResult } from '../types.ts';

/** Conditions that count for findings (provisional ones included: the safe side) and are in a value set. */
export function conditionsIn(conditions: Condition[], valueSetId: string): Condition[] {
  const set = valueSet(valueSetId);
  return conditions.filter((c) => conditionCounts(c, 'finding') && matchDiagnosis(c.code, set) !== undefined);
}

function describe(c: Condition, siteTimeZone: string): string {
  const { onset, recorded } = conditionDates(c, siteTimeZone);
  const when = onset ? `onset ${onset}` : recorded ? `recorded ${recorded}` : 'date not recorded';
  return `${conceptLabel(c.code)} (${when})`;
}

/**
 * `injection-site-infection` (contraindication, defer): an infection at the injection sites with onset or recorded
 * date within 30 days before `at` (E, or D for orders) and no abatement. An active one with no date at all is also
 * raised, marked "date not recorded": with no date it cannot be excluded, and a deferral is the safe side.
 */
export function injectionSiteInfection(
  conditions: Condition[],
  at: string,
  siteTimeZone: string,
): FindingResult | undefined {
  const from = addDays(at, -30);
  const hits = conditionsIn(conditions, 'injection-site-infection').filter((c) => {
    if (c.abatementDateTime || c.abatementPeriod || c.abatementAge || c.abatementRange || c.abatementString)
      return false;
    const { onset, recorded } = conditionDates(c, siteTimeZone);
    if (!onset && !recorded) return true;
    return [onset, recorded].some((d) => d !== undefined && d >= from && d <= at);
  });
  if (!hits.length) return undefined;
  return {
    id: 'injection-site-infection',
    severity: 'contraindication',
    evidence: refsOf(hits),
    summary: `Infection at the injection sites: ${hits.map((c) => describe(c, siteTimeZone)).join('; ')}. Do not inject until resolved`,
  };
}

const CAUTIONS = [
  {
    id: 'neuromuscular-disorder',
    valueSet: 'neuromuscular-disorder',
    advice: 'specialist review; risk of severe dysphagia or respiratory compromise',
  },
  {
    id: 'dysphagia-respiratory',
    valueSet: 'dysphagia-respiratory',
    advice: 'risk of aspiration and breathing difficulty from toxin spread (boxed warning)',
  },
] as const;

/** Cautions read from active conditions: neuromuscular disorders, dysphagia or chronic respiratory failure. */
export function conditionCautions(conditions: Condition[], siteTimeZone: string): FindingResult[] {
  return CAUTIONS.flatMap(({ id, valueSet: vs, advice }) => {
    const hits = conditionsIn(conditions, vs);
    if (!hits.length) return [];
    hits.sort((a, b) =>
      (latestConditionDay(b, siteTimeZone) ?? '').localeCompare(latestConditionDay(a, siteTimeZone) ?? ''),
    );
    return [
      {
        id,
        severity: 'caution' as const,
        evidence: refsOf(hits),
        summary: `${hits.map((c) => describe(c, siteTimeZone)).join('; ')}: ${advice}`,
      },
    ];
  });
}
