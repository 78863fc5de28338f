import { describe, expect, test } from 'vitest';
import { fillPrefetchTemplate } from '../../src/prefetch/prefetch-template.ts';

const context = { userId: 'Practitioner/COREPRACTITIONER1', patientId: 'smart-1288992', encounterId: 'enc-89284' };

describe('prefetch templates (CDS Hooks 2.0 tokens only)', () => {
  test('context tokens are replaced by the bare id', () => {
    expect(fillPrefetchTemplate('Condition?patient={{context.patientId}}', context)).toEqual({
      ok: true,
      query: 'Condition?patient=smart-1288992',
    });
    expect(fillPrefetchTemplate('Encounter/{{context.encounterId}}', context)).toMatchObject({
      query: 'Encounter/enc-89284',
    });
  });

  test('user tokens come from context.userId when its type matches', () => {
    expect(fillPrefetchTemplate('Practitioner/{{userPractitionerId}}', context)).toMatchObject({
      query: 'Practitioner/COREPRACTITIONER1',
    });
    expect(fillPrefetchTemplate('Patient/{{userPatientId}}', context)).toMatchObject({ ok: false });
  });

  test('values are URL-encoded', () => {
    expect(fillPrefetchTemplate('Observation?subject={{context.userId}}', context)).toMatchObject({
      query: 'Observation?subject=Practitioner%2FCOREPRACTITIONER1',
    });
  });

  test('a missing context field, a 3.0 function or a nested path is refused, not guessed', () => {
    const { encounterId: _, ...noEncounter } = context;
    expect(fillPrefetchTemplate('Encounter/{{context.encounterId}}', noEncounter)).toEqual({
      ok: false,
      reason: 'the prefetch template needs context.encounterId, which the request did not give',
    });
    expect(fillPrefetchTemplate('Observation?date=ge{{today()}}', context)).toMatchObject({ ok: false });
    expect(fillPrefetchTemplate('MedicationRequest/{{context.draftOrders.entry}}', context)).toMatchObject({
      ok: false,
    });
  });
});
