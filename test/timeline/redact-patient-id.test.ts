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

test('a short id is removed from every resource id that embeds it, and from text where it stands as a word', () => {
  const value = {
    evidence: ['Observation/p1234-diary-29', 'MedicationStatement/ms-p1234', 'Observation/xp1234y', 'Patient/p1234'],
    text: 'Diary of p1234 (Observation/p1234-diary-3); p12345 and ap1234 are other words',
  };
  expect(redactPatientId(value, 'p1234')).toEqual({
    evidence: [
      'Observation/[patient]-diary-29',
      'MedicationStatement/ms-[patient]',
      'Observation/x[patient]y',
      'Patient',
    ],
    text: 'Diary of [patient] (Observation/[patient]-diary-3); p12345 and ap1234 are other words',
  });
});

test("an all-digit short id is removed from resource ids, not from the page's counts and dates", () => {
  expect(redactPatientId(['Observation/12-diary-3', 'Headache days 12 in 2026-10-12 to 2026-11-12'], '12')).toEqual([
    'Observation/[patient]-diary-3',
    'Headache days 12 in 2026-10-12 to 2026-11-12',
  ]);
});
