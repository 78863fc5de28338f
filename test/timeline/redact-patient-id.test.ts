import { expect, test } from 'vitest';
import { redactPatientId } from '../../src/timeline/redact-patient-id.ts';

test('a patient reference becomes "Patient" and a long id inside another resource id becomes [patient]', () => {
  const value = { evidence: ['Patient/cm-minor', 'Observation/cm-minor-diary-3', 'Condition/other'], n: 3, ok: true };
  expect(redactPatientId(value, 'cm-minor')).toEqual({
    evidence: ['Patient', 'Observation/[patient]-diary-3', 'Condition/other'],
    n: 3,
    ok: true,
  });
});

test('a short id is removed only as Patient/<id>, so dates and counts that contain it survive', () => {
  const value = ['Patient/12', 'Patient/123', 'Headache days 12 in 2026-10-12 to 2026-11-12'];
  expect(redactPatientId(value, '12')).toEqual([
    'Patient',
    'Patient/123',
    'Headache days 12 in 2026-10-12 to 2026-11-12',
  ]);
});

test('regular-expression characters in an id are taken literally', () => {
  expect(redactPatientId('Patient/a.b+c and Patient/aXb+c', 'a.b+c')).toBe('Patient and Patient/aXb+c');
});
