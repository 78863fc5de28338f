import { describe, expect, test } from 'vitest';
import { analyzeDiary } from '../../../src/engine/diary/analyze-diary.ts';
import { DiaryBuilder, diaryRecord, evaluationContext, todayUtc } from '../../support/diary-builders.ts';

const E = todayUtc();

describe('daily diary covering W1-W3', () => {
  test.each([
    { windows: [15, 15, 15], status: 'met' },
    { windows: [14, 15, 15], status: 'unmet' },
    { windows: [15, 15, 14], status: 'unmet' },
    { windows: [30, 30, 30], status: 'met' },
    { windows: [0, 0, 0], status: 'unmet' },
  ])('headache days $windows (W1, W2, W3) -> $status', ({ windows, status }) => {
    const d = new DiaryBuilder(E);
    const r = analyzeDiary(diaryRecord(d.months(windows.map((h) => [h] as [number]))), evaluationContext(E));
    expect(r.chronicMigraine.status).toBe(status);
    expect(r.chronicMigraine.basis).toEqual(['label', 'ichd3']);
    expect(r.windows.filter((w) => w.measure === 'headache-days').map((w) => w.days)).toEqual(windows);
  });

  test('met by a diary gives W1 start as chronicMigraineMeasuredFrom and cites the entries', () => {
    const d = new DiaryBuilder(E);
    const r = analyzeDiary(diaryRecord(d.months([[16], [17], [18]])), evaluationContext(E));
    expect(r.chronicMigraineMeasuredFrom).toBe(d.day(-29));
    expect(r.chronicMigraine.evidence).toHaveLength(16 + 17 + 18);
    expect(r.windows[0]).toMatchObject({ source: 'daily', start: d.day(-29), end: E, covered: true });
  });

  test('the policy threshold is used, not a constant', () => {
    const d = new DiaryBuilder(E);
    const record = diaryRecord(d.months([[12], [12], [12]]));
    expect(
      analyzeDiary(record, evaluationContext(E, { overrides: { minHeadacheDays: 12 } })).chronicMigraine.status,
    ).toBe('met');
    expect(analyzeDiary(record, evaluationContext(E)).chronicMigraine.status).toBe('unmet');
  });

  test.each([
    { dropped: undefined, status: 'met' },
    { dropped: -40, status: 'unmet' },
  ])(
    'an app recording only headaches (every other day, dropped E$dropped): other dates are headache-free -> $status',
    ({ dropped, status }) => {
      const d = new DiaryBuilder(E);
      const entries = [];
      for (let off = -90; off <= 0; off += 2) if (off !== dropped) entries.push(d.entry(off));
      const r = analyzeDiary(diaryRecord(entries), evaluationContext(E));
      expect(r.windows.map((w) => [w.days, w.covered])).toEqual([
        [15, true],
        [dropped ? 14 : 15, true],
        [15, true],
      ]);
      expect(r.chronicMigraine.status).toBe(status);
    },
  );
});

describe('anchoring: a diary up to 31 days old is usable, 32 is outdated', () => {
  test.each([
    { lastEntry: -31, status: 'met', outdated: false },
    { lastEntry: -32, status: 'unknown', outdated: true },
  ])('last entry E$lastEntry -> $status', ({ lastEntry, status, outdated }) => {
    const d = new DiaryBuilder(E);
    const r = analyzeDiary(diaryRecord(d.months([[20], [20], [20]], lastEntry)), evaluationContext(E));
    expect(r.chronicMigraine.status).toBe(status);
    const note = r.notes.find((n) => n.kind === 'outdated');
    if (outdated) expect(note?.text).toBe(`diary outdated, last entry ${d.day(lastEntry)}`);
    else expect(note).toBeUndefined();
    if (!outdated) expect(r.windows[0]).toMatchObject({ start: d.day(lastEntry - 29), end: d.day(lastEntry) });
  });

  test('an entry dated after E does not move the anchor past E', () => {
    const d = new DiaryBuilder(E);
    const late = d.entry(1);
    const r = analyzeDiary(diaryRecord([...d.months([[15], [15], [15]]), late]), evaluationContext(E));
    expect(r.windows[0]?.end).toBe(E);
    expect(r.windows.map((w) => w.days)).toEqual([15, 15, 15]);
    expect(r.notes).toContainEqual({
      kind: 'unused',
      text: 'diary entry dated after the evaluation date: the diary runs up to the evaluation date, later days not counted',
      evidence: [`Observation/${late.id}`],
    });
  });

  test('a headache-free entry dated E+1 still sets L: A = E, and the unrecorded days up to E are unlogged', () => {
    // Diary up to E-10 (16 headache days in each 30 days), then a headache-free entry dated E+1.
    const d = new DiaryBuilder(E);
    const late = d.entry(1, { kind: 'free' });
    const r = analyzeDiary(diaryRecord([...d.months([[16], [16], [16]], -10), late]), evaluationContext(E));
    expect(r.windows[0]).toMatchObject({ start: d.day(-29), end: E, covered: true });
    // W1 = [E-29, E] holds the headaches of E-29..E-24 only; no day after E is counted.
    expect(r.windows.map((w) => w.days)).toEqual([6, 16, 16]);
    // 3.0 (clinical-rules 2.1 "Logged days"): the diary records headache-free days, so E-9..E are unlogged:
    // 6 + 10 could reach 15, W1 is undecided.
    expect(r.windows[0]!.logged).toBe(20);
    expect(r.chronicMigraine.status).toBe('unknown');
    expect(r.notes).toContainEqual({ kind: 'completeness', text: `10 days not logged in ${d.day(-29)} to ${E}` });
    expect(r.notes.find((n) => n.evidence?.includes(`Observation/${late.id}`))?.kind).toBe('unused');
  });

  test('an entry dated more than 2 days after E is a data error and does not set L', () => {
    const d = new DiaryBuilder(E);
    const late = d.entry(3, { kind: 'free' });
    const r = analyzeDiary(diaryRecord([...d.months([[16], [16], [16]], -10), late]), evaluationContext(E));
    expect(r.windows[0]).toMatchObject({ end: d.day(-10), days: 16 });
    expect(r.chronicMigraine.status).toBe('met');
    expect(r.notes).toContainEqual({
      kind: 'data-error',
      text: 'diary entry not used: dated more than 2 days after the evaluation date',
      evidence: [`Observation/${late.id}`],
    });
  });
});

describe('partial coverage', () => {
  test('a diary started 70 days ago with high counts is unknown and says how many more days', () => {
    const d = new DiaryBuilder(E);
    const r = analyzeDiary(diaryRecord(d.range(-69, 0, { headacheDays: 60 })), evaluationContext(E));
    expect(r.windows.map((w) => w.covered)).toEqual([true, true, false]);
    expect(r.chronicMigraine.status).toBe('unknown');
    expect(r.chronicMigraine.missing).toContain(`20 more days of diary (90 days complete on ${d.day(20)})`);
  });

  test('a covered window below the threshold is unmet even when W3 is not yet covered', () => {
    const d = new DiaryBuilder(E);
    const entries = [...d.range(-69, -30, { headacheDays: 30 }), ...d.range(-29, 0, { headacheDays: 10 })];
    const r = analyzeDiary(diaryRecord(entries), evaluationContext(E));
    expect(r.chronicMigraine.status).toBe('unmet');
  });

  test('a window starting one day before the first entry is not covered', () => {
    const d = new DiaryBuilder(E);
    const r = analyzeDiary(diaryRecord(d.range(-88, 0, { headacheDays: 89 })), evaluationContext(E));
    expect(r.windows.map((w) => w.covered)).toEqual([true, true, false]);
    expect(r.chronicMigraine.status).toBe('unknown');
  });
});

describe('monthly summaries', () => {
  test.each([
    { values: [15, 15, 15], status: 'met' },
    { values: [14, 20, 20], status: 'unmet' },
    { values: [20, 20], status: 'unknown' },
  ])('headache-days $values -> $status', ({ values, status }) => {
    const d = new DiaryBuilder(E);
    const r = analyzeDiary(diaryRecord(d.summaries('headache-days', values)), evaluationContext(E));
    expect(r.chronicMigraine.status).toBe(status);
    expect(r.windows.every((w) => w.source === 'summary' && w.covered)).toBe(true);
  });

  test('summaries are used when the daily diary is partial; never added across shapes', () => {
    const d = new DiaryBuilder(E);
    const record = diaryRecord([
      ...d.range(-40, 0, { headacheDays: 30 }),
      ...d.summaries('headache-days', [16, 16, 16]),
    ]);
    const r = analyzeDiary(record, evaluationContext(E));
    expect(r.chronicMigraine.status).toBe('met');
    expect(r.windows.map((w) => [w.source, w.days])).toEqual([
      ['summary', 16],
      ['summary', 16],
      ['summary', 16],
    ]);
  });

  test('a covering daily diary wins over summaries', () => {
    const d = new DiaryBuilder(E);
    const record = diaryRecord([...d.months([[10], [10], [10]]), ...d.summaries('headache-days', [20, 20, 20])]);
    expect(analyzeDiary(record, evaluationContext(E)).chronicMigraine.status).toBe('unmet');
  });

  test('with two summaries >= 15 (inconclusive), a partial daily diary with a covered window < 15 makes it unmet', () => {
    const d = new DiaryBuilder(E);
    const record = diaryRecord([...d.range(-40, 0, { headacheDays: 5 }), ...d.summaries('headache-days', [20, 20])]);
    expect(analyzeDiary(record, evaluationContext(E)).chronicMigraine.status).toBe('unmet');
  });
});

describe('a chronic-migraine diagnosis standing in for a diary', () => {
  test.each([
    { recorded: -365, verification: undefined, policy: 'default', status: 'met' },
    { recorded: -366, verification: undefined, policy: 'default', status: 'unknown' },
    { recorded: -10, verification: 'confirmed', policy: 'default', status: 'met' },
    { recorded: -10, verification: 'provisional', policy: 'default', status: 'unknown' },
    { recorded: -10, verification: 'refuted', policy: 'default', status: 'unknown' },
    { recorded: -10, verification: undefined, policy: 'payer-strict', status: 'unknown' },
    { recorded: 5, verification: undefined, policy: 'default', status: 'unknown' },
  ])(
    'recorded E$recorded, verification $verification, policy $policy -> $status',
    ({ recorded, verification, policy, status }) => {
      const d = new DiaryBuilder(E);
      const condition = d.chronicMigraineCondition(recorded, verification ? { verification } : {});
      const r = analyzeDiary(diaryRecord([condition]), evaluationContext(E, { policy }));
      expect(r.chronicMigraine.status).toBe(status);
      if (status === 'met') {
        expect(r.chronicMigraine.summary).toMatch(/^met by diagnosis, frequency not documented in a diary/);
        expect(r.chronicMigraine.evidence).toEqual([`Condition/${condition.id}`]);
        expect(r.chronicMigraineMeasuredFrom).toBeUndefined();
      } else expect(r.chronicMigraine.missing).toContain('a headache diary covering the last 90 days');
    },
  );

  test('an episodic (non-chronic) migraine code does not stand in', () => {
    const d = new DiaryBuilder(E);
    const r = analyzeDiary(
      diaryRecord([
        d.chronicMigraineCondition(-10, { code: 'G43.009', display: 'Migraine without aura, not intractable' }),
      ]),
      evaluationContext(E),
    );
    expect(r.chronicMigraine.status).toBe('unknown');
  });

  test('not when a usable diary shows a covered window below the threshold', () => {
    const d = new DiaryBuilder(E);
    const record = diaryRecord([d.chronicMigraineCondition(-10), ...d.range(-40, 0, { headacheDays: 8 })]);
    expect(analyzeDiary(record, evaluationContext(E)).chronicMigraine.status).toBe('unmet');
  });

  test('yes when the only diary is partial and above the threshold, or outdated', () => {
    const d = new DiaryBuilder(E);
    const partial = diaryRecord([d.chronicMigraineCondition(-10), ...d.range(-40, 0, { headacheDays: 30 })]);
    expect(analyzeDiary(partial, evaluationContext(E)).chronicMigraine.summary).toMatch(/^met by diagnosis/);
    const outdated = diaryRecord([d.chronicMigraineCondition(-10), ...d.months([[3], [3], [3]], -60)]);
    expect(analyzeDiary(outdated, evaluationContext(E)).chronicMigraine.summary).toMatch(/^met by diagnosis/);
  });
});
