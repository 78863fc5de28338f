import type { Condition, Observation, Procedure } from '@medplum/fhirtypes';
import { fhirDay } from '../dates.ts';

/** The dates a Condition carries that say when it began or was recorded (day precision only). */
export function conditionDates(c: Condition, siteTimeZone: string): { onset?: string; recorded?: string } {
  const onset = fhirDay(c.onsetDateTime ?? c.onsetPeriod?.start, siteTimeZone);
  const recorded = fhirDay(c.recordedDate, siteTimeZone);
  return { ...(onset ? { onset } : {}), ...(recorded ? { recorded } : {}) };
}

/** The latest day among a Condition's onset and recorded dates, if any. */
export function latestConditionDay(c: Condition, siteTimeZone: string): string | undefined {
  const { onset, recorded } = conditionDates(c, siteTimeZone);
  return [onset, recorded]
    .filter((d): d is string => !!d)
    .sort()
    .at(-1);
}

/** The day an Observation is about (effectiveDateTime, effectivePeriod.start, effectiveInstant, else issued). */
export function observationDay(o: Observation, siteTimeZone: string): string | undefined {
  return fhirDay(o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.effectiveInstant ?? o.issued, siteTimeZone);
}

/** The day a Procedure was performed (performedDateTime or performedPeriod.start). */
export function procedureDay(p: Procedure, siteTimeZone: string): string | undefined {
  return fhirDay(p.performedDateTime ?? p.performedPeriod?.start, siteTimeZone);
}
