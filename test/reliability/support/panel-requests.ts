import { randomUUID } from 'node:crypto';
import type { Resource } from '@medplum/fhirtypes';
import { type FixturePatient, fixturePanel } from '../../../fhir-fixtures/index.ts';
import { draftBotoxMedicationRequest } from '../../../src/cds/cards/botox-order-resources.ts';
import { orderRequest, patientViewRequest } from '../../support/cds-requests.ts';

export const SERVICES = {
  candidacy: '/cds-services/botox-candidacy',
  orderSelect: '/cds-services/botox-order-select',
  orderSign: '/cds-services/botox-order-sign',
  feedback: '/cds-services/botox-candidacy/feedback',
} as const;

export type Route = keyof typeof SERVICES;

/** The fixture panel at E, with each patient's resources unpacked from its bundle. */
export function panelAt(evaluationDate: string): (FixturePatient & { resources: Resource[] })[] {
  return fixturePanel(evaluationDate).patients.map((p) => ({
    ...p,
    resources: (p.bundle.entry ?? []).map((e) => e.resource).filter((r): r is Resource => !!r),
  }));
}

/** A well-formed request for `route` about one fixture patient, as an EHR would send it. */
export function requestFor(route: Route, patient: { id: string; resources: Resource[] }, now = new Date()): unknown {
  const draft = draftBotoxMedicationRequest(patient.id, 155, 'draft-botox');
  switch (route) {
    case 'candidacy':
      return patientViewRequest(patient.resources, patient.id);
    case 'orderSelect':
      return orderRequest('order-select', patient.resources, [draft], { patientId: patient.id });
    case 'orderSign':
      return orderRequest('order-sign', patient.resources, [draft], { patientId: patient.id });
    case 'feedback':
      return {
        feedback: [
          {
            card: randomUUID(),
            outcome: 'overridden',
            overrideReason: {
              reason: { system: 'http://example.org/override-reason', code: 'patient-declined' },
              userComment: 'Patient prefers to wait',
            },
            outcomeTimestamp: now.toISOString(),
          },
          {
            card: randomUUID(),
            outcome: 'accepted',
            acceptedSuggestions: [{ id: randomUUID() }],
            outcomeTimestamp: now.toISOString(),
          },
        ],
      };
  }
}
