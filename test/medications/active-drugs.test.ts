import { describe, expect, test } from 'vitest';
import { SYSTEMS } from '../../src/engine/fhir/codeable-concept.ts';
import { analyzePreventives } from '../../src/engine/medications/analyze-preventives.ts';
import {
  administration,
  ctxFor,
  daysAgo,
  E,
  recordOf,
  request,
  statement,
  text,
} from '../support/medication-builders.ts';

const IV = { coding: [{ system: SYSTEMS.snomed, code: '47625008', display: 'Intravenous route' }] };
const ORAL = { coding: [{ system: SYSTEMS.snomed, code: '26643006', display: 'Oral route' }] };

function findings(resources: Parameters<typeof recordOf>[0]) {
  return analyzePreventives(recordOf(resources), ctxFor(), {}).findings;
}
const ids = (resources: Parameters<typeof recordOf>[0]) => findings(resources).map((f) => f.id);

describe('concurrent-cgrp', () => {
  test.each([
    [
      'active statement, open period',
      statement('active', { medication: text('Aimovig 140 mg/mL'), start: daysAgo(200) }),
      true,
    ],
    [
      'active statement whose period ended',
      statement('active', { medication: text('Aimovig'), start: daysAgo(200), end: daysAgo(1) }),
      false,
    ],
    [
      'completed statement',
      statement('completed', { medication: text('erenumab'), start: daysAgo(200), end: daysAgo(100) }),
      false,
    ],
    [
      'active request authored 90 days ago',
      request('active', { medication: text('Qulipta 60 MG Oral Tablet'), authoredOn: daysAgo(90) }),
      true,
    ],
    [
      'active request authored 91 days ago',
      request('active', { medication: text('Qulipta 60 MG Oral Tablet'), authoredOn: daysAgo(91) }),
      false,
    ],
    [
      'galcanezumab given 60 days ago',
      administration('completed', { medication: text('Emgality 120 MG/ML'), dateTime: daysAgo(60) }),
      true,
    ],
    [
      'galcanezumab given 61 days ago',
      administration('completed', { medication: text('Emgality 120 MG/ML'), dateTime: daysAgo(61) }),
      false,
    ],
    [
      'eptinezumab IV given 180 days ago',
      administration('completed', { medication: text('Vyepti 100 mg IV'), dateTime: daysAgo(180) }),
      true,
    ],
    [
      'fremanezumab given 181 days ago',
      administration('completed', { medication: text('Ajovy'), dateTime: daysAgo(181) }),
      false,
    ],
    [
      'rimegepant (not atogepant) active',
      statement('active', { medication: text('Nurtec ODT'), start: daysAgo(20) }),
      false,
    ],
  ])('%s -> %s', (_n, resource, raised) => {
    expect(ids([resource]).includes('concurrent-cgrp')).toBe(raised);
  });

  // clinical-rules 2.2: "monthly CGRP antibodies 60 days, quarterly fremanezumab ... 180 days".
  describe('fremanezumab: the window follows the dose given', () => {
    const UCUM = 'http://unitsofmeasure.org';
    const ajovy = (ago: number, dose?: number, unit = 'mg') =>
      administration('completed', {
        medication: text('fremanezumab-vfrm 225 MG/1.5ML Prefilled Syringe'),
        dateTime: daysAgo(ago),
        ...(dose !== undefined ? { units: dose, doseUnit: unit } : {}),
      });
    test.each([
      ['monthly 225 mg given 60 days ago', true, [ajovy(60, 225)]],
      ['monthly 225 mg given 61 days ago', false, [ajovy(61, 225)]],
      ['monthly 225 mg given 100 days ago', false, [ajovy(100, 225)]],
      ['quarterly 675 mg given 100 days ago', true, [ajovy(100, 675)]],
      ['quarterly 675 mg given 180 days ago', true, [ajovy(180, 675)]],
      ['quarterly 675 mg given 181 days ago', false, [ajovy(181, 675)]],
      [
        'quarterly 675 mg as three 225 mg injections the same day, 100 days ago',
        true,
        [225, 225, 225].map((mg) => ajovy(100, mg)),
      ],
      ['225 mg plus a same-day injection of unknown dose, 100 days ago', true, [ajovy(100, 225), ajovy(100)]],
      ['dose not recorded, 100 days ago (the longer window)', true, [ajovy(100)]],
      [
        '0.675 g, 100 days ago',
        true,
        [{ ...ajovy(100), dosage: { dose: { value: 0.675, unit: 'g', system: UCUM, code: 'g' } } }],
      ],
      ['dose in mL only (1.5 mL), 100 days ago (the longer window)', true, [ajovy(100, 1.5, 'mL')]],
      ['an unlisted dose (450 mg), 100 days ago (the longer window)', true, [ajovy(100, 450)]],
    ])('%s -> %s', (_n, raised, resources) => {
      expect(ids(resources).includes('concurrent-cgrp')).toBe(raised);
    });
  });

  test('the finding is a caution with evidence, and the drug also counts as a trial', () => {
    const st = statement('active', { id: 'cgrp', medication: text('Aimovig 140 mg/mL'), start: daysAgo(200) });
    const res = analyzePreventives(recordOf([st]), ctxFor(), {});
    expect(res.findings[0]).toMatchObject({
      id: 'concurrent-cgrp',
      severity: 'caution',
      evidence: ['MedicationStatement/cgrp'],
    });
    expect(res.trials[0]).toMatchObject({ ingredient: 'erenumab', outcome: 'ongoing' });
  });
});

describe('neuromuscular-blocking-drug', () => {
  test.each([
    [
      'IV gentamicin given 14 days ago',
      administration('completed', {
        medication: text('gentamicin 40 MG/ML Injectable Solution'),
        dateTime: daysAgo(14),
        route: IV,
      }),
      true,
    ],
    [
      'IV gentamicin given 15 days ago',
      administration('completed', {
        medication: text('gentamicin 40 MG/ML Injectable Solution'),
        dateTime: daysAgo(15),
        route: IV,
      }),
      false,
    ],
    [
      'inhaled tobramycin, active statement',
      statement('active', { medication: text('tobramycin 300 MG per 5 ML Inhalation Solution'), start: daysAgo(100) }),
      true,
    ],
    [
      'tobramycin eye drops',
      statement('active', { medication: text('tobramycin 0.3% Ophthalmic Solution'), start: daysAgo(5) }),
      false,
    ],
    [
      'oral neomycin',
      request('active', {
        medication: text('neomycin sulfate 500 MG'),
        authoredOn: daysAgo(3),
        dosage: [{ route: ORAL }],
      }),
      false,
    ],
    [
      'amikacin, route not stated, completed 10 days ago',
      statement('completed', { medication: text('amikacin'), start: daysAgo(20), end: daysAgo(10) }),
      true,
    ],
    [
      'amikacin ended 15 days ago',
      statement('completed', { medication: text('amikacin'), start: daysAgo(25), end: daysAgo(15) }),
      false,
    ],
    [
      'oral magnesium oxide (not sulfate)',
      statement('active', { medication: text('magnesium oxide 400 MG Oral Tablet'), start: daysAgo(100) }),
      false,
    ],
    [
      'clindamycin gel',
      statement('active', { medication: text('clindamycin 1% topical gel'), start: daysAgo(10) }),
      false,
    ],
    [
      'oral clindamycin',
      request('active', { medication: text('clindamycin 300 MG Oral Capsule'), authoredOn: daysAgo(3) }),
      true,
    ],
  ])('%s -> %s', (_n, resource, raised) => {
    expect(ids([resource]).includes('neuromuscular-blocking-drug')).toBe(raised);
  });

  test('an unstated route is said in the summary', () => {
    const [f] = findings([
      statement('completed', { id: 'ak', medication: text('amikacin'), start: daysAgo(20), end: daysAgo(10) }),
    ]);
    expect(f).toMatchObject({ severity: 'caution', evidence: ['MedicationStatement/ak'] });
    expect(f?.summary).toMatch(/route not stated/);
  });

  test('nothing is raised for an empty record', () => {
    expect(findings([])).toEqual([]);
    expect(E).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
