import type { Condition } from '@medplum/fhirtypes';
import { conceptLabel } from '../fhir/codeable-concept.ts';
import { conditionCounts } from '../fhir/condition-status.ts';
import { conditionDates, latestConditionDay } from '../fhir/resource-dates.ts';
import { matchDiagnosis } from '../terminology/value-set-match.ts';
import { valueSet } from '../terminology/value-sets.ts';

/** Conditions that count for findings (provisional ones included: the safe side) and are in a value set. */
export function conditionsIn(conditions: Condition[], valueSetId: string): Condition[] {
  return diagnosesIn(
    conditions.filter((c) => conditionCounts(c, 'finding')),
    valueSetId,
  );
}

/** The conditions whose code is in a value set, whatever their status (callers apply their own counting rule). */
export function diagnosesIn(conditions: Condition[], valueSetId: string): Condition[] {
  const set = valueSet(valueSetId);
  return conditions.filter((c) => matchDiagnosis(c.code, set) !== undefined);
}

/** "Myasthenia gravis (onset 2019-04-02)": the diagnosis and its first known date. */
export function describeCondition(c: Condition, siteTimeZone: string): string {
  const { onset, recorded } = conditionDates(c, siteTimeZone);
  const when = onset ? `onset ${onset}` : recorded ? `recorded ${recorded}` : 'date not recorded';
  return `${conceptLabel(c.code)} (${when})`;
}

/** The most recently dated first (onset or recorded date, the later of the two). */
export function newestFirst(conditions: Condition[], siteTimeZone: string): Condition[] {
  return [...conditions].sort((a, b) =>
    (latestConditionDay(b, siteTimeZone) ?? '').localeCompare(latestConditionDay(a, siteTimeZone) ?? ''),
  );
}
