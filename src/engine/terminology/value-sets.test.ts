import { expect, test } from 'vitest';
import { matchValueSet } from './value-set-match.ts';
import { allValueSets, valueSet } from './value-sets.ts';

test('every value set file loads and validates', () => {
  expect(allValueSets().size).toBeGreaterThanOrEqual(10);
});

test('ICD-10-CM prefix codes match with or without the dot', () => {
  const cm = valueSet('chronic-migraine');
  expect(matchValueSet({ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'G43.709' }] }, cm)?.by).toBe(
    'code',
  );
  expect(matchValueSet({ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'G43709' }] }, cm)?.by).toBe(
    'code',
  );
  expect(
    matchValueSet({ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'G43.009' }] }, cm),
  ).toBeUndefined();
});

test('text matches when no code does, and exclusions win', () => {
  expect(matchValueSet({ text: 'Chronic migraine w/o aura' }, valueSet('chronic-migraine'))?.by).toBe('text');
  expect(matchValueSet({ text: 'Medication-overuse headache' }, valueSet('migraine'))).toBeUndefined();
  expect(matchValueSet({ text: 'Not pregnant' }, valueSet('pregnancy-conditions'))).toBeUndefined();
});
