import { expect, test } from 'vitest';
import { classifyToxinProduct } from '../../src/engine/toxin/toxin-product.ts';
import { HCPCS, medication, NDC, text } from '../support/medication-builders.ts';

test.each([
  ['HCPCS J0585', HCPCS('J0585'), 'botox-therapeutic', 'code'],
  ['HCPCS J0585 with the https system', HCPCS('J0585', true), 'botox-therapeutic', 'code'],
  ['NDC 00023-1145-01 (BOTOX 100 U)', NDC('00023-1145-01'), 'botox-therapeutic', 'code'],
  ['NDC 0023-9232-01 (BOTOX Cosmetic)', NDC('0023-9232-01'), 'botox-cosmetic', 'code'],
  ['NDC 00023923201 unhyphenated (BOTOX Cosmetic)', NDC('00023923201'), 'botox-cosmetic', 'code'],
  ['text BOTOX 200 Units', text('BOTOX 200 Units vial'), 'botox-therapeutic', 'name'],
  ['text onabotulinumtoxinA', text('onabotulinumtoxinA 100 unit injection'), 'botox-therapeutic', 'name'],
  ['text BOTOX Cosmetic', text('Botox Cosmetic 50 units'), 'botox-cosmetic', 'name'],
  ['J0586 Dysport', HCPCS('J0586'), 'other-toxin', 'code'],
  ['J0587 Myobloc', HCPCS('J0587'), 'other-toxin', 'code'],
  ['J0588 Xeomin', HCPCS('J0588'), 'other-toxin', 'code'],
  ['text daxibotulinumtoxinA', text('Daxxify (daxibotulinumtoxinA-lanm)'), 'other-toxin', 'name'],
  ['bare botulinum toxin type A', text('Botulinum toxin type A'), 'ambiguous-toxin', 'name'],
] as const)('%s -> %s by %s', (_n, concept, kind, matchedBy) => {
  expect(classifyToxinProduct(concept)).toMatchObject({ kind, matchedBy });
});

test('a code wins over a misleading text', () => {
  expect(classifyToxinProduct({ ...HCPCS('J0586'), text: 'Botox' })?.kind).toBe('other-toxin');
});

test('a referenced Medication is classified by its code', () => {
  expect(classifyToxinProduct(undefined, medication('m1', HCPCS('J0585')))?.kind).toBe('botox-therapeutic');
});

test('other drugs and no concept are not toxins', () => {
  expect(classifyToxinProduct(text('topiramate 25 MG'))).toBeUndefined();
  expect(classifyToxinProduct(undefined)).toBeUndefined();
});
