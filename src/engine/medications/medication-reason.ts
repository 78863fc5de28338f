import type { CodeableConcept, Reference } from '@medplum/fhirtypes';
import { codingsOf, conceptLabel, normalizeCode, normalizeSystem, textsOf } from '../fhir/codeable-concept.ts';
import { targetOf } from '../fhir/reference.ts';
import type { PatientRecord } from '../patient-record.ts';
import { matchValueSet } from '../terminology/value-set-match.ts';
import { valueSet } from '../terminology/value-sets.ts';
import { medicationTerminology } from './drug-catalog.ts';

/**
 * Why a drug was given, as far as migraine is concerned: `migraine` (a code of the migraine set, "migraine" in the
 * text, or a reference to a migraine Condition), `neutral` (unspecified headache, bare "prophylaxis", or a reference
 * that cannot be resolved: read like no reason), `other` (only non-migraine conditions), `none` (no reason recorded).
 */
export type ReasonKind = 'none' | 'migraine' | 'neutral' | 'other';

export interface ReasonAssessment {
  kind: ReasonKind;
  /** Conditions cited as the reason (`Condition/id`). */
  evidence: string[];
  /** The reasons in words, for notes ("Essential hypertension"). */
  labels: string[];
}

interface ReasonBearing {
  reasonCode?: CodeableConcept[];
  reasonReference?: Reference[];
}

/** Classifies a record's reasonCode and reasonReference (clinical-rules 2.2). */
export function classifyReason(resource: ReasonBearing, record: PatientRecord): ReasonAssessment {
  const concepts: CodeableConcept[] = [];
  const evidence: string[] = [];
  let unresolved = false;
  for (const concept of resource.reasonCode ?? []) if (concept) concepts.push(concept);
  for (const ref of resource.reasonReference ?? []) {
    const target = targetOf(ref?.reference);
    const condition = target?.startsWith('Condition/')
      ? record.conditions.find((c) => `Condition/${c.id}` === target)
      : undefined;
    if (condition?.code) {
      concepts.push(condition.code);
      evidence.push(target as string);
    } else if (ref?.display) concepts.push({ text: ref.display });
    else unresolved = true;
  }
  if (!concepts.length && !unresolved) return { kind: 'none', evidence, labels: [] };
  const labels = concepts.map((c) => conceptLabel(c));
  const migraine = valueSet('migraine');
  if (concepts.some((c) => matchValueSet(c, migraine))) return { kind: 'migraine', evidence, labels };
  if (unresolved || concepts.some(isNeutral)) return { kind: 'neutral', evidence, labels };
  return { kind: 'other', evidence, labels };
}

let patterns: { text: RegExp[]; exclude: RegExp[] } | undefined;

function isNeutral(concept: CodeableConcept): boolean {
  const { neutralReasons } = medicationTerminology();
  patterns ??= {
    text: neutralReasons.text.map((p) => new RegExp(p, 'i')),
    exclude: neutralReasons.excludeText.map((p) => new RegExp(p, 'i')),
  };
  const compiled = patterns;
  const texts = textsOf(concept);
  if (texts.some((t) => compiled.exclude.some((re) => re.test(t)))) return false;
  for (const coding of codingsOf(concept)) {
    if (typeof coding.code !== 'string') continue;
    const system = normalizeSystem(coding.system);
    const code = normalizeCode(system, coding.code);
    const hit = neutralReasons.codes.some((c) => {
      if (normalizeSystem(c.system) !== system) return false;
      const want = normalizeCode(system, c.code);
      return c.match === 'prefix' ? code.startsWith(want) : code === want;
    });
    if (hit) return true;
  }
  return texts.some((t) => compiled.text.some((re) => re.test(t)));
}

/** True when the record's reason says prevention ("migraine prophylaxis", "prevention"): rimegepant's second way in. */
export function hasPreventionReason(resource: ReasonBearing): boolean {
  return (resource.reasonCode ?? []).some((c) => textsOf(c).some((t) => /prophyla|prevent/i.test(t)));
}
