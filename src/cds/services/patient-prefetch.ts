import type { PrefetchKeySpec } from '../../prefetch/types.ts';

/**
 * What every service asks for. Only CDS Hooks 2.0 tokens and the allowed query subset (search by patient);
 * codes and dates are filtered in code, because sites code their diaries differently.
 */
export const PATIENT_RECORD_PREFETCH = {
  patient: { template: 'Patient/{{context.patientId}}', required: true, label: 'patient' },
  conditions: { template: 'Condition?patient={{context.patientId}}', required: false, label: 'conditions' },
  observations: {
    template: 'Observation?patient={{context.patientId}}',
    required: false,
    label: 'observations (headache diary)',
  },
  medicationStatements: {
    template: 'MedicationStatement?patient={{context.patientId}}',
    required: false,
    label: 'medication statements',
  },
  medicationRequests: {
    template: 'MedicationRequest?patient={{context.patientId}}',
    required: false,
    label: 'medication orders',
  },
  medicationAdministrations: {
    template: 'MedicationAdministration?patient={{context.patientId}}',
    required: false,
    label: 'medication administrations',
  },
  procedures: { template: 'Procedure?patient={{context.patientId}}', required: false, label: 'procedures' },
  allergies: { template: 'AllergyIntolerance?patient={{context.patientId}}', required: false, label: 'allergies' },
  // AdverseEvent has no `patient` search parameter in R4: `subject` with the bare id, as for the other keys.
  adverseEvents: {
    template: 'AdverseEvent?subject={{context.patientId}}',
    required: false,
    label: 'adverse events',
  },
} as const satisfies Record<string, PrefetchKeySpec>;

export type PatientRecordKey = keyof typeof PATIENT_RECORD_PREFETCH;
