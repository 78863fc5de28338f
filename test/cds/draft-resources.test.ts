import { expect, test } from 'vitest';
import {
  draftBotoxMedicationRequest,
  draftChemodenervation,
  draftHeadacheReferral,
} from '../../src/cds/cards/botox-order-resources.ts';
import { r4Errors } from '../support/fhir-validation.ts';

test('suggested draft orders are valid R4 resources referencing the patient', () => {
  for (const resource of [
    draftBotoxMedicationRequest('p1', 155),
    draftChemodenervation('p1'),
    draftHeadacheReferral('p1', 'reason'),
  ]) {
    expect(r4Errors(resource), resource.resourceType).toEqual([]);
    expect((resource as { subject?: { reference?: string } }).subject?.reference).toBe('Patient/p1');
  }
});

test('the validator catches an invalid resource (so the check above can fail)', () => {
  expect(r4Errors({ resourceType: 'MedicationRequest', status: 'draft' } as never).length).toBeGreaterThan(0);
});
