import { describe, expect, test } from 'vitest';
import { cdsRequestEnvelope, contextSchemas } from '../../src/cds/schemas/request.ts';

/** CDS Hooks 2.0 "Request": the envelope and context rules, at the schema (the HTTP side: test/http). */
const envelope = {
  hook: 'patient-view',
  hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
  fhirServer: 'https://fhir.example.org/r4',
  fhirAuthorization: {
    access_token: 'opaque',
    token_type: 'Bearer',
    expires_in: 300,
    scope: 'user/*.read',
    subject: 'migraine-cds',
  },
  context: {},
};
const withTokenType = (token_type: string) => ({
  ...envelope,
  fhirAuthorization: { ...envelope.fhirAuthorization, token_type },
});

describe('request envelope', () => {
  test('token_type is Bearer in any letter case (RFC 6750), nothing else', () => {
    for (const type of ['Bearer', 'bearer', 'BEARER']) {
      expect(cdsRequestEnvelope.safeParse(withTokenType(type)).success, type).toBe(true);
    }
    for (const type of ['Basic', 'MAC', 'DPoP', 'Bearer ', '']) {
      expect(cdsRequestEnvelope.safeParse(withTokenType(type)).success, type).toBe(false);
    }
  });

  test('hookInstance is a UUID in either case; any other string is refused', () => {
    const ok = (hookInstance: string) => cdsRequestEnvelope.safeParse({ ...envelope, hookInstance }).success;
    expect(ok('D1577C69-DFBE-44AD-BA6D-3E05E953B2EA')).toBe(true);
    expect(ok('38fbf25a-a835-407c-a578-d046554bc2b5')).toBe(true);
    for (const bad of [
      'not-a-uuid',
      'a1b2c3',
      'd1577c69dfbe44adba6d3e05e953b2ea',
      '{d1577c69-dfbe-44ad-ba6d-3e05e953b2ea}',
    ]) {
      expect(ok(bad), bad).toBe(false);
    }
  });
});

describe('hook context', () => {
  const pv = contextSchemas['patient-view'];
  test('userId is a relative reference Type/id', () => {
    for (const userId of [
      'Practitioner/COREPRACTITIONER1',
      'PractitionerRole/pr-1',
      'Patient/p.1',
      'RelatedPerson/x',
    ]) {
      expect(pv.safeParse({ userId, patientId: 'p1' }).success, userId).toBe(true);
    }
    for (const userId of [
      'COREPRACTITIONER1',
      'Practitioner/',
      '/1',
      'Practitioner/a/b',
      'practitioner/1',
      'https://ehr.example.org/Practitioner/1',
    ]) {
      expect(pv.safeParse({ userId, patientId: 'p1' }).success, userId).toBe(false);
    }
  });

  test('order-select selections are Type/id references', () => {
    const os = contextSchemas['order-select'];
    const context = (selections: string[]) => ({
      userId: 'Practitioner/1',
      patientId: 'p1',
      selections,
      draftOrders: { resourceType: 'Bundle', entry: [{ resource: { resourceType: 'MedicationRequest', id: 'm-1' } }] },
    });
    expect(os.safeParse(context(['MedicationRequest/m-1'])).success).toBe(true);
    for (const bad of ['m-1', 'MedicationRequest/', 'MedicationRequest/m 1']) {
      expect(os.safeParse(context([bad])).success, bad).toBe(false);
    }
  });
});
