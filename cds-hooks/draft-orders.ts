import type { Bundle, MedicationRequest, ServiceRequest } from '@medplum/fhirtypes';
import {
  BOTOX_THERAPEUTIC,
  CPT_64615,
  INTRAMUSCULAR,
  MIGRAINE_REASON,
  units,
} from '../fhir-fixtures/builders/codes.ts';
import { practitionerRef } from '../fhir-fixtures/builders/people.ts';

/**
 * The drafts of one Botox order for chronic migraine, as an EHR order set holds them: the BOTOX MedicationRequest
 * (HCPCS J0585, dose in `doseAndRate.doseQuantity`) and the CPT 64615 ServiceRequest. No occurrence date: the
 * service judges them "if given today" (D = E).
 */
export function botoxDraftOrders(
  patientId: string,
  o: { key: string; dose: number; authoredOn: string },
): { medicationRequest: MedicationRequest; serviceRequest: ServiceRequest; bundle: Bundle } {
  const subject = { reference: `Patient/${patientId}` };
  const medicationRequest: MedicationRequest = {
    resourceType: 'MedicationRequest',
    id: `draft-botox-${o.key}`,
    status: 'draft',
    intent: 'order',
    medicationCodeableConcept: BOTOX_THERAPEUTIC,
    subject,
    authoredOn: o.authoredOn,
    requester: practitionerRef,
    reasonCode: [MIGRAINE_REASON],
    dosageInstruction: [
      {
        text: `${o.dose} Units IM, 5 Units at each of ${Math.round(o.dose / 5)} sites`,
        route: INTRAMUSCULAR,
        doseAndRate: [{ doseQuantity: units(o.dose) }],
      },
    ],
    dispenseRequest: { quantity: { value: Math.ceil(o.dose / 100), unit: 'vial' } },
  };
  const serviceRequest: ServiceRequest = {
    resourceType: 'ServiceRequest',
    id: `draft-chemodenervation-${o.key}`,
    status: 'draft',
    intent: 'order',
    code: { coding: [CPT_64615], text: 'OnabotulinumtoxinA injections for chronic migraine (PREEMPT)' },
    subject,
    authoredOn: o.authoredOn,
    requester: practitionerRef,
    reasonCode: [MIGRAINE_REASON],
  };
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [{ resource: medicationRequest }, { resource: serviceRequest }],
  };
  return { medicationRequest, serviceRequest, bundle };
}
