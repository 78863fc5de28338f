import { describe, expect, test } from 'vitest';
import { analyzePreventives } from '../../src/engine/medications/analyze-preventives.ts';
import {
  allergy,
  condition,
  ctxFor,
  daysAgo,
  E,
  HYPERTENSION_REASON,
  MIGRAINE_REASON,
  medication,
  outcomeCode,
  recordOf,
  request,
  rx,
  statement,
  text,
} from '../support/medication-builders.ts';

const TOPIRAMATE = rx('38404', 'topiramate');
const PROPRANOLOL_TAB = text('Propranolol HCl 40 MG Oral Tablet');
const AMITRIPTYLINE = rx('704', 'amitriptyline');

function analyze(resources: Parameters<typeof recordOf>[0], measuredFrom?: string, policy = ctxFor()) {
  return analyzePreventives(
    recordOf(resources),
    policy,
    measuredFrom ? { chronicMigraineMeasuredFrom: measuredFrom } : {},
  );
}

describe('which records are trials', () => {
  test.each([
    ['MedicationStatement active', statement('active', { medication: TOPIRAMATE, start: daysAgo(100) }), 'ongoing'],
    [
      'MedicationStatement completed',
      statement('completed', { medication: TOPIRAMATE, start: daysAgo(200), end: daysAgo(100) }),
      'unknown',
    ],
    [
      'MedicationStatement stopped with intolerance',
      statement('stopped', {
        medication: TOPIRAMATE,
        start: daysAgo(200),
        end: daysAgo(190),
        statusReason: [outcomeCode('intolerance')],
      }),
      'intolerance',
    ],
    [
      'MedicationStatement on-hold (outcome unknown)',
      statement('on-hold', {
        medication: TOPIRAMATE,
        start: daysAgo(200),
        statusReason: [outcomeCode('inadequate-response')],
      }),
      'unknown',
    ],
    ['MedicationStatement unknown', statement('unknown', { medication: TOPIRAMATE, start: daysAgo(200) }), 'unknown'],
    [
      'MedicationStatement not-taken, contraindicated',
      statement('not-taken', { medication: TOPIRAMATE, statusReason: [outcomeCode('contraindicated')] }),
      'contraindicated',
    ],
    ['MedicationRequest active', request('active', { medication: TOPIRAMATE, authoredOn: daysAgo(10) }), 'ongoing'],
    [
      'MedicationRequest completed',
      request('completed', { medication: TOPIRAMATE, authoredOn: daysAgo(200) }),
      'unknown',
    ],
    ['MedicationRequest stopped', request('stopped', { medication: TOPIRAMATE, authoredOn: daysAgo(200) }), 'unknown'],
  ])('%s is a trial', (_name, resource, outcome) => {
    const { trials } = analyze([resource]);
    expect(trials).toHaveLength(1);
    expect(trials[0]?.outcome).toBe(outcome);
  });

  test.each([
    ['MedicationStatement intended', statement('intended', { medication: TOPIRAMATE, start: daysAgo(10) })],
    [
      'MedicationStatement entered-in-error',
      statement('entered-in-error', { medication: TOPIRAMATE, start: daysAgo(100) }),
    ],
    ['MedicationStatement not-taken without contraindication', statement('not-taken', { medication: TOPIRAMATE })],
    ['MedicationRequest draft', request('draft', { medication: TOPIRAMATE, authoredOn: daysAgo(10) })],
    [
      'MedicationRequest entered-in-error',
      request('entered-in-error', { medication: TOPIRAMATE, authoredOn: daysAgo(100) }),
    ],
    [
      'non-migraine reason (propranolol for hypertension)',
      statement('active', { medication: PROPRANOLOL_TAB, start: daysAgo(300), reasonCode: [HYPERTENSION_REASON] }),
    ],
    ['acute drug (sumatriptan)', statement('active', { medication: rx('37418', 'sumatriptan'), start: daysAgo(300) })],
    [
      'rimegepant as needed',
      statement('active', {
        medication: text('Nurtec ODT 75 MG'),
        start: daysAgo(300),
        dosage: [{ text: '75 mg as needed for migraine' }],
      }),
    ],
    [
      'timolol eye drops',
      statement('active', { medication: text('timolol maleate 0.5% Ophthalmic Solution'), start: daysAgo(300) }),
    ],
    ['unrelated drug', statement('active', { medication: text('metformin 500 MG Oral Tablet'), start: daysAgo(300) })],
  ])('%s is not a trial', (_name, resource) => {
    expect(analyze([resource]).trials).toEqual([]);
  });

  test('a non-migraine reason is listed as unused, with the reason', () => {
    const res = analyze([
      statement('active', {
        id: 'bb',
        medication: PROPRANOLOL_TAB,
        start: daysAgo(300),
        reasonCode: [HYPERTENSION_REASON],
      }),
    ]);
    expect(res.notes).toContainEqual(expect.objectContaining({ kind: 'unused', evidence: ['MedicationStatement/bb'] }));
    expect(res.notes[0]?.text).toMatch(/hypertension/i);
  });

  test('a migraine reason next to another reason keeps the trial', () => {
    const res = analyze([
      statement('active', {
        medication: PROPRANOLOL_TAB,
        start: daysAgo(300),
        reasonCode: [HYPERTENSION_REASON, MIGRAINE_REASON],
      }),
    ]);
    expect(res.trials).toHaveLength(1);
  });

  test('rimegepant every other day, or for prevention, is a cgrp-pathway trial', () => {
    const eod = statement('active', {
      medication: text('rimegepant 75 MG ODT'),
      start: daysAgo(100),
      dosage: [{ timing: { repeat: { frequency: 1, period: 2, periodUnit: 'd' } } }],
    });
    const prevention = request('completed', {
      medication: text('Nurtec ODT'),
      authoredOn: daysAgo(300),
      reasonCode: [text('Migraine prevention')],
    });
    const res = analyze([eod, prevention]);
    expect(res.trials.map((t) => [t.ingredient, t.class])).toEqual([
      ['rimegepant', 'cgrp-pathway'],
      ['rimegepant', 'cgrp-pathway'],
    ]);
  });
});

// clinical-rules 6: rimegepant is a preventive "only every other day": a coded timing says so without any words.
describe('rimegepant every other day by coded timing', () => {
  test.each([
    ['v3-GTSAbbreviation QOD', 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation'],
    ['QOD under the STU3 system URL', 'http://hl7.org/fhir/v3/GTSAbbreviation'],
  ])('%s, no text, is a trial', (_n, system) => {
    const res = analyze([
      statement('active', {
        medication: text('rimegepant 75 MG ODT'),
        start: daysAgo(100),
        dosage: [{ timing: { code: { coding: [{ system, code: 'QOD' }] } } }],
      }),
    ]);
    expect(res.trials.map((t) => [t.ingredient, t.class])).toEqual([['rimegepant', 'cgrp-pathway']]);
    expect(res.notes).toEqual([]);
  });

  test('repeat 1 per 2 d on a request is a trial; a coded daily timing is not', () => {
    const eod = request('active', {
      medication: text('Nurtec ODT 75 MG'),
      authoredOn: daysAgo(40),
      dosage: [{ timing: { repeat: { frequency: 1, period: 2, periodUnit: 'd' } } }],
    });
    expect(analyze([eod]).trials).toHaveLength(1);
    const qd = statement('active', {
      medication: text('rimegepant 75 MG ODT'),
      start: daysAgo(100),
      dosage: [
        {
          timing: {
            code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation', code: 'QD' }] },
          },
        },
      ],
    });
    expect(analyze([qd]).trials).toEqual([]);
  });
});

describe('dates and length', () => {
  test('request end = authoredOn + supply x (1 + repeats)', () => {
    const [t] = analyze([
      request('completed', { medication: TOPIRAMATE, authoredOn: daysAgo(300), supplyDays: 30, repeats: 2 }),
    ]).trials;
    expect(t).toMatchObject({ start: daysAgo(300), end: daysAgo(210), lengthDays: 90 });
  });

  test('request without a supply duration lasts 30 days', () => {
    const [t] = analyze([request('completed', { medication: TOPIRAMATE, authoredOn: daysAgo(300) })]).trials;
    expect(t?.lengthDays).toBe(30);
  });

  test('an active statement runs to E; a completed one without an end has unknown length', () => {
    const active = analyze([statement('active', { medication: TOPIRAMATE, dateTime: daysAgo(75) })]).trials[0];
    expect(active).toMatchObject({ end: E, lengthDays: 75 });
    const done = analyze([statement('completed', { medication: TOPIRAMATE, dateTime: daysAgo(75) })]).trials[0];
    expect(done?.end).toBeUndefined();
    expect(done?.lengthDays).toBeUndefined();
  });

  test('an end after E is capped at E', () => {
    const [t] = analyze([
      request('active', { medication: TOPIRAMATE, authoredOn: daysAgo(20), supplyDays: 90 }),
    ]).trials;
    expect(t?.end).toBe(E);
  });

  test('a month-precision date is ignored and listed', () => {
    const res = analyze([
      statement('completed', {
        medication: TOPIRAMATE,
        start: daysAgo(300).slice(0, 7),
        statusReason: [outcomeCode('intolerance')],
      }),
    ]);
    expect(res.trials[0]?.start).toBeUndefined();
    expect(res.notes.some((n) => n.kind === 'unused' && /precise/.test(n.text))).toBe(true);
  });

  test.each([
    [30, 1],
    [31, 2],
  ])('records %i days apart make %i episode(s)', (gap, episodes) => {
    const first = request('completed', { medication: TOPIRAMATE, authoredOn: daysAgo(400), supplyDays: 30 });
    const secondStart = daysAgo(400 - 30 - gap);
    const second = statement('stopped', {
      medication: TOPIRAMATE,
      start: secondStart,
      end: daysAgo(200),
      statusReason: [outcomeCode('inadequate-response')],
    });
    const { trials } = analyze([first, second]);
    expect(trials).toHaveLength(episodes);
    if (episodes === 1)
      expect(trials[0]).toMatchObject({
        start: daysAgo(400),
        end: daysAgo(200),
        lengthDays: 200,
        outcome: 'inadequate-response',
      });
  });

  test('overlapping request and statement merge; the statement outcome wins', () => {
    const req = request('stopped', {
      medication: TOPIRAMATE,
      authoredOn: daysAgo(200),
      supplyDays: 90,
      statusReason: [outcomeCode('contraindicated')],
    });
    const st = statement('stopped', {
      medication: text('Topamax 50 mg'),
      start: daysAgo(190),
      end: daysAgo(120),
      statusReason: [outcomeCode('inadequate-response')],
    });
    const { trials } = analyze([req, st]);
    expect(trials).toHaveLength(1);
    expect(trials[0]).toMatchObject({ outcome: 'inadequate-response', matchedBy: 'code', lengthDays: 90 });
  });
});

describe('failed trials', () => {
  test.each([
    ['inadequate response after 59 days', 'inadequate-response', 59, false],
    ['inadequate response after 60 days', 'inadequate-response', 60, true],
    ['intolerance after 10 days', 'intolerance', 10, true],
    ['contraindicated after 1 day', 'contraindicated', 1, true],
  ] as const)('%s -> failed %s', (_n, outcome, days, failed) => {
    const [t] = analyze([
      statement('stopped', {
        medication: TOPIRAMATE,
        start: daysAgo(300),
        end: daysAgo(300 - days),
        statusReason: [outcomeCode(outcome)],
      }),
    ]).trials;
    expect(t).toMatchObject({ lengthDays: days, failed, inferred: false });
  });

  test('site text in statusReason maps to an outcome', () => {
    const [t] = analyze([
      statement('stopped', {
        medication: TOPIRAMATE,
        start: daysAgo(300),
        end: daysAgo(290),
        statusReason: [text('Stopped: side effects (paresthesia)')],
      }),
    ]).trials;
    expect(t).toMatchObject({ outcome: 'intolerance', failed: true });
  });

  test('an active allergy to the ingredient means intolerance; a resolved one does not', () => {
    const st = statement('completed', { medication: AMITRIPTYLINE, start: daysAgo(300), end: daysAgo(280) });
    expect(analyze([st, allergy(text('Amitriptyline'), { id: 'al' })]).trials[0]).toMatchObject({
      outcome: 'intolerance',
      failed: true,
      evidence: [`MedicationStatement/${st.id}`, 'AllergyIntolerance/al'],
    });
    expect(analyze([st, allergy(text('Amitriptyline'), { clinicalStatus: 'resolved' })]).trials[0]?.outcome).toBe(
      'unknown',
    );
  });
});

describe('inferred failure of an ongoing trial', () => {
  const ongoing = (days: number, reason = true) =>
    statement('active', {
      medication: TOPIRAMATE,
      start: daysAgo(days),
      ...(reason ? { reasonCode: [MIGRAINE_REASON] } : {}),
    });

  test.each([
    ['on the drug 90 days, diary W1 starts 60 days after start', 90, true, daysAgo(30), {}, true],
    ['W1 starts 59 days after start', 89, true, daysAgo(30), {}, false],
    ['no migraine reason', 90, false, daysAgo(30), {}, false],
    ['no migraine reason, policy allows it', 90, false, daysAgo(30), { inferFailureWithoutMigraineReason: true }, true],
    ['inferred failures not allowed', 90, true, daysAgo(30), { allowInferredFailures: false }, false],
    ['chronic migraine not met by a diary', 90, true, undefined, {}, false],
  ] as const)('%s', (_n, days, reason, measuredFrom, policy, inferred) => {
    const res = analyze([ongoing(days, reason)], measuredFrom, ctxFor(policy));
    expect(res.trials[0]).toMatchObject({ outcome: 'ongoing', failed: inferred, inferred });
    expect(res.notes.some((n) => n.kind === 'inferred' && /confirm with the patient/.test(n.text))).toBe(inferred);
  });

  test('a reasonReference to a migraine Condition is a migraine reason', () => {
    const cm = condition(MIGRAINE_REASON, { id: 'cm' });
    const st = statement('active', {
      medication: TOPIRAMATE,
      start: daysAgo(120),
      reasonReference: [{ reference: 'Condition/cm' }],
    });
    expect(analyze([cm, st], daysAgo(30)).trials[0]?.inferred).toBe(true);
  });
});

describe('the preventive-failures criterion', () => {
  const failedTopiramate = statement('stopped', {
    id: 'topi',
    medication: TOPIRAMATE,
    start: daysAgo(400),
    end: daysAgo(380),
    statusReason: [outcomeCode('intolerance')],
  });
  const failedPropranolol = statement('stopped', {
    id: 'prop',
    medication: PROPRANOLOL_TAB,
    start: daysAgo(300),
    end: daysAgo(200),
    statusReason: [outcomeCode('inadequate-response')],
  });
  const failedValproate = statement('stopped', {
    medication: text('Depakote ER 500 mg'),
    start: daysAgo(600),
    end: daysAgo(500),
    statusReason: [outcomeCode('inadequate-response')],
  });
  const unknownAmitriptyline = statement('completed', {
    id: 'ami',
    medication: AMITRIPTYLINE,
    start: daysAgo(900),
    end: daysAgo(800),
  });
  const shortVenlafaxine = statement('stopped', {
    medication: text('venlafaxine'),
    start: daysAgo(900),
    end: daysAgo(870),
    statusReason: [outcomeCode('inadequate-response')],
  });

  test('no trial at all -> unknown, with what to document', () => {
    const { criterion } = analyze([]);
    expect(criterion).toMatchObject({ id: 'preventive-failures', basis: ['coverage'], status: 'unknown' });
    expect(criterion.missing?.[0]).toMatch(/Document preventive trials/);
  });

  test('two failures in two classes -> met, with evidence', () => {
    const { criterion } = analyze([failedTopiramate, failedPropranolol]);
    expect(criterion.status).toBe('met');
    expect(criterion.evidence).toEqual(['MedicationStatement/topi', 'MedicationStatement/prop']);
  });

  test('two failures in one class -> unmet under default when nothing else could count', () => {
    expect(analyze([failedTopiramate, failedValproate]).criterion.status).toBe('unmet');
    expect(
      analyze([failedTopiramate, failedValproate], undefined, ctxFor({}, { policy: 'nice-ta260' })).criterion.status,
    ).toBe('unmet');
  });

  test('a trial with an unknown outcome keeps it unknown and is listed as missing', () => {
    const { criterion } = analyze([failedTopiramate, unknownAmitriptyline]);
    expect(criterion.status).toBe('unknown');
    expect(criterion.missing?.some((m) => m.startsWith('amitriptyline') && /document the outcome/.test(m))).toBe(true);
  });

  test('one short inadequate trial and nothing else -> unmet', () => {
    expect(analyze([failedTopiramate, shortVenlafaxine]).criterion.status).toBe('unmet');
  });

  test('the same ingredient twice counts once', () => {
    const again = statement('stopped', {
      medication: TOPIRAMATE,
      start: daysAgo(100),
      end: daysAgo(90),
      statusReason: [outcomeCode('intolerance')],
    });
    expect(analyze([failedTopiramate, again]).criterion.status).toBe('unmet');
  });

  test('CGRP antibodies and gepants are one class unless the policy splits them', () => {
    const aimovig = statement('stopped', {
      medication: text('Aimovig 70 mg/mL autoinjector'),
      start: daysAgo(400),
      end: daysAgo(300),
      statusReason: [outcomeCode('inadequate-response')],
    });
    const qulipta = statement('stopped', {
      medication: text('Qulipta 60 mg tablet'),
      start: daysAgo(250),
      end: daysAgo(150),
      statusReason: [outcomeCode('inadequate-response')],
    });
    expect(analyze([aimovig, qulipta]).criterion.status).toBe('unmet');
    expect(analyze([aimovig, qulipta], undefined, ctxFor({ cgrpPathwayOneClass: false })).criterion.status).toBe('met');
  });

  test('payer-strict needs three failures', () => {
    const res = analyze([failedTopiramate, failedPropranolol], undefined, ctxFor({}, { policy: 'payer-strict' }));
    expect(res.criterion.status).toBe('unmet');
  });
});

describe('messy medication data', () => {
  test('a contained Medication is resolved', () => {
    const st = statement('stopped', {
      medicationReference: { reference: '#med1' },
      contained: [medication('med1', { text: 'Topiramate 25 MG Oral Tablet' })],
      start: daysAgo(300),
      end: daysAgo(200),
      statusReason: [outcomeCode('inadequate-response')],
    });
    expect(analyze([st]).trials[0]).toMatchObject({ ingredient: 'topiramate', matchedBy: 'name', failed: true });
  });

  test('a medicationReference to an included Medication is resolved, by code', () => {
    const med = medication('m-nadolol', rx('7226', 'nadolol'));
    const st = request('completed', {
      medicationReference: { reference: 'Medication/m-nadolol' },
      authoredOn: daysAgo(200),
      supplyDays: 90,
    });
    expect(analyze([med, st]).trials[0]).toMatchObject({
      ingredient: 'nadolol',
      class: 'beta-blocker',
      matchedBy: 'code',
      lengthDays: 90,
    });
  });

  test('an unresolvable reference still matches by its display', () => {
    const st = statement('active', {
      medicationReference: { reference: 'Medication/missing', display: 'Emgality 120 mg/mL pen' },
      start: daysAgo(40),
    });
    expect(analyze([st]).trials[0]).toMatchObject({ ingredient: 'galcanezumab', matchedBy: 'name' });
  });

  // clinical-rules 6: "say in the card which way each drug matched".
  test('the criterion says which trials matched by name, and not for those matched by code', () => {
    const byName = statement('stopped', {
      medication: text('Topamax 50 mg tablet'),
      start: daysAgo(500),
      end: daysAgo(400),
      statusReason: [outcomeCode('inadequate-response')],
    });
    const byCode = statement('stopped', {
      medication: AMITRIPTYLINE,
      start: daysAgo(300),
      end: daysAgo(200),
      statusReason: [outcomeCode('inadequate-response')],
    });
    const { summary } = analyze([byName, byCode]).criterion;
    expect(summary).toContain(`topiramate (matched by name) ${daysAgo(500)} to ${daysAgo(400)}, 100 days`);
    expect(summary).toContain(`amitriptyline ${daysAgo(300)} to`);
    expect(summary).not.toMatch(/amitriptyline \(matched by name\)/);
  });

  test('names match as whole words only', () => {
    expect(analyze([statement('active', { medication: text('Xtopiramatex'), start: daysAgo(10) })]).trials).toEqual([]);
  });
});
