import type { CodeableConcept, Coding, Condition } from '@medplum/fhirtypes';
import { codingsOf, normalizeSystem, SYSTEMS, textsOf } from './fhir/codeable-concept.ts';
import { verificationOf } from './fhir/condition-status.ts';
import { refOf } from './fhir/reference.ts';
import { conditionDates } from './fhir/resource-dates.ts';
import { matchDiagnosis } from './terminology/value-set-match.ts';
import { valueSet } from './terminology/value-sets.ts';

/** The patient's own chronic-migraine diagnosis as the chart codes it. */
export interface ChartChronicMigraine {
  condition: Condition;
  ref?: string;
  /** Its ICD-10-CM coding, else its SNOMED CT coding. */
  coding: Coding;
  /** The Condition's text, else the coding's display. */
  text?: string;
}

/**
 * The chart's chronic-migraine code (clinical-rules 5, 11.15, 11.19): the chronic-migraine Condition with
 * verificationStatus confirmed or absent, the most recent by recordedDate (else onset), and its ICD-10-CM coding (else
 * SNOMED CT). The criteria name no clinicalStatus here: a chronic migraine recorded as in remission on treatment is still
 * the diagnosis the order is for. Undefined when no such Condition carries an ICD-10-CM or SNOMED CT code.
 */
export function chartChronicMigraine(conditions: Condition[], siteTimeZone: string): ChartChronicMigraine | undefined {
  const set = valueSet('chronic-migraine');
  let best: { found: ChartChronicMigraine; day: string } | undefined;
  for (const condition of conditions) {
    const verification = verificationOf(condition);
    if (verification !== undefined && verification !== 'confirmed') continue;
    if (!matchDiagnosis(condition.code, set)) continue;
    const coding = codingIn(condition.code, SYSTEMS.icd10cm) ?? codingIn(condition.code, SYSTEMS.snomed);
    if (!coding) continue;
    const { onset, recorded } = conditionDates(condition, siteTimeZone);
    const day = recorded ?? onset ?? '';
    if (best && best.day >= day) continue;
    const text = textsOf(condition.code)[0];
    const ref = refOf(condition);
    best = { found: { condition, coding, ...(text ? { text } : {}), ...(ref ? { ref } : {}) }, day };
  }
  return best?.found;
}

function codingIn(concept: CodeableConcept | undefined, system: string): Coding | undefined {
  const coding = codingsOf(concept).find(
    (c) => normalizeSystem(c.system) === system && typeof c.code === 'string' && c.code.trim() !== '',
  );
  if (!coding) return undefined;
  return { system, code: coding.code!.trim(), ...(coding.display ? { display: coding.display } : {}) };
}
