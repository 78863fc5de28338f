import type { Coding, Condition } from '@medplum/fhirtypes';
import { fhirDay } from '../dates.ts';
import { codingsOf, conceptLabel, normalizeSystem, SYSTEMS } from '../fhir/codeable-concept.ts';
import { conditionCounts, verificationOf } from '../fhir/condition-status.ts';
import { refOf } from '../fhir/reference.ts';
import { matchDiagnosis } from '../terminology/value-set-match.ts';
import { valueSet } from '../terminology/value-sets.ts';

/** The patient's own chronic-migraine diagnosis as the chart records it (clinical-criteria 11, item 15). */
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

function preferredCoding(c: Condition): Coding | undefined {
  const codings = codingsOf(c.code).filter((k) => k.code);
  return (
    codings.find((k) => normalizeSystem(k.system) === SYSTEMS.icd10cm) ??
    codings.find((k) => normalizeSystem(k.system) === SYSTEMS.snomed)
  );
}

/**
 * The chronic-migraine Condition with verificationStatus confirmed or absent, most recent by recordedDate (else
 * onset), and its ICD-10-CM coding (else SNOMED) (clinical-criteria 11, item 15). It must also count under the general
 * Condition rule (clinical-criteria 2): a resolved or inactive diagnosis is not "the chart's code" for a request
 * (the safer reading; item 15 is silent on clinicalStatus).
 */
export function chartDiagnosis(conditions: Condition[], siteTimeZone: string): ChartDiagnosis | undefined {
  const set = valueSet('chronic-migraine');
  let best: { c: Condition; coding: Coding; date?: string; kind?: 'recorded' | 'onset' } | undefined;
  for (const c of conditions) {
    if (!matchDiagnosis(c.code, set) || !conditionCounts(c, 'criterion')) continue;
    const v = verificationOf(c);
    if (v !== undefined && v !== 'confirmed') continue;
    // A diagnosis written as text only gives no code to print: the newest coded one is the chart's code.
    const coding = preferredCoding(c);
    if (!coding) continue;
    const recorded = fhirDay(c.recordedDate, siteTimeZone);
    const onset = fhirDay(c.onsetDateTime ?? c.onsetPeriod?.start, siteTimeZone);
    const date = recorded ?? onset;
    const kind = recorded ? ('recorded' as const) : onset ? ('onset' as const) : undefined;
    if (best && (best.date ?? '') >= (date ?? '')) continue;
    best = { c, coding, ...(date ? { date } : {}), ...(kind ? { kind } : {}) };
  }
  if (!best) return undefined;
  const ref = refOf(best.c);
  return {
    system: normalizeSystem(best.coding.system),
    code: best.coding.code!,
    display: best.coding.display ?? conceptLabel(best.c.code),
    ...(best.date ? { date: best.date, dateKind: best.kind } : {}),
    evidence: ref ? [ref] : [],
  };
}
