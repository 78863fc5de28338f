import type {
  AllergyIntolerance,
  Condition,
  MedicationStatement,
  Observation,
  Patient,
  Procedure,
} from '@medplum/fhirtypes';
import { addDays } from '../../src/engine/dates.ts';

/** The evaluation date the tests inject (today, UTC); every other date is derived from it, so nothing goes stale. */
export const E = new Date().toISOString().slice(0, 10);
export const daysAgo = (n: number, from = E) => addDays(from, -n);

let seq = 0;
const nextId = (prefix: string) => `${prefix}-${++seq}`;

export const ICD10 = 'http://hl7.org/fhir/sid/icd-10-cm';
export const SNOMED = 'http://snomed.info/sct';
export const LOINC = 'http://loinc.org';

export function patient(birthDate: string | undefined, id = 'p1'): Patient {
  return {
    resourceType: 'Patient',
    id,
    name: [{ family: 'Test', given: ['Pat'] }],
    gender: 'female',
    ...(birthDate ? { birthDate } : {}),
  };
}

/** An adult, 40 years old at E. */
export const adult = () => patient(addDays(E, -40 * 365 - 10));

export function condition(
  code: { system?: string; code?: string; display?: string; text?: string },
  options: {
    onset?: string;
    recorded?: string;
    clinicalStatus?: string;
    verificationStatus?: string;
    abatement?: string;
    id?: string;
  } = {},
): Condition {
  return {
    resourceType: 'Condition',
    id: options.id ?? nextId('cond'),
    subject: { reference: 'Patient/p1' },
    code: {
      ...(code.code
        ? {
            coding: [
              { system: code.system ?? ICD10, code: code.code, ...(code.display ? { display: code.display } : {}) },
            ],
          }
        : {}),
      ...(code.text ? { text: code.text } : {}),
    },
    ...(options.clinicalStatus !== 'absent'
      ? {
          clinicalStatus: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
                code: options.clinicalStatus ?? 'active',
              },
            ],
          },
        }
      : {}),
    ...(options.verificationStatus
      ? {
          verificationStatus: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
                code: options.verificationStatus,
              },
            ],
          },
        }
      : {}),
    ...(options.onset ? { onsetDateTime: options.onset } : {}),
    ...(options.recorded ? { recordedDate: options.recorded } : {}),
    ...(options.abatement ? { abatementDateTime: options.abatement } : {}),
  };
}

export function allergy(
  code: { system?: string; code?: string; text?: string },
  options: {
    type?: 'allergy' | 'intolerance';
    manifestations?: readonly string[];
    clinicalStatus?: string;
    verificationStatus?: string;
  } = {},
): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    id: nextId('allergy'),
    patient: { reference: 'Patient/p1' },
    code: {
      ...(code.code ? { coding: [{ system: code.system ?? SNOMED, code: code.code }] } : {}),
      ...(code.text ? { text: code.text } : {}),
    },
    ...(options.type ? { type: options.type } : {}),
    ...(options.clinicalStatus
      ? {
          clinicalStatus: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
                code: options.clinicalStatus,
              },
            ],
          },
        }
      : {}),
    ...(options.verificationStatus
      ? {
          verificationStatus: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
                code: options.verificationStatus,
              },
            ],
          },
        }
      : {}),
    ...(options.manifestations
      ? { reaction: [{ manifestation: options.manifestations.map((text) => ({ text })) }] }
      : {}),
  };
}

export function pregnancyStatus(
  day: string,
  answer: 'LA15173-0' | 'LA26683-5',
  status: Observation['status'] = 'final',
): Observation {
  return {
    resourceType: 'Observation',
    id: nextId('preg'),
    status,
    code: { coding: [{ system: LOINC, code: '82810-3', display: 'Pregnancy status' }] },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: day,
    valueCodeableConcept: {
      coding: [{ system: LOINC, code: answer, display: answer === 'LA15173-0' ? 'Pregnant' : 'Not pregnant' }],
    },
  };
}

export function deliveryProcedure(day: string): Procedure {
  return {
    resourceType: 'Procedure',
    id: nextId('proc'),
    status: 'completed',
    subject: { reference: 'Patient/p1' },
    code: { coding: [{ system: SNOMED, code: '236973005', display: 'Delivery procedure' }] },
    performedDateTime: day,
  };
}

const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const OUTCOME = 'http://migraine-cds.org/fhir/CodeSystem/preventive-outcome';

/** Preventive ingredients with RxNorm ingredient codes from clinical-rules 6 (confirmed ones). */
export const PREVENTIVES = {
  topiramate: { code: '38404', name: 'topiramate' },
  propranolol: { code: '8787', name: 'propranolol' },
  amitriptyline: { code: '704', name: 'amitriptyline' },
  metoprolol: { code: '6918', name: 'metoprolol' },
  venlafaxine: { code: '39786', name: 'venlafaxine' },
} as const;

/** A MedicationStatement for a preventive trial from E+from to E+to (to undefined: still active). */
export function preventiveTrial(
  drug: keyof typeof PREVENTIVES,
  from: number,
  to: number | undefined,
  outcome?: 'inadequate-response' | 'intolerance' | 'contraindicated',
  options: { reasonText?: string; status?: MedicationStatement['status'] } = {},
): MedicationStatement {
  const d = PREVENTIVES[drug];
  return {
    resourceType: 'MedicationStatement',
    id: nextId(`ms-${drug}`),
    status: options.status ?? (to === undefined ? 'active' : outcome ? 'stopped' : 'completed'),
    subject: { reference: 'Patient/p1' },
    medicationCodeableConcept: { coding: [{ system: RXNORM, code: d.code, display: d.name }], text: d.name },
    effectivePeriod: { start: addDays(E, from), ...(to === undefined ? {} : { end: addDays(E, to) }) },
    ...(outcome ? { statusReason: [{ coding: [{ system: OUTCOME, code: outcome }] }] } : {}),
    ...(options.reasonText ? { reasonCode: [{ text: options.reasonText }] } : {}),
  };
}

/** A completed CPT 64615 chemodenervation (a chronic-migraine Botox cycle) on E+offset. */
export function botoxProcedure(offset: number): Procedure {
  return {
    resourceType: 'Procedure',
    id: nextId('botox'),
    status: 'completed',
    subject: { reference: 'Patient/p1' },
    code: {
      coding: [
        { system: 'http://www.ama-assn.org/go/cpt', code: '64615', display: 'Chemodenervation for chronic migraine' },
      ],
    },
    performedDateTime: addDays(E, offset),
    reasonCode: [{ coding: [{ system: ICD10, code: 'G43.709' }] }],
  };
}

/** The migraine diagnosis most patients in scope carry. */
export const chronicMigraineDx = (recordedDaysAgo = 200) =>
  condition({ code: 'G43.709', display: 'Chronic migraine without aura' }, { recorded: daysAgo(recordedDaysAgo) });
