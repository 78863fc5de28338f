import type { CodeableConcept, Coding } from '@medplum/fhirtypes';
import { SYSTEMS } from '../../src/engine/fhir/codeable-concept.ts';

export { SYSTEMS };

export const UCUM = 'http://unitsofmeasure.org';
export const CONDITION_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
export const CONDITION_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
export const CONDITION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';
export const ALLERGY_CLINICAL = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';
export const ALLERGY_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';
export const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
/** The panel's own medical record numbers (not a real assigning authority). */
export const DEMO_MRN_SYSTEM = 'http://migraine-cds.org/fhir/sid/demo-mrn';

export const US_CORE = {
  patient: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient',
  practitioner: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-practitioner',
  condition: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-condition',
  allergy: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-allergyintolerance',
  procedure: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-procedure',
  medicationRequest: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-medicationrequest',
  bloodPressure: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-blood-pressure',
} as const;

export function concept(system: string, code: string, display: string, text = display): CodeableConcept {
  return { coding: [{ system, code, display }], text };
}

export const ICD = {
  chronicMigraine: {
    code: 'G43.709',
    display: 'Chronic migraine without aura, not intractable, without status migrainosus',
  },
  chronicMigraineIntractable: {
    code: 'G43.719',
    display: 'Chronic migraine without aura, intractable, without status migrainosus',
  },
  episodicMigraine: {
    code: 'G43.009',
    display: 'Migraine without aura, not intractable, without status migrainosus',
  },
  migraineUnspecified: {
    code: 'G43.909',
    display: 'Migraine, unspecified, not intractable, without status migrainosus',
  },
  medicationOveruseHeadache: {
    code: 'G44.41',
    display: 'Drug-induced headache, not elsewhere classified, intractable',
  },
  myastheniaGravis: { code: 'G70.00', display: 'Myasthenia gravis without (acute) exacerbation' },
  scalpCellulitis: { code: 'L03.811', display: 'Cellulitis of head [any part, except face]' },
  hypertension: { code: 'I10', display: 'Essential (primary) hypertension' },
} as const satisfies Record<string, { code: string; display: string }>;

/** The reason carried by migraine preventive and Botox records. */
export const MIGRAINE_REASON: CodeableConcept = concept(
  SYSTEMS.icd10cm,
  ICD.chronicMigraine.code,
  ICD.chronicMigraine.display,
  'Chronic migraine',
);

export type PreventiveOutcome = 'inadequate-response' | 'intolerance' | 'contraindicated';
export const PREVENTIVE_OUTCOME_DISPLAY: Record<PreventiveOutcome, string> = {
  'inadequate-response': 'Inadequate response',
  intolerance: 'Intolerance',
  contraindicated: 'Contraindicated',
};

/** A drug as a record carries it: an RxNorm ingredient code (clinical-rules 6), its name, and a usual dose. */
export interface Drug {
  rxnorm: string;
  name: string;
  dosage: string;
}

/** Preventives and acute drugs used by the panel. RxCUIs are the ingredient codes of clinical-rules 6. */
export const DRUGS = {
  topiramate: { rxnorm: '38404', name: 'topiramate', dosage: '50 mg by mouth twice daily' },
  divalproex: { rxnorm: '266856', name: 'divalproex sodium', dosage: '500 mg extended-release by mouth daily' },
  propranolol: { rxnorm: '8787', name: 'propranolol', dosage: '80 mg extended-release by mouth daily' },
  metoprolol: { rxnorm: '6918', name: 'metoprolol', dosage: '100 mg by mouth daily' },
  amitriptyline: { rxnorm: '704', name: 'amitriptyline', dosage: '25 mg by mouth at bedtime' },
  nortriptyline: { rxnorm: '7531', name: 'nortriptyline', dosage: '25 mg by mouth at bedtime' },
  venlafaxine: { rxnorm: '39786', name: 'venlafaxine', dosage: '75 mg extended-release by mouth daily' },
  candesartan: { rxnorm: '214354', name: 'candesartan', dosage: '16 mg by mouth daily' },
  sumatriptan: { rxnorm: '37418', name: 'sumatriptan', dosage: '50 mg by mouth at onset, may repeat once after 2 h' },
} as const satisfies Record<string, Drug>;

export function drugConcept(drug: Drug): CodeableConcept {
  return concept(SYSTEMS.rxnorm, drug.rxnorm, drug.name);
}

/** Therapeutic BOTOX: HCPCS J0585 (1 unit) and the 100-unit vial's NDC 0023-1145-01 (public drug listings). */
export const BOTOX_THERAPEUTIC: CodeableConcept = {
  coding: [
    { system: SYSTEMS.hcpcs, code: 'J0585', display: 'Injection, onabotulinumtoxinA, 1 unit' },
    { system: SYSTEMS.ndc, code: '0023-1145-01', display: 'BOTOX (onabotulinumtoxinA) for injection, 100 Units' },
  ],
  text: 'BOTOX (onabotulinumtoxinA) for injection',
};

/** BOTOX Cosmetic (NDC 0023-9232, clinical-rules 7): other toxin use, never a migraine cycle. */
export const BOTOX_COSMETIC: CodeableConcept = {
  coding: [{ system: SYSTEMS.ndc, code: '0023-9232-01', display: 'BOTOX Cosmetic (onabotulinumtoxinA) for injection' }],
  text: 'BOTOX Cosmetic (onabotulinumtoxinA)',
};

export const CPT_64615: Coding = {
  system: SYSTEMS.cpt,
  code: '64615',
  display:
    'Chemodenervation of muscle(s); muscle(s) innervated by facial, trigeminal, cervical spinal and accessory nerves, bilateral (eg, for chronic migraine)',
};

export const INTRAMUSCULAR: CodeableConcept = concept(SYSTEMS.snomed, '78421000', 'Intramuscular route');

export function units(value: number) {
  return { value, unit: 'units', system: UCUM, code: 'U' };
}
