import { describe, expect, test } from 'vitest';
import { analyzeToxin } from '../../src/engine/toxin/analyze-toxin.ts';
import { unitsInText } from '../../src/engine/toxin/toxin-units.ts';
import {
  administration,
  CPT,
  condition,
  ctxFor,
  daysAgo,
  E,
  HCPCS,
  HYPERTENSION_REASON,
  icd,
  MIGRAINE_REASON,
  medication,
  procedure,
  recordOf,
  statement,
  text,
} from '../support/medication-builders.ts';

const cycleProc = (ago: number, id?: string) => procedure(CPT('64615'), daysAgo(ago), id ? { id } : {});
const botox = (ago: number, o: Parameters<typeof administration>[1] = {}) =>
  administration('completed', { medication: HCPCS('J0585'), dateTime: daysAgo(ago), units: 155, ...o });
const analyze = (resources: Parameters<typeof recordOf>[0], at?: string, policy = ctxFor()) =>
  analyzeToxin(recordOf(resources), policy, at);

describe('chronic-migraine cycles', () => {
  test('a completed 64615 Procedure is a cycle; next eligible = last record + 84 days', () => {
    const res = analyze([cycleProc(30, 'p1')]);
    expect(res.cycles).toEqual([
      {
        date: daysAgo(30),
        lastRecordDate: daysAgo(30),
        nextEligible: daysAgo(30 - 84),
        indicationInferred: false,
        evidence: ['Procedure/p1'],
      },
    ]);
  });

  test.each([
    ['BOTOX with a migraine reason', [botox(20, { reasonCode: [MIGRAINE_REASON] })], 1, false],
    [
      'BOTOX with a 64615 procedure the next day',
      [botox(20, { reasonCode: [HYPERTENSION_REASON] }), cycleProc(19)],
      1,
      false,
    ],
    ['BOTOX with no reason and no other indication', [botox(20)], 1, true],
    [
      'BOTOX with no reason but an active dystonia Condition',
      [botox(20), condition(icd('G24.3', 'Spasmodic torticollis'))],
      0,
      false,
    ],
    [
      'BOTOX with no reason and a resolved dystonia Condition',
      [botox(20), condition(icd('G24.3', 'Spasmodic torticollis'), { clinicalStatus: 'resolved' })],
      1,
      true,
    ],
    ['BOTOX for overactive bladder', [botox(20, { reasonCode: [icd('N32.81', 'Overactive bladder')] })], 0, false],
    [
      'bare botulinum toxin type A for migraine',
      [botox(20, { medication: text('botulinum toxin type A'), reasonCode: [MIGRAINE_REASON] })],
      0,
      false,
    ],
    ['BOTOX Cosmetic', [botox(20, { medication: text('BOTOX Cosmetic') })], 0, false],
    [
      'BOTOX administration not completed',
      [
        administration('in-progress', {
          medication: HCPCS('J0585'),
          dateTime: daysAgo(20),
          reasonCode: [MIGRAINE_REASON],
        }),
      ],
      0,
      false,
    ],
    [
      '64615 Procedure entered in error',
      [procedure(CPT('64615'), daysAgo(20), { status: 'entered-in-error' })],
      0,
      false,
    ],
    [
      'BOTOX by https HCPCS system',
      [botox(20, { medication: HCPCS('J0585', true), reasonCode: [MIGRAINE_REASON] })],
      1,
      false,
    ],
  ] as const)('%s -> %i cycle(s)', (_n, resources, count, inferred) => {
    const res = analyze([...resources]);
    expect(res.cycles).toHaveLength(count);
    if (count) expect(res.cycles[0]?.indicationInferred).toBe(inferred);
  });

  test('a BOTOX administration via a contained Medication counts', () => {
    const a = administration('completed', {
      medicationReference: { reference: '#botox' },
      contained: [medication('botox', { text: 'BOTOX (onabotulinumtoxinA) 100 Unit vial' })],
      dateTime: daysAgo(10),
      reasonCode: [MIGRAINE_REASON],
    });
    expect(analyze([a]).cycles).toHaveLength(1);
  });

  test('a BOTOX administration via an included Medication counts', () => {
    const a = administration('completed', {
      medicationReference: { reference: 'Medication/bx' },
      dateTime: daysAgo(10),
    });
    expect(analyze([medication('bx', HCPCS('J0585')), a]).cycles).toHaveLength(1);
  });

  test.each([
    [6, 1],
    [7, 2],
  ])('records %i days after a cycle start make %i cycle(s)', (gap, count) => {
    const res = analyze([cycleProc(100), botox(100 - gap, { reasonCode: [MIGRAINE_REASON] })]);
    expect(res.cycles).toHaveLength(count);
    if (count === 1)
      expect(res.cycles[0]).toMatchObject({
        date: daysAgo(100),
        lastRecordDate: daysAgo(100 - gap),
        nextEligible: daysAgo(100 - gap - 84),
      });
  });

  test('records dated after E or without a date are listed, not counted', () => {
    const res = analyze([procedure(CPT('64615'), daysAgo(-3)), procedure(CPT('64615'), undefined)]);
    expect(res.cycles).toEqual([]);
    expect(res.notes.map((n) => n.kind).sort()).toEqual(['data-error', 'unused']);
    expect(res.findings).toEqual([]);
  });
});

describe('course', () => {
  test.each([
    [180, true],
    [181, false],
  ])('last cycle %i days before E -> active %s', (ago, active) => {
    const res = analyze([cycleProc(ago + 90), cycleProc(ago)]);
    expect(res.course?.active).toBe(active);
    expect(res.previouslyTreated).toEqual(active ? undefined : { cycles: 2, last: daysAgo(ago) });
  });

  test.each([
    [180, 4],
    [181, 3],
  ])('a gap of %i days between the first two cycles -> latest course of %i cycles', (gap, count) => {
    const res = analyze([cycleProc(gap + 200), cycleProc(200), cycleProc(110), cycleProc(20)]);
    expect(res.cycles).toHaveLength(4);
    expect(res.course?.cycles).toHaveLength(count);
    expect(res.course?.first).toBe(count === 4 ? daysAgo(gap + 200) : daysAgo(200));
  });

  test.each([
    [83, false, false],
    [84, true, false],
    [112, true, false],
    [113, true, true],
  ])('last cycle %i days ago -> due %s, overdue %s', (ago, due, overdue) => {
    const res = analyze([cycleProc(ago + 90), cycleProc(ago)]);
    expect(res.course).toMatchObject({
      active: true,
      due,
      overdue,
      first: daysAgo(ago + 90),
      second: daysAgo(ago),
      nextEligible: daysAgo(ago - 84),
    });
  });
});

describe('other botulinum toxin', () => {
  test.each([
    [83, true],
    [84, true],
    [85, false],
  ])('BOTOX Cosmetic %i days before E -> caution %s', (ago, raised) => {
    const res = analyze([
      administration('completed', { id: 'cos', medication: text('BOTOX Cosmetic'), dateTime: daysAgo(ago), units: 20 }),
    ]);
    expect(res.otherToxinUses).toEqual([
      {
        date: daysAgo(ago),
        product: 'BOTOX Cosmetic (onabotulinumtoxinA)',
        evidence: ['MedicationAdministration/cos'],
      },
    ]);
    expect(res.findings.map((f) => f.id)).toEqual(raised ? ['other-botulinum-toxin'] : []);
    if (raised)
      expect(res.findings[0]).toMatchObject({ severity: 'caution', evidence: ['MedicationAdministration/cos'] });
  });

  test('judged at the planned date D for orders', () => {
    const res = analyze(
      [administration('completed', { medication: HCPCS('J0588'), dateTime: daysAgo(85) })],
      daysAgo(1),
    );
    expect(res.findings.map((f) => f.id)).toEqual(['other-botulinum-toxin']);
  });

  test('an undated patient-reported statement says "date unknown"', () => {
    const res = analyze([statement('completed', { id: 'pr', medication: text('Dysport') })]);
    expect(res.findings[0]?.summary).toMatch(/date unknown/);
    expect(res.findings[0]?.evidence).toEqual(['MedicationStatement/pr']);
  });

  test('an undated statement asserted before the window is not raised', () => {
    const res = analyze([statement('completed', { medication: text('Dysport'), dateAsserted: daysAgo(200) })]);
    expect(res.findings).toEqual([]);
  });

  // clinical-rules 2: "An effectivePeriod marks every date from start to end (only the start date when there is no
  // end)"; 3: other toxin use dated <= 84 days before E (D for orders).
  test.each([
    [20, true],
    [84, true],
    [85, false],
  ])('a completed statement over E-200 to E-%i is dated by its last day -> caution %s', (endAgo, raised) => {
    const res = analyze([
      statement('completed', { id: 'per', medication: text('Dysport'), start: daysAgo(200), end: daysAgo(endAgo) }),
    ]);
    expect(res.findings.map((f) => f.id)).toEqual(raised ? ['other-botulinum-toxin'] : []);
    if (raised)
      expect(res.findings[0]?.summary).toContain(
        `from ${daysAgo(200)} to ${daysAgo(endAgo)} (last day ${endAgo} days before)`,
      );
    expect(res.otherToxinUses).toEqual([
      {
        date: daysAgo(200),
        through: daysAgo(endAgo),
        product: 'abobotulinumtoxinA (Dysport)',
        evidence: ['MedicationStatement/per'],
      },
    ]);
  });

  test('an active statement with an open period is in use up to E, and up to D for orders; a completed one only on its start day', () => {
    const open = (status: 'active' | 'completed') =>
      statement(status, { id: 'open', medication: text('Dysport'), start: daysAgo(200) });
    const res = analyze([open('active')]);
    expect(res.findings.map((f) => f.summary)).toEqual([expect.stringContaining(`since ${daysAgo(200)}`)]);
    expect(res.findings[0]?.evidence).toEqual(['MedicationStatement/open']);
    expect(analyze([open('active')], daysAgo(-30)).findings.map((f) => f.id)).toEqual(['other-botulinum-toxin']);
    expect(analyze([open('completed')]).findings).toEqual([]);
  });

  test('an active undated statement says "date unknown" whatever its dateAsserted', () => {
    const res = analyze([statement('active', { id: 'act', medication: text('Dysport'), dateAsserted: daysAgo(100) })]);
    expect(res.findings.map((f) => f.summary)).toEqual([
      expect.stringContaining(`abobotulinumtoxinA (Dysport) (date unknown, reported ${daysAgo(100)})`),
    ]);
  });

  test.each([['64616'], ['64642'], ['52287']])('chemodenervation CPT %s is other toxin use', (code) => {
    const res = analyze([procedure(CPT(code), daysAgo(30))]);
    expect(res.cycles).toEqual([]);
    expect(res.findings.map((f) => f.id)).toEqual(['other-botulinum-toxin']);
  });

  test('BOTOX for migraine is never other toxin use', () => {
    expect(analyze([cycleProc(30), botox(30)]).findings).toEqual([]);
  });
});

describe('cumulative onabotulinumtoxinA units', () => {
  test('adds BOTOX and BOTOX Cosmetic units in (at - days, at], never other products', () => {
    const res = analyze([
      botox(83, { id: 'b83', units: 155, reasonCode: [MIGRAINE_REASON] }),
      botox(84, { id: 'b84', units: 100, reasonCode: [MIGRAINE_REASON] }),
      administration('completed', { id: 'cos', medication: text('Botox Cosmetic'), dateTime: daysAgo(10), units: 40 }),
      administration('completed', { id: 'dys', medication: HCPCS('J0586'), dateTime: daysAgo(10), units: 300 }),
    ]);
    expect(res.onabotulinumUnits(E, 84)).toEqual({
      units: 195,
      evidence: ['MedicationAdministration/b83', 'MedicationAdministration/cos'],
      unknownDose: [],
    });
  });

  test('a 64615 visit with its administration is counted once; alone its dose is unknown', () => {
    expect(analyze([cycleProc(30, 'p'), botox(30, { id: 'a', units: 155 })]).onabotulinumUnits(E, 84)).toEqual({
      units: 155,
      evidence: ['MedicationAdministration/a'],
      unknownDose: [],
    });
    expect(analyze([cycleProc(30, 'p')]).onabotulinumUnits(E, 84)).toEqual({
      units: 0,
      evidence: [],
      unknownDose: ['Procedure/p'],
    });
  });

  test('a dose in mL or missing is unknown', () => {
    const res = analyze([
      botox(30, { id: 'ml', units: 1.55, doseUnit: 'mL' }),
      botox(40, { id: 'none', units: undefined }),
    ]);
    expect(res.onabotulinumUnits(E, 84)).toMatchObject({
      units: 0,
      unknownDose: ['MedicationAdministration/ml', 'MedicationAdministration/none'],
    });
  });
});

describe('cumulative onabotulinumtoxinA units of a use recorded over a period', () => {
  const dose50: NonNullable<Parameters<typeof statement>[1]>['dosage'] = [
    { doseAndRate: [{ doseQuantity: { value: 50, unit: 'U', system: 'http://unitsofmeasure.org', code: '[U]' } }] },
  ];
  const cosmetic = (status: 'completed' | 'active', o: Parameters<typeof statement>[1]) =>
    statement(status, { id: 'cos', medication: text('BOTOX Cosmetic'), dosage: dose50, ...o });

  // Counted once when any part of the period falls in (at - 84, at]: the period does not say which day it was given.
  test('a statement over a period counts its dose once when any part of the period is in (at - 84, at]', () => {
    const units = (s: ReturnType<typeof cosmetic>) => analyze([s]).onabotulinumUnits(E, 84);
    const counted = { units: 50, evidence: ['MedicationStatement/cos'], unknownDose: [] };
    const none = { units: 0, evidence: [], unknownDose: [] };
    expect(units(cosmetic('completed', { start: daysAgo(200), end: daysAgo(20) }))).toEqual(counted);
    expect(units(cosmetic('completed', { start: daysAgo(200), end: daysAgo(83) }))).toEqual(counted);
    expect(units(cosmetic('completed', { start: daysAgo(200), end: daysAgo(84) }))).toEqual(none);
    expect(units(cosmetic('active', { start: daysAgo(300) }))).toEqual(counted);
    // A completed statement with no end marks its start day only.
    expect(units(cosmetic('completed', { start: daysAgo(300) }))).toEqual(none);
  });

  test('an active undated statement is a dose of unknown date whatever its dateAsserted', () => {
    expect(analyze([cosmetic('active', { dateAsserted: daysAgo(200) })]).onabotulinumUnits(E, 84)).toEqual({
      units: 0,
      evidence: [],
      unknownDose: ['MedicationStatement/cos'],
    });
    expect(
      analyze([cosmetic('completed', { dateAsserted: daysAgo(200) })]).onabotulinumUnits(E, 84).unknownDose,
    ).toEqual([]);
  });
});

describe('BOTOX for migraine that is not a cycle record (clinical-rules 2.3, 5)', () => {
  const units155 = [
    { doseAndRate: [{ doseQuantity: { value: 155, unit: 'U', system: 'http://unitsofmeasure.org', code: 'U' } }] },
  ];

  test('a statement of BOTOX for migraine adds its units to the cumulative dose, never a cycle or other toxin use', () => {
    const reported = statement('completed', {
      id: 'st',
      medication: HCPCS('J0585'),
      dateTime: daysAgo(30),
      reasonCode: [MIGRAINE_REASON],
      dosage: units155,
    });
    const res = analyze([reported]);
    expect(res.onabotulinumUnits(E, 84)).toEqual({ units: 155, evidence: ['MedicationStatement/st'], unknownDose: [] });
    expect(res.cycles).toEqual([]);
    expect(res.otherToxinUses).toEqual([]);
    expect(res.findings).toEqual([]);
    expect(res.notes.map((n) => n.text)).toEqual([expect.stringMatching(/not counted as a cycle/)]);
  });

  test('a BOTOX statement with no reason is read like an administration: for migraine unless another indication is on file', () => {
    const reported = () =>
      statement('completed', { id: 'st', medication: HCPCS('J0585'), dateTime: daysAgo(30), dosage: units155 });
    const inferred = analyze([reported()]);
    expect(inferred.otherToxinUses).toEqual([]);
    expect(inferred.findings).toEqual([]);
    expect(inferred.onabotulinumUnits(E, 84).units).toBe(155);
    expect(inferred.notes.map((n) => n.text)).toEqual([
      expect.stringMatching(/indication inferred.*not counted as a cycle/),
    ]);
    const dystonia = analyze([reported(), condition(icd('G24.3', 'Spasmodic torticollis'))]);
    expect(dystonia.otherToxinUses.map((u) => u.evidence)).toEqual([['MedicationStatement/st']]);
    expect(dystonia.onabotulinumUnits(E, 84).units).toBe(155);
  });

  test.each([['in-progress'], ['stopped'], ['on-hold'], ['unknown']] as const)(
    'a BOTOX for migraine administration %s: not a cycle, not other toxin use; its units count',
    (status) => {
      const res = analyze([
        administration(status, {
          id: 'ma',
          medication: HCPCS('J0585'),
          dateTime: daysAgo(10),
          units: 155,
          reasonCode: [MIGRAINE_REASON],
        }),
      ]);
      expect(res.cycles).toEqual([]);
      expect(res.otherToxinUses).toEqual([]);
      expect(res.findings).toEqual([]);
      expect(res.onabotulinumUnits(E, 84)).toEqual({
        units: 155,
        evidence: ['MedicationAdministration/ma'],
        unknownDose: [],
      });
      expect(res.notes.map((n) => n.text)).toEqual([expect.stringContaining(`status ${status}`)]);
      expect(res.notes[0]?.text).not.toMatch(/other/i);
    },
  );

  test('a stopped BOTOX administration with no reason (indication inferable) is not other toxin use either', () => {
    const res = analyze([administration('stopped', { medication: HCPCS('J0585'), dateTime: daysAgo(10), units: 60 })]);
    expect([res.cycles, res.findings]).toEqual([[], []]);
    expect(res.onabotulinumUnits(E, 84).units).toBe(60);
  });

  test.each([['not-done'], ['entered-in-error']] as const)('a BOTOX administration %s counts nowhere', (status) => {
    const res = analyze([
      administration(status, {
        medication: HCPCS('J0585'),
        dateTime: daysAgo(10),
        units: 155,
        reasonCode: [MIGRAINE_REASON],
      }),
    ]);
    expect([res.cycles, res.findings, res.notes]).toEqual([[], [], []]);
    expect(res.onabotulinumUnits(E, 84)).toEqual({ units: 0, evidence: [], unknownDose: [] });
  });
});

describe('units stated in text (clinical-rules 5: never the vial size)', () => {
  test.each([
    ['155 Units IM; reconstitute one 200 Unit vial with 4 mL saline', 155],
    ['vial of 200 units: inject 155 units', 155],
    ['155 U from a 200-unit vial', 155],
    ['155 U IM (100U vial x2)', 155],
    ['BOTOX 200 units per vial; 155 units IM', 155],
    ['reconstitute 200 units with 4 mL; 155 units IM', 155],
    ['5 units at each of 31 sites', 155],
    ['5 U x 40 sites', 200],
    ['155 units: 5 units at each of 31 sites', 155],
    ['195 units (155 units + 40 units follow-the-pain)', 195],
    ['200 Unit vial', undefined],
  ])('%s -> %s', (text, units) => {
    expect(unitsInText(text)).toBe(units);
  });

  test('an administration whose text names the vial counts the dose, not the vial', () => {
    const a = {
      ...botox(20, { id: 'a', units: undefined }),
      dosage: { text: '155 Units IM; reconstituted one 200 Unit vial' },
    };
    expect(analyze([a]).onabotulinumUnits(E, 84)).toEqual({
      units: 155,
      evidence: ['MedicationAdministration/a'],
      unknownDose: [],
    });
  });
});
