import type { Condition } from '@medplum/fhirtypes';
import { chartChronicMigraine } from '../chart-chronic-migraine.ts';
import { conceptLabel } from '../fhir/codeable-concept.ts';
import { conditionDates } from '../fhir/resource-dates.ts';

/** The patient's own chronic-migraine diagnosis as the assessment reports it (clinical-rules 11, items 15 and 19). */
export interface ChartDiagnosis {
  system: string;
  code: string;
  display: string;
  /** recordedDate, else onset (YYYY-MM-DD); absent when the Condition carries neither. */
  date?: string;
  /** Which date `date` is. */
  dateKind?: 'recorded' | 'onset';
  evidence: string[];
}

/**
 * The chart's chronic-migraine code and date: the same Condition the drafted orders carry (chartChronicMigraine, item
 * 15), so the prior-authorization summary and the order never name two different diagnoses (item 19).
 */
export function chartDiagnosis(conditions: Condition[], siteTimeZone: string): ChartDiagnosis | undefined {
  const chart = chartChronicMigraine(conditions, siteTimeZone);
  if (!chart?.coding.system || !chart.coding.code) return undefined;
  const { recorded, onset } = conditionDates(chart.condition, siteTimeZone);
  const date = recorded ?? onset;
  return {
    system: chart.coding.system,
    code: chart.coding.code,
    display: chart.coding.display ?? conceptLabel(chart.condition.code),
    ...(date ? { date, dateKind: recorded ? ('recorded' as const) : ('onset' as const) } : {}),
    evidence: chart.ref ? [chart.ref] : [],
  };
}
