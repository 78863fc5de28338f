import { expect, test } from 'vitest';
import { analyzeToxin } from '../../src/engine/toxin/analyze-toxin.ts';
import {
  administration,
  ctxFor,
  daysAgo,
  HCPCS,
  icd,
  recordOf,
  statement,
  text,
} from '../support/medication-builders.ts';

const summary = (resources: Parameters<typeof recordOf>[0]) =>
  analyzeToxin(recordOf(resources), ctxFor()).findings.find((f) => f.id === 'other-botulinum-toxin')?.summary;

// clinical-rules 5 and 11.16: BOTOX for another indication is the same product.
test('BOTOX for another indication counts toward the 400 U, without the "not interchangeable" line', () => {
  const dystonia = administration('completed', {
    medication: HCPCS('J0585'),
    dateTime: daysAgo(40),
    units: 200,
    reasonCode: [icd('G24.3', 'Cervical dystonia')],
  });
  expect(summary([dystonia])).toBe(
    `Other botulinum toxin within 84 days: BOTOX 200 U for Cervical dystonia on ${daysAgo(40)}: counts toward the 400 U per 3 months.`,
  );
});

test('a missing dose says "dose not recorded"; no reason and no cosmetic product says "another indication"', () => {
  const bladder = statement('completed', {
    medication: text('BOTOX 100 unit vial'),
    dateTime: daysAgo(20),
    reasonCode: [{ text: 'overactive bladder' }],
  });
  expect(summary([bladder])).toContain(`BOTOX (dose not recorded) for overactive bladder on ${daysAgo(20)}`);
  const unnamed = statement('completed', {
    medication: text('BOTOX Cosmetic'),
    dateTime: daysAgo(20),
    reasonCode: [{ coding: [{ system: 'http://example.org/local', code: 'X1' }] }],
  });
  expect(summary([unnamed])).toContain('BOTOX Cosmetic (dose not recorded) for cosmetic on');
});

test('cosmetic use names its dose, the sites when recorded, and the date 12 weeks after it', () => {
  const cosmetic = statement('completed', {
    medication: text('BOTOX Cosmetic'),
    dateTime: daysAgo(30),
    dosage: [{ text: '20 units', site: { text: 'glabellar lines' } }],
  });
  expect(summary([cosmetic])).toBe(
    `Other botulinum toxin within 84 days: BOTOX Cosmetic 20 U for cosmetic on ${daysAgo(30)} (sites: glabellar lines; 12 weeks after: ${daysAgo(30 - 84)}): counts toward the 400 U per 3 months.`,
  );
});

test('other products keep "Units are not interchangeable between products"', () => {
  const dysport = administration('completed', { medication: HCPCS('J0586'), dateTime: daysAgo(30) });
  expect(summary([dysport])).toMatch(
    /abobotulinumtoxinA \(Dysport\) on .*\. Units are not interchangeable between products\.$/,
  );
  const cosmetic = administration('completed', {
    medication: text('BOTOX Cosmetic'),
    dateTime: daysAgo(30),
    units: 20,
  });
  expect(summary([dysport, cosmetic])).toContain('Units are not interchangeable between products.');
  expect(summary([cosmetic])).not.toContain('interchangeable');
});
