import { validateResource } from '@medplum/core';
import type { MedicationRequest, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { SYSTEMS } from '../../engine/fhir/codeable-concept.ts';
import { ensureStructureDefinitionsIndexed } from '../../fhir-server/fhir-definitions.ts';

const CHRONIC_MIGRAINE_REASON = {
  coding: [
    {
      system: SYSTEMS.icd10cm,
      code: 'G43.709',
      display: 'Chronic migraine without aura, not intractable, without status migrainosus',
    },
  ],
  text: 'Chronic migraine',
};

/** A draft CPT 64615 chemodenervation order (the procedure of a chronic-migraine cycle). */
export function draftChemodenervation(patientId: string, occurrence?: string): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    status: 'draft',
    intent: 'order',
    code: {
      coding: [
        {
          system: SYSTEMS.cpt,
          code: '64615',
          display:
            'Chemodenervation of muscle(s); muscle(s) innervated by facial, trigeminal, cervical spinal and accessory nerves, bilateral (eg, for chronic migraine)',
        },
      ],
      text: 'OnabotulinumtoxinA injection for chronic migraine (PREEMPT, 31 sites)',
    },
    subject: { reference: `Patient/${patientId}` },
    reasonCode: [CHRONIC_MIGRAINE_REASON],
    ...(occurrence ? { occurrenceDateTime: occurrence } : {}),
  };
}

/** A draft onabotulinumtoxinA order at `units` (label dose 155 U, 5 U at each of 31 sites). */
export function draftBotoxMedicationRequest(patientId: string, units: number, id?: string): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    ...(id ? { id } : {}),
    status: 'draft',
    intent: 'order',
    medicationCodeableConcept: {
      coding: [{ system: SYSTEMS.hcpcs, code: 'J0585', display: 'Injection, onabotulinumtoxinA, 1 unit' }],
      text: 'onabotulinumtoxinA (BOTOX) for chronic migraine',
    },
    subject: { reference: `Patient/${patientId}` },
    reasonCode: [CHRONIC_MIGRAINE_REASON],
    dosageInstruction: [
      {
        text: `${units} Units IM, 5 Units at each of ${Math.round(units / 5)} sites (PREEMPT paradigm)`,
        route: { coding: [{ system: SYSTEMS.snomed, code: '78421000', display: 'Intramuscular route' }] },
        doseAndRate: [{ doseQuantity: { value: units, unit: 'U', system: 'http://unitsofmeasure.org', code: 'U' } }],
      },
    ],
  };
}

/** A draft referral to a headache specialist, offered when an order is not supported by the record. */
export function draftHeadacheReferral(patientId: string, reason: string): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    status: 'draft',
    intent: 'order',
    code: {
      coding: [{ system: SYSTEMS.snomed, code: '3457005', display: 'Patient referral' }],
      text: 'Referral to a headache specialist (neurology)',
    },
    subject: { reference: `Patient/${patientId}` },
    reasonCode: [{ text: reason.slice(0, 240) }],
  };
}

/**
 * The errors Medplum's validator finds in `resource` against the R4 base definitions (as test/support/fhir-validation.ts
 * checks every suggested resource), empty when it is valid R4. For a resource built from the EHR's own draft: a field
 * of the wrong type there (`"intent": 5`) must not reach an `update`. The definitions are indexed on first use (about
 * 0.7 s of blocking JSON parsing, once per process, shared with the embedded FHIR server).
 * Never throws: a validator failure counts as an error.
 */
export function r4ValidationErrors(resource: Resource): string[] {
  try {
    ensureStructureDefinitionsIndexed();
    return validateResource(resource)
      .filter((i) => i.severity === 'error')
      .map((i) => i.details?.text ?? i.diagnostics ?? 'error');
  } catch (error) {
    return [error instanceof Error ? error.message : 'validation failed'];
  }
}
