import type { AllergyIntolerance, CodeableConcept, Condition, Observation } from '@medplum/fhirtypes';
import {
  ALLERGY_CLINICAL,
  ALLERGY_VERIFICATION,
  CONDITION_CATEGORY,
  CONDITION_CLINICAL,
  CONDITION_VERIFICATION,
  concept,
  OBSERVATION_CATEGORY,
  SYSTEMS,
  UCUM,
  US_CORE,
} from './codes.ts';
import type { FixtureContext } from './context.ts';
import { practitionerRef } from './people.ts';

export interface ConditionOptions {
  suffix: string;
  icd: { code: string; display: string };
  /** Extra codings (SNOMED) beside the ICD-10-CM code. */
  also?: { system: string; code: string; display: string }[];
  text?: string;
  onset: number;
  recorded: number;
  category?: 'problem-list-item' | 'encounter-diagnosis';
  /** The clinicalStatus, active unless given. */
  clinicalStatus?: { code: 'active' | 'inactive' | 'remission' | 'resolved'; display: string };
}

/** A confirmed Condition coded in ICD-10-CM, active unless told; onset and recorded dates are offsets from E. */
export function condition(f: FixtureContext, o: ConditionOptions): Condition {
  const category = o.category ?? 'problem-list-item';
  return {
    resourceType: 'Condition',
    id: f.id(o.suffix),
    meta: { profile: [US_CORE.condition] },
    clinicalStatus: concept(
      CONDITION_CLINICAL,
      o.clinicalStatus?.code ?? 'active',
      o.clinicalStatus?.display ?? 'Active',
    ),
    verificationStatus: concept(CONDITION_VERIFICATION, 'confirmed', 'Confirmed'),
    category: [
      concept(
        CONDITION_CATEGORY,
        category,
        category === 'problem-list-item' ? 'Problem List Item' : 'Encounter Diagnosis',
      ),
    ],
    code: {
      coding: [{ system: SYSTEMS.icd10cm, ...o.icd }, ...(o.also ?? [])],
      text: o.text ?? o.icd.display,
    },
    subject: f.patientRef,
    onsetDateTime: f.day(o.onset),
    recordedDate: f.day(o.recorded),
    recorder: practitionerRef,
  };
}

export interface AllergyOptions {
  suffix: string;
  code: CodeableConcept;
  recorded: number;
  manifestation: CodeableConcept;
  severity: 'mild' | 'moderate' | 'severe';
  criticality: 'low' | 'high';
  note?: string;
}

/** An active, confirmed drug allergy (type `allergy`). */
export function drugAllergy(f: FixtureContext, o: AllergyOptions): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    id: f.id(o.suffix),
    meta: { profile: [US_CORE.allergy] },
    clinicalStatus: concept(ALLERGY_CLINICAL, 'active', 'Active'),
    verificationStatus: concept(ALLERGY_VERIFICATION, 'confirmed', 'Confirmed'),
    type: 'allergy',
    category: ['medication'],
    criticality: o.criticality,
    code: o.code,
    patient: f.patientRef,
    recordedDate: f.day(o.recorded),
    recorder: practitionerRef,
    reaction: [{ manifestation: [o.manifestation], severity: o.severity }],
    ...(o.note ? { note: [{ text: o.note }] } : {}),
  };
}

/** A penicillin allergy: common, and irrelevant to botulinum toxin (a negative control for the allergy check). */
export function penicillinAllergy(f: FixtureContext, recorded: number): AllergyIntolerance {
  return drugAllergy(f, {
    suffix: 'allergy-penicillin',
    code: concept(SYSTEMS.snomed, '764146007', 'Penicillin (substance)', 'Penicillin'),
    recorded,
    manifestation: concept(SYSTEMS.snomed, '126485001', 'Urticaria (disorder)', 'Hives'),
    severity: 'moderate',
    criticality: 'low',
  });
}

/** A blood pressure panel (LOINC 85354-9): an observation the diary reader must ignore. */
export function bloodPressure(f: FixtureContext, offset: number, systolic: number, diastolic: number): Observation {
  const mmHg = (value: number) => ({ value, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' });
  return {
    resourceType: 'Observation',
    id: f.id(`bp-${-offset}`),
    meta: { profile: [US_CORE.bloodPressure] },
    status: 'final',
    category: [concept(OBSERVATION_CATEGORY, 'vital-signs', 'Vital Signs')],
    code: concept(SYSTEMS.loinc, '85354-9', 'Blood pressure panel with all children optional', 'Blood pressure'),
    subject: f.patientRef,
    effectiveDateTime: f.at(offset, '10:15'),
    component: [
      { code: concept(SYSTEMS.loinc, '8480-6', 'Systolic blood pressure'), valueQuantity: mmHg(systolic) },
      { code: concept(SYSTEMS.loinc, '8462-4', 'Diastolic blood pressure'), valueQuantity: mmHg(diastolic) },
    ],
  };
}
