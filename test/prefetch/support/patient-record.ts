import type { Bundle, Resource } from '@medplum/fhirtypes';

/** `evaluationDate` minus `days`, as YYYY-MM-DD. */
export function daysBefore(evaluationDate: string, days: number): string {
  const d = new Date(`${evaluationDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export const PATIENT_ID = 'cm-candidate-1';

/**
 * A small, realistic FHIR R4 record for one adult with chronic migraine: a diary of monthly headache-day counts,
 * two failed preventives, an allergy, and another patient's data that must never be returned. Dates relative to E.
 */
export function chronicMigraineRecord(evaluationDate: string, diaryMonths = 3): Resource[] {
  const subject = { reference: `Patient/${PATIENT_ID}` };
  const resources: Resource[] = [
    {
      resourceType: 'Patient',
      id: PATIENT_ID,
      active: true,
      name: [{ use: 'official', family: 'Okafor', given: ['Adaeze', 'N'] }],
      gender: 'female',
      birthDate: daysBefore(evaluationDate, 38 * 365),
    },
    {
      resourceType: 'Patient',
      id: 'other-patient',
      name: [{ family: 'Other', given: ['Someone'] }],
      gender: 'male',
      birthDate: daysBefore(evaluationDate, 50 * 365),
    },
    {
      resourceType: 'Condition',
      id: 'cm-dx',
      clinicalStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
      },
      verificationStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }],
      },
      category: [
        {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' }],
        },
      ],
      code: {
        coding: [
          { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'G43.709', display: 'Chronic migraine without aura' },
        ],
      },
      subject,
      onsetDateTime: daysBefore(evaluationDate, 400),
      recordedDate: daysBefore(evaluationDate, 200),
    },
    {
      resourceType: 'Condition',
      id: 'other-dx',
      clinicalStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
      },
      code: { coding: [{ system: 'http://snomed.info/sct', code: '38341003', display: 'Hypertension' }] },
      subject: { reference: 'Patient/other-patient' },
    },
    {
      resourceType: 'AllergyIntolerance',
      id: 'pcn-allergy',
      clinicalStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }],
      },
      code: {
        coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '7980', display: 'Penicillin G' }],
      },
      patient: subject,
    },
  ];
  for (const [i, rx] of [
    ['38404', 'Topiramate'],
    ['1202', 'Amitriptyline'],
  ].entries()) {
    resources.push({
      resourceType: 'MedicationStatement',
      id: `preventive-${i}`,
      status: 'stopped',
      medicationCodeableConcept: {
        coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: rx[0], display: rx[1] }],
      },
      subject,
      effectivePeriod: {
        start: daysBefore(evaluationDate, 300 - i * 120),
        end: daysBefore(evaluationDate, 200 - i * 120),
      },
      statusReason: [{ text: 'Ineffective after an adequate trial' }],
    });
  }
  for (let m = 0; m < diaryMonths; m++) {
    resources.push({
      resourceType: 'Observation',
      id: `headache-days-${m}`,
      status: 'final',
      category: [
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }] },
      ],
      code: {
        coding: [{ system: 'http://snomed.info/sct', code: '1187606006', display: 'Headache days per month' }],
        text: 'Headache days in the last 30 days',
      },
      subject,
      effectivePeriod: { start: daysBefore(evaluationDate, 30 * (m + 1)), end: daysBefore(evaluationDate, 30 * m + 1) },
      valueQuantity: { value: 16 + (m % 4), unit: 'days', system: 'http://unitsofmeasure.org', code: 'd' },
    });
  }
  return resources;
}

/** A searchset of the given resources, as a client would prefetch it. */
export function searchset(resources: Resource[]): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    ...(resources.length ? { entry: resources.map((resource) => ({ resource, search: { mode: 'match' } })) } : {}),
  } as Bundle;
}
