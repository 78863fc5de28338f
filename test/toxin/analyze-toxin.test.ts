import { describe, expect, test } from 'vitest';
import { analyzeToxin } from '../../src/engine/toxin/analyze-toxin.ts';
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
