import type { Condition } from '@medplum/fhirtypes';
import { addDays } from '../../dates.ts';
import { refsOf } from '../../fhir/reference.ts';
import { conditionDates } from '../../fhir/resource-dates.ts';
import type { FindingResult } from '../../types.ts';
import { conditionsIn, describeCondition } from '../condition-findings.ts';
import type { FindingModule } from '../finding-module.ts';

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
    summary: `Infection at the injection sites: ${hits.map((c) => describeCondition(c, siteTimeZone)).join('; ')}. Do not inject until resolved`,
  };
}

export const injectionSiteInfectionModule: FindingModule = {
  id: 'injection-site-infection',
  severity: 'contraindication',
  label: 'Infection at the injection sites',
  source: 'BOTOX PI 4 (contraindication); clinical-rules 3 (codes: verify)',
  detect: ({ record, at, ctx }) => injectionSiteInfection(record.conditions, at, ctx.siteTimeZone),
};
