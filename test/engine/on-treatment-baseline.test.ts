import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { assessCandidacy } from '../../src/engine/assess-candidacy.ts';
import { buildPatientRecord } from '../../src/engine/patient-record.ts';
import { loadPolicy } from '../../src/engine/policy/load-policy.ts';
import { DiaryBuilder } from '../support/diary-builders.ts';
import { adult, botoxProcedure, chronicMigraineDx, E, preventiveTrial } from '../support/record-builders.ts';

const d = new DiaryBuilder(E, 'p1');
const C1 = -150;
const C2 = -66;

/** A course with cycles on E-150, E-66; today's diary (the last 90 days) shows 8 headache days a window. */
function chart(baseline: Resource[]): Resource[] {
  return [
    adult(),
    preventiveTrial('topiramate', -500, -400, 'intolerance'),
    preventiveTrial('propranolol', -390, -300, 'inadequate-response'),
    botoxProcedure(C1),
    botoxProcedure(C2),
    ...baseline,
    ...d.range(C1, -90, { headacheDays: 10 }),
    ...d.months([[8], [8], [8]]),
  ];
}

const assess = (resources: Resource[]) =>
  assessCandidacy(buildPatientRecord(resources, { patientId: 'p1' }), loadPolicy('default'), {
    evaluationDate: E,
    siteTimeZone: 'UTC',
  });

const criterion = (a: ReturnType<typeof assess>, id: string) => a.criteria.find((c) => c.id === id)!;

describe('on treatment, the starting criteria are judged before the first cycle (clinical-rules 3, 11.12)', () => {
  test('a baseline that met the criteria stays met while Botox works; the response compares it with today', () => {
    const a = assess(
      chart(
        d.months(
          [
            [22, 10, 6],
            [21, 10, 6],
            [23, 11, 6],
          ],
          C1 - 1,
        ),
      ),
    );
    expect(a.status).toBe('on-treatment');
    const cm = criterion(a, 'chronic-migraine');
    expect(cm).toMatchObject({ status: 'met', judgedBefore: d.day(C1) });
    expect(cm.summary).toContain(`in ${d.day(C1 - 30)} to ${d.day(C1 - 1)}`);
    expect(criterion(a, 'migraine-days')).toMatchObject({ status: 'met', judgedBefore: d.day(C1) });
    expect(criterion(a, 'headache-duration')).toMatchObject({ status: 'met', judgedBefore: d.day(C1) });
    expect(criterion(a, 'age').judgedBefore).toBeUndefined();
    expect(a.treatment?.baselineWindows?.[0]).toMatchObject({ end: d.day(C1 - 1), days: 22 });
    expect(a.treatment?.response).toMatchObject({
      verdict: 'responding',
      baselineDays: 22,
      recentDays: 8,
      reductionPercent: 64,
      measure: '22 -> 8 headache days, -64%',
    });
  });

  test('no baseline diary: unknown, "baseline before <C1>" to document, never today\'s diary', () => {
    const a = assess(chart([]));
    const cm = criterion(a, 'chronic-migraine');
    expect(cm.status).toBe('unknown');
    expect(cm.missing).toEqual([`baseline before ${d.day(C1)} (renewal requests ask for it)`]);
    expect(a.status).toBe('on-treatment');
    expect(a.treatment?.response.verdict).toBe('no-data');
  });

  test('the diagnosis stand-in is judged at C1', () => {
    const recordedBeforeC1 = { ...chronicMigraineDx(), recordedDate: d.day(C1 - 100) };
    expect(criterion(assess(chart([recordedBeforeC1])), 'chronic-migraine').summary).toMatch(/^met by diagnosis/);
    const recordedAfterC1 = { ...chronicMigraineDx(), recordedDate: d.day(-10) };
    expect(criterion(assess(chart([recordedAfterC1])), 'chronic-migraine').status).toBe('unknown');
  });

  test('a baseline below 15: "not met before the first cycle", and the status stays on-treatment', () => {
    const a = assess(chart(d.months([[10], [10], [10]], C1 - 1)));
    const cm = criterion(a, 'chronic-migraine');
    expect(cm.status).toBe('unmet');
    expect(cm.summary).toMatch(/^not met before the first cycle: /);
    expect(a.status).toBe('on-treatment');
  });
});
