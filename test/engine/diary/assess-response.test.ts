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
    // r is compared unrounded and shown rounded half up (clinical-rules 11.13): 48.9 -> 49, 29.4 -> 29.
    { b: 30, f: [15, 15, 16], reduction: 49, verdict: 'partial' },
    { b: 20, f: [14, 14, 14], reduction: 30, verdict: 'partial' },
    { b: 17, f: [12, 12, 12], reduction: 29, verdict: 'non-responding' },
    { b: 10, f: [12, 12, 12], reduction: -20, verdict: 'non-responding' },
  ])('B $b, F $f -> $reduction% $verdict', ({ b, f, reduction, verdict }) => {
    const d = new DiaryBuilder(E);
    const c = course(d, b, f as [number, number, number]);
    const r = assessResponse(diaryRecord(c.obs), evaluationContext(E), c);
    expect(r).toMatchObject({ verdict, baselineDays: b, reductionPercent: reduction });
    expect(r.recentDays).toBeCloseTo(f.reduce((x, y) => x + y, 0) / 3, 1);
    expect(r.episodicForThreeMonths).toBeUndefined();
    expect(r.summary).toContain(
      `baseline ${b} headache days per window over 1 window (${d.day(-143)} to ${d.day(-114)}`,
    );
    expect(r).toMatchObject({ decidedBy: 'headache-days', baselineWindows: 1, followUpWindows: 3 });
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
    // 3.0 (clinical-rules 11.11): too early while A < C2 + 59, so that two windows follow the second cycle.
    { second: -58, verdict: 'too-early' },
    { second: -59, verdict: 'responding' },
  ])('second cycle on E$second -> $verdict (W2 starts on E-59)', ({ second, verdict }) => {
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

describe('MIDAS and HIT-6: either alone makes the course responding (AHS 2021, clinical-rules 3)', () => {
  test.each([
    { code: 'midas-score' as const, before: 15, after: 10, by: 'midas' },
    { code: 'midas-score' as const, before: 15, after: 11, by: undefined },
    { code: 'midas-score' as const, before: 10, after: 2, by: undefined },
    { code: 'midas-score' as const, before: 30, after: 21, by: 'midas' },
    { code: 'midas-score' as const, before: 30, after: 22, by: undefined },
    { code: 'hit6-score' as const, before: 65, after: 60, by: 'hit6' },
    { code: 'hit6-score' as const, before: 65, after: 61, by: undefined },
  ])('$code $before -> $after: decided by $by', ({ code, before, after, by }) => {
    const d = new DiaryBuilder(E);
    const c = course(d, 17, [12, 12, 12]);
    const obs = [...c.obs, d.score(code, -113, before), d.score(code, -5, after)];
    const r = assessResponse(diaryRecord(obs), evaluationContext(E), c);
    expect(r.verdict).toBe(by ? 'responding' : 'non-responding');
    expect(r.decidedBy).toBe(by ?? 'headache-days');
    // Under NICE TA260 PROs never count (proResponseCounts false): the diary alone decides.
    const nice = assessResponse(diaryRecord(obs), evaluationContext(E, { policy: 'nice-ta260' }), c);
    expect(nice.verdict).toBe('non-responding');
    expect(nice.pro?.[0]?.response).toBe(!!by);
  });

  test('the deciding measure in words: "MIDAS 48 -> 30, -38%"', () => {
    const d = new DiaryBuilder(E);
    const c = course(d, 17, [12, 12, 12]);
    const obs = [...c.obs, d.score('midas-score', -150, 48), d.score('midas-score', -5, 30)];
    const r = assessResponse(diaryRecord(obs), evaluationContext(E), c);
    expect(r).toMatchObject({ verdict: 'responding', decidedBy: 'midas', measure: 'MIDAS 48 -> 30, -38%' });
  });

  test('a PRO response decides alone once E >= C2 + 28, with the diary too early; not before', () => {
    const d = new DiaryBuilder(E);
    const obs = [
      ...d.range(-120, -61, { headacheDays: 20 }),
      ...d.range(-60, 0, { headacheDays: 18 }),
      d.score('hit6-score', -61, 66),
      d.score('hit6-score', -2, 58),
    ];
    const course = { firstCycle: d.day(-60), secondCycle: d.day(-30) };
    const r = assessResponse(diaryRecord(obs), evaluationContext(E), course);
    expect(r).toMatchObject({ verdict: 'responding', decidedBy: 'hit6', measure: 'HIT-6 66 -> 58, -8 points' });
    expect(r.diaryNotJudged).toContain(`response from ${d.day(29)}`);
    // Second cycle on E-20: the follow-up score (E-2) is before C2 + 28: too early, with the date the diary can judge.
    const early = assessResponse(diaryRecord(obs), evaluationContext(E), { ...course, secondCycle: d.day(-20) });
    expect(early).toMatchObject({ verdict: 'too-early', respondFrom: d.day(39) });
  });

  test('scores outside their scale are data errors, not used', () => {
    const d = new DiaryBuilder(E);
    const c = course(d, 17, [12, 12, 12]);
    const obs = [...c.obs, d.score('hit6-score', -113, 90), d.score('hit6-score', -5, 40)];
    const r = assessResponse(diaryRecord(obs), evaluationContext(E), c);
    expect(r.verdict).toBe('non-responding');
    expect(r.notes?.[0]).toMatchObject({ kind: 'data-error', text: 'HIT-6 score outside 36-78: not used' });
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

  test('a window left undecided by unlogged days does not count as < 15 (clinical-rules 11.3)', () => {
    const d = new DiaryBuilder(E);
    const c = course(d, 20, [14, 14, 14]);
    // W1 (E-29..E): 14 headache days, then headache-free entries with E-3..E-1 unlogged (the entry on E keeps A = E):
    // 14 + 3 >= 15, undecided.
    const w1 = d.range(-29, 0, { headacheDays: 14 });
    const unlogged = new Set([d.day(-3), d.day(-2), d.day(-1)]);
    const obs = [
      ...c.obs.filter((o) => !(o.effectiveDateTime! >= d.day(-29))),
      ...w1.filter((o) => !unlogged.has(o.effectiveDateTime!)),
    ];
    const r = assessResponse(diaryRecord(obs), evaluationContext(E, { policy: 'nice-ta260' }), c);
    expect(r.episodicForThreeMonths).toBe(false);
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
