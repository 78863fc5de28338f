import type { MedicationAdministration, MedicationStatement, Observation } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { assessCandidacy } from '../../../src/engine/assess-candidacy.ts';
import { analyzeDiary } from '../../../src/engine/diary/analyze-diary.ts';
import { acuteDrugClass } from '../../../src/engine/medications/acute-records.ts';
import { buildPatientRecord } from '../../../src/engine/patient-record.ts';
import { loadPolicy } from '../../../src/engine/policy/load-policy.ts';
import { candidateRecord } from '../../support/candidate-record.ts';
import { DiaryBuilder, diaryRecord, evaluationContext } from '../../support/diary-builders.ts';
import { condition, E } from '../../support/record-builders.ts';

const NOT_ASSESSED = 'medication overuse not assessed: no acute-medication data in the last 90 days';

/** `n` records of `value` in each of W1-W3 (the first n dates of each window, newest window first). */
function perWindow(d: DiaryBuilder, counts: number[], value: string): Observation[] {
  return counts.flatMap((n, i) => [...Array(n).keys()].map((k) => d.acuteTaken(-30 * i - 29 + k, value)));
}

const diary = (d: DiaryBuilder) => d.months([[18], [17], [19]]);

describe('daily acute-medication records decide overuse (clinical-rules 2.1, 11.4-11.6)', () => {
  test('a triptan on 12-21 days a month in a daily diary: medication overuse', () => {
    const d = new DiaryBuilder(E);
    const r = analyzeDiary(diaryRecord([...diary(d), ...perWindow(d, [12, 21, 15], 'triptan')]), evaluationContext(E));
    expect(r.medicationOveruse?.summary).toContain('triptan on 12 days');
    expect(r.medicationOveruseAssessment).toMatchObject({ assessedBy: 'daily-records', windowsWithRecords: 3 });
    expect(r.medicationOveruseAssessment.windows?.[1]?.days).toEqual({ triptan: 21 });
    expect(r.notes.map((n) => n.text)).not.toContain(NOT_ASSESSED);
  });

  test('a triptan on 9 days a month: assessed, no overuse, no note', () => {
    const d = new DiaryBuilder(E);
    const r = analyzeDiary(diaryRecord([...diary(d), ...perWindow(d, [9, 9, 9], 'triptan')]), evaluationContext(E));
    expect(r.medicationOveruse).toBeUndefined();
    expect(r.medicationOveruseAssessment.assessedBy).toBe('daily-records');
    expect(r.notes.filter((n) => n.kind === 'not-assessed')).toEqual([]);
  });

  test('two classes on >= 10 days together (ICHD-3 8.2.6); gepant days count for coverage only', () => {
    const d = new DiaryBuilder(E);
    const obs = [
      ...diary(d),
      ...[0, 1, 2].flatMap((i) => [
        ...[...Array(5).keys()].map((k) => d.acuteTaken(-30 * i - k, 'Ibuprofen 400 mg')),
        ...[...Array(5).keys()].map((k) => d.acuteTaken(-30 * i - 10 - k, 'sumatriptan', { rxnorm: '37418' })),
      ]),
    ];
    expect(analyzeDiary(diaryRecord(obs), evaluationContext(E)).medicationOveruse?.summary).toContain(
      '10 days with simple analgesic, triptan',
    );
    const gepant = [...diary(d), ...perWindow(d, [12, 12, 12], 'Ubrelvy 50 mg')];
    const g = analyzeDiary(diaryRecord(gepant), evaluationContext(E));
    expect(g.medicationOveruse).toBeUndefined();
    expect(g.medicationOveruseAssessment.assessedBy).toBe('daily-records');
  });

  test('records in only some windows: the summaries decide; without them, "not assessed" with the coverage', () => {
    const d = new DiaryBuilder(E);
    const partial = perWindow(d, [12, 12, 0], 'triptan');
    const summaries = d.summaries('acute-medication-days', [12, 12, 12], {
      classes: [{ triptan: 12 }, { triptan: 12 }, { triptan: 12 }],
    });
    const withSummaries = analyzeDiary(diaryRecord([...diary(d), ...partial, ...summaries]), evaluationContext(E));
    expect(withSummaries.medicationOveruseAssessment).toMatchObject({ assessedBy: 'summaries', windowsWithRecords: 2 });
    expect(withSummaries.medicationOveruse?.summary).toContain('consecutive periods');
    const alone = analyzeDiary(diaryRecord([...diary(d), ...partial]), evaluationContext(E));
    expect(alone.medicationOveruse).toBeUndefined();
    expect(alone.notes).toContainEqual({
      kind: 'not-assessed',
      text: 'medication overuse not assessed: acute-medication records cover 2 of 3 windows',
    });
  });

  test('no acute-medication data: "not assessed", never silence', () => {
    const d = new DiaryBuilder(E);
    const r = analyzeDiary(diaryRecord(diary(d)), evaluationContext(E));
    expect(r.notes).toContainEqual({ kind: 'not-assessed', text: NOT_ASSESSED });
    expect(r.medicationOveruseAssessment.assessedBy).toBe('not-assessed');
  });

  test('the component on a daily headache entry, completed administrations and one-day statements count', () => {
    const d = new DiaryBuilder(E);
    const withComponent = (offset: number): Observation => ({
      ...d.entry(offset),
      component: [
        {
          code: {
            coding: [
              { system: 'http://migraine-cds.org/fhir/CodeSystem/headache-diary', code: 'acute-medication-taken' },
            ],
          },
          valueCodeableConcept: { text: 'rizatriptan 10 mg' },
        },
      ],
    });
    const administration = (offset: number, status: MedicationAdministration['status']): MedicationAdministration => ({
      resourceType: 'MedicationAdministration',
      id: `ma-${offset}`,
      status,
      subject: { reference: 'Patient/diary-patient' },
      medicationCodeableConcept: { text: 'Sumatriptan 6 mg/0.5 mL injection' },
      effectiveDateTime: `${d.day(offset)}T10:00:00Z`,
    });
    const statement = (offset: number, days: number): MedicationStatement => ({
      resourceType: 'MedicationStatement',
      id: `ms-${offset}`,
      status: 'completed',
      subject: { reference: 'Patient/diary-patient' },
      medicationCodeableConcept: { text: 'Excedrin Migraine' },
      effectivePeriod: { start: `${d.day(offset)}T08:00:00Z`, end: `${d.day(offset + days)}T20:00:00Z` },
    });
    const obs = [
      ...diary(d),
      ...[-1, -2, -3].map(withComponent),
      administration(-35, 'completed'),
      administration(-36, 'in-progress'),
      statement(-65, 0),
      statement(-80, 20),
    ];
    const r = analyzeDiary(diaryRecord(obs), evaluationContext(E));
    expect(r.medicationOveruseAssessment.windows?.map((w) => w.days)).toEqual([
      { triptan: 3 },
      { triptan: 1 },
      { 'combination-analgesic': 1 },
    ]);
  });
});

describe('acute class of a product (clinical-rules 11.4)', () => {
  test.each([
    { text: 'sumatriptan 85 mg / naproxen sodium 500 mg (Treximet)', cls: 'triptan' },
    { text: 'Excedrin Migraine (acetaminophen, aspirin, caffeine)', cls: 'combination-analgesic' },
    { text: 'acetaminophen 300 mg / codeine 30 mg', cls: 'combination-analgesic' },
    { text: 'ibuprofen 400 mg', cls: 'simple-analgesic' },
    { text: 'topiramate 50 mg', cls: undefined },
  ])('$text -> $cls', ({ text, cls }) => {
    expect(acuteDrugClass([{ text }])).toBe(cls);
  });
});

describe('medication-overuse headache diagnosis (clinical-rules 3, 11.7)', () => {
  // payer-strict (medication overuse blocks) with 2 failures, so that the candidate chart is otherwise a candidate.
  const base = loadPolicy('payer-strict');
  const strict = { ...base, parameters: { ...base.parameters, minFailedPreventives: 2 } };
  const assess = (extra: ReturnType<typeof condition>[]) =>
    assessCandidacy(buildPatientRecord([...candidateRecord(), ...extra], { patientId: 'p1' }), strict, {
      evaluationDate: E,
      siteTimeZone: 'UTC',
    });
  const moh = {
    system: 'http://hl7.org/fhir/sid/icd-10-cm',
    code: 'G44.41',
    display: 'Drug-induced headache, NEC, intractable',
  };

  test('recorded within 365 days: a caution that blocks under payer-strict, no "not assessed" note', () => {
    const a = assess([condition(moh, { recorded: dayOffset(-100) })]);
    const f = a.findings.find((x) => x.id === 'medication-overuse');
    expect(f?.summary).toBe(`medication-overuse headache, diagnosed ${dayOffset(-100)}`);
    expect(f?.blocking).toBe(true);
    expect(a.status).toBe('not-eligible');
    expect(a.notes.filter((n) => n.kind === 'not-assessed')).toEqual([]);
  });

  test('provisional: the caution shows but never blocks', () => {
    const a = assess([condition(moh, { recorded: dayOffset(-100), verificationStatus: 'provisional' })]);
    const f = a.findings.find((x) => x.id === 'medication-overuse');
    expect(f?.summary).toContain('(recorded as provisional)');
    expect(f?.blocking).toBeUndefined();
    expect(a.status).toBe('candidate');
  });

  test('recorded more than 365 days ago: not counted, overuse not assessed', () => {
    const a = assess([condition(moh, { recorded: dayOffset(-400) })]);
    expect(a.findings.find((x) => x.id === 'medication-overuse')).toBeUndefined();
    expect(a.notes).toContainEqual({ kind: 'not-assessed', text: NOT_ASSESSED });
  });
});

function dayOffset(n: number): string {
  return new DiaryBuilder(E).day(n);
}
