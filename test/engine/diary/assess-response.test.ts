import type { Observation } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { assessResponse } from '../../../src/engine/diary/assess-response.ts';
import { DiaryBuilder, diaryRecord, evaluationContext, todayUtc } from '../../support/diary-builders.ts';

const E = todayUtc();

/**
 * A course with the first cycle on E-113 and the second on E-89, so W1-W3 (E-89..E) all start on or after it.
 * Baseline B = headache days on E-143..E-114; follow-up windows W1, W2, W3 with the given counts.
 */
function course(
  d: DiaryBuilder,
  baseline: number,
  follow: [number, number, number],
): { obs: Observation[]; firstCycle: string; secondCycle: string } {
  return {
    obs: [
      ...d.range(-143, -114, { headacheDays: baseline }),
      ...d.range(-113, -90, { headacheDays: 0 }),
      ...d.months(follow.map((h) => [h] as [number])),
    ],
    firstCycle: d.day(-113),
    secondCycle: d.day(-89),
  };
}

describe('verdict boundaries (default policy: responding >= 50%, partial 30 to < 50%)', () => {
  test.each([
    { b: 20, f: [10, 10, 10], reduction: 50, verdict: 'responding' },
    { b: 30, f: [15, 15, 16], reduction: 48.9, verdict: 'partial' },
    { b: 20, f: [14, 14, 14], reduction: 30, verdict: 'partial' },
    { b: 17, f: [12, 12, 12], reduction: 29.4, verdict: 'non-responding' },
    { b: 10, f: [12, 12, 12], reduction: -20, verdict: 'non-responding' },
  ])('B $b, F $f -> $reduction% $verdict', ({ b, f, reduction, verdict }) => {
    const d = new DiaryBuilder(E);
    const c = course(d, b, f as [number, number, number]);
    const r = assessResponse(diaryRecord(c.obs), evaluationContext(E), c);
    expect(r).toMatchObject({ verdict, baselineDays: b, reductionPercent: reduction });
    expect(r.recentDays).toBeCloseTo(f.reduce((x, y) => x + y, 0) / 3, 1);
    expect(r.episodicForThreeMonths).toBeUndefined();
    expect(r.summary).toContain(`${b} headache days in ${d.day(-143)} to ${d.day(-114)}`);
  });

  test('only covered windows starting on or after the second cycle count', () => {
    const d = new DiaryBuilder(E);
    const c = course(d, 20, [10, 10, 30]);
    // Second cycle on E-59: W3 (E-89..E-60) started before it and is left out.
    const r = assessResponse(diaryRecord(c.obs), evaluationContext(E), {
      firstCycle: c.firstCycle,
      secondCycle: d.day(-59),
    });
    expect(r).toMatchObject({ verdict: 'responding', recentDays: 10, reductionPercent: 50 });
  });
});

describe('too early and no data', () => {
  test('no second cycle: too early', () => {
    const d = new DiaryBuilder(E);
    const c = course(d, 20, [10, 10, 10]);
    expect(assessResponse(diaryRecord(c.obs), evaluationContext(E), { firstCycle: c.firstCycle }).verdict).toBe(
      'too-early',
    );
  });

  test.each([
    { second: -28, verdict: 'too-early' },
    { second: -29, verdict: 'responding' },
  ])('second cycle on E$second -> $verdict (nominal W1 starts on E-29)', ({ second, verdict }) => {
    const d = new DiaryBuilder(E);
    const c = course(d, 20, [10, 10, 10]);
    expect(
      assessResponse(diaryRecord(c.obs), evaluationContext(E), { firstCycle: c.firstCycle, secondCycle: d.day(second) })
        .verdict,
    ).toBe(verdict);
  });

  test('no baseline diary: no-data', () => {
    const d = new DiaryBuilder(E);
    const r = assessResponse(diaryRecord(d.months([[10], [10], [10]])), evaluationContext(E), {
      firstCycle: d.day(-113),
      secondCycle: d.day(-89),
    });
    expect(r.verdict).toBe('no-data');
    expect(r.baselineDays).toBeUndefined();
  });

  test('baseline 0 headache days: no-data', () => {
    const d = new DiaryBuilder(E);
    const c = course(d, 0, [10, 10, 10]);
    expect(assessResponse(diaryRecord(c.obs), evaluationContext(E), c)).toMatchObject({
      verdict: 'no-data',
      baselineDays: 0,
    });
  });

  test('an outdated follow-up diary: no-data', () => {
    const d = new DiaryBuilder(E);
    const obs = [...d.range(-200, -171, { headacheDays: 20 }), ...d.range(-170, -40, { headacheDays: 5 })];
    const r = assessResponse(diaryRecord(obs), evaluationContext(E), {
      firstCycle: d.day(-170),
      secondCycle: d.day(-86),
    });
    expect(r.verdict).toBe('no-data');
  });
});

test('summaries: baseline from the latest headache-days summary ending within the 30 days before the first cycle', () => {
  const d = new DiaryBuilder(E);
  const older = d.summary('headache-days', -180, -151, 25);
  const base = d.summary('headache-days', -146, -117, 20);
  const follow = d.summaries('headache-days', [8, 9, 10]);
  const r = assessResponse(diaryRecord([older, base, ...follow]), evaluationContext(E), {
    firstCycle: d.day(-113),
    secondCycle: d.day(-89),
  });
  expect(r).toMatchObject({ verdict: 'responding', baselineDays: 20, recentDays: 9, reductionPercent: 55 });
  expect(r.evidence).toContain(`Observation/${base.id}`);
  expect(r.evidence).not.toContain(`Observation/${older.id}`);
});

describe('softening a non-response with MIDAS or HIT-6', () => {
  test.each([
    { code: 'midas-score' as const, before: 15, after: 10, softened: 'midas' },
    { code: 'midas-score' as const, before: 15, after: 11, softened: undefined },
    { code: 'midas-score' as const, before: 10, after: 2, softened: undefined },
    { code: 'midas-score' as const, before: 30, after: 21, softened: 'midas' },
    { code: 'midas-score' as const, before: 30, after: 22, softened: undefined },
    { code: 'hit6-score' as const, before: 65, after: 60, softened: 'hit6' },
    { code: 'hit6-score' as const, before: 65, after: 61, softened: undefined },
  ])('$code $before -> $after: softened by $softened', ({ code, before, after, softened }) => {
    const d = new DiaryBuilder(E);
    const c = course(d, 17, [12, 12, 12]);
    const obs = [...c.obs, d.score(code, -113, before), d.score(code, -5, after)];
    const r = assessResponse(diaryRecord(obs), evaluationContext(E), c);
    expect(r.verdict).toBe(softened ? 'partial' : 'non-responding');
    expect(r.softenedBy).toBe(softened);
  });

  test('a score taken before the second cycle is not a follow-up score', () => {
    const d = new DiaryBuilder(E);
    const c = course(d, 17, [12, 12, 12]);
    const obs = [...c.obs, d.score('hit6-score', -120, 68), d.score('hit6-score', -95, 55)];
    expect(assessResponse(diaryRecord(obs), evaluationContext(E), c).verdict).toBe('non-responding');
  });
});

describe('NICE TA260 episodic stop rule', () => {
  test.each([
    { follow: [14, 14, 14], episodic: true },
    { follow: [14, 15, 14], episodic: false },
  ])('follow-up $follow -> episodic $episodic', ({ follow, episodic }) => {
    const d = new DiaryBuilder(E);
    const c = course(d, 20, follow as [number, number, number]);
    const r = assessResponse(diaryRecord(c.obs), evaluationContext(E, { policy: 'nice-ta260' }), c);
    expect(r.episodicForThreeMonths).toBe(episodic);
    if (episodic) expect(r.summary).toContain('consider stopping: episodic for 3 months');
  });

  test('windows before the first cycle do not count as on treatment', () => {
    const d = new DiaryBuilder(E);
    const c = course(d, 20, [10, 10, 10]);
    const r = assessResponse(diaryRecord(c.obs), evaluationContext(E, { policy: 'nice-ta260' }), {
      firstCycle: d.day(-70),
      secondCycle: d.day(-29),
    });
    expect(r.episodicForThreeMonths).toBe(false);
  });
});
