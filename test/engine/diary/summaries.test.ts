import { expect, test } from 'vitest';
import { analyzeDiary } from '../../../src/engine/diary/analyze-diary.ts';
import { DiaryBuilder, diaryRecord, evaluationContext, todayUtc } from '../../support/diary-builders.ts';

const E = todayUtc();

test.each([
  { length: 27, status: 'unknown', unused: true },
  { length: 28, status: 'met', unused: false },
  { length: 31, status: 'met', unused: false },
  { length: 32, status: 'unknown', unused: true },
])('summaries of $length days -> $status', ({ length, status, unused }) => {
  const d = new DiaryBuilder(E);
  const r = analyzeDiary(diaryRecord(d.summaries('headache-days', [20, 20, 20], { length })), evaluationContext(E));
  expect(r.chronicMigraine.status).toBe(status);
  const note = r.notes.find((n) => n.text.startsWith(`headache-days summary not used: period of ${length} days`));
  expect(!!note).toBe(unused);
  if (note) expect(note.evidence).toHaveLength(3);
});

test.each([
  { endOffset: 0, status: 'met' },
  { endOffset: -31, status: 'met' },
  { endOffset: -32, status: 'unknown' },
])('newest summary ending E$endOffset -> $status', ({ endOffset, status }) => {
  const d = new DiaryBuilder(E);
  const r = analyzeDiary(diaryRecord(d.summaries('headache-days', [20, 20, 20], { endOffset })), evaluationContext(E));
  expect(r.chronicMigraine.status).toBe(status);
  if (status === 'unknown')
    expect(r.notes.map((n) => n.text)).toContain(
      `diary outdated, last entry ${d.day(endOffset)} (headache-days summaries)`,
    );
});

test('a summary ending after E is not used', () => {
  const d = new DiaryBuilder(E);
  const r = analyzeDiary(
    diaryRecord(d.summaries('headache-days', [20, 20, 20], { endOffset: 1 })),
    evaluationContext(E),
  );
  expect(r.chronicMigraine.status).toBe('unknown');
});

test('a value larger than its period is a data error and is not used', () => {
  const d = new DiaryBuilder(E);
  const bad = d.summary('headache-days', -29, 0, 31);
  const r = analyzeDiary(
    diaryRecord([bad, d.summary('headache-days', -59, -30, 20), d.summary('headache-days', -89, -60, 20)]),
    evaluationContext(E),
  );
  expect(r.notes).toContainEqual({
    kind: 'data-error',
    text: 'headache-days summary not used: value larger than its period',
    evidence: [`Observation/${bad.id}`],
  });
  // The newest usable summary now ends on E-30: two windows, unknown.
  expect(r.windows.map((w) => w.end)).toEqual([d.day(-30), d.day(-60)]);
});

test('migraine days above headache days of the same period: both listed as data errors, neither used', () => {
  const d = new DiaryBuilder(E);
  const h = d.summary('headache-days', -29, 0, 16);
  const m = d.summary('migraine-days', -29, 0, 17);
  const r = analyzeDiary(
    diaryRecord([
      h,
      m,
      ...d.summaries('headache-days', [20, 20], { endOffset: -30 }),
      ...d.summaries('migraine-days', [9, 9], { endOffset: -30 }),
    ]),
    evaluationContext(E),
  );
  const err = r.notes.find((n) => n.kind === 'data-error');
  expect(err?.evidence?.sort()).toEqual([`Observation/${h.id}`, `Observation/${m.id}`].sort());
  expect(r.windows.some((w) => w.start === d.day(-29))).toBe(false);
});

test('a headache-days value larger than its period also takes out the migraine-days summary of that period', () => {
  // Oldest to newest: headache-days 16, 16, 31 over 30-day periods; migraine-days 9, 9, 5 over the same periods.
  const d = new DiaryBuilder(E);
  const [badH, ...olderH] = d.summaries('headache-days', [31, 16, 16]);
  const [newestM, ...olderM] = d.summaries('migraine-days', [5, 9, 9]);
  const r = analyzeDiary(diaryRecord([badH!, ...olderH, newestM!, ...olderM]), evaluationContext(E));
  expect(r.notes).toContainEqual({
    kind: 'data-error',
    text: 'migraine-days summary not used: the headache-days summary of the same period is a data error',
    evidence: [`Observation/${newestM!.id}`],
  });
  // Neither summary of the newest period is used: two windows of each code remain, not yet three.
  expect(r.windows.filter((w) => w.measure === 'migraine-days').map((w) => [w.end, w.days])).toEqual([
    [d.day(-30), 9],
    [d.day(-60), 9],
  ]);
  expect(r.migraineDays.status).toBe('unknown');
  expect(r.migraineDays.evidence).not.toContain(`Observation/${newestM!.id}`);
});

test('a migraine-days value larger than its period also takes out the headache-days summary of that period', () => {
  const d = new DiaryBuilder(E);
  const [newestH, ...olderH] = d.summaries('headache-days', [14, 20, 20]);
  const r = analyzeDiary(
    diaryRecord([newestH!, ...olderH, ...d.summaries('migraine-days', [31, 9, 9])]),
    evaluationContext(E),
  );
  // Were the headache-days summary of E-29..E used, its 14 days would make chronic-migraine unmet.
  expect(r.chronicMigraine.status).toBe('unknown');
  expect(r.notes).toContainEqual({
    kind: 'data-error',
    text: 'headache-days summary not used: the migraine-days summary of the same period is a data error',
    evidence: [`Observation/${newestH!.id}`],
  });
});

test('of two overlapping summaries the later-issued is kept', () => {
  const d = new DiaryBuilder(E);
  const older = d.summary('headache-days', -29, 0, 10, { issued: `${d.day(0)}T08:00:00Z` });
  const newer = d.summary('headache-days', -30, -1, 18, { issued: `${d.day(0)}T09:00:00Z` });
  const rest = d.summaries('headache-days', [20, 20], { endOffset: -31 });
  const r = analyzeDiary(diaryRecord([older, newer, ...rest]), evaluationContext(E));
  expect(r.chronicMigraine.status).toBe('met');
  expect(r.windows[0]).toMatchObject({ days: 18, end: d.day(-1), evidence: [`Observation/${newer.id}`] });
  expect(r.notes).toContainEqual({
    kind: 'unused',
    text: 'headache-days summary not used: overlaps a later-issued summary',
    evidence: [`Observation/${older.id}`],
  });
});

test.each([
  { gap: 0, windows: 3 },
  { gap: 1, windows: 1 },
])(
  'summaries are consecutive only when the next starts the day after (gap of $gap days -> $windows windows)',
  ({ gap, windows }) => {
    const d = new DiaryBuilder(E);
    const w1 = d.summary('headache-days', -29, 0, 20);
    const w2 = d.summary('headache-days', -59 - gap, -30 - gap, 20);
    const w3 = d.summary('headache-days', -89 - gap, -60 - gap, 20);
    expect(analyzeDiary(diaryRecord([w1, w2, w3]), evaluationContext(E)).windows).toHaveLength(windows);
  },
);

test('calendar-month summaries (28-31 days) chain without rescaling', () => {
  const d = new DiaryBuilder(E);
  const [y, m] = E.split('-').map(Number) as [number, number];
  const monthStart = (back: number) => new Date(Date.UTC(y, m - 1 - back, 1)).toISOString().slice(0, 10);
  const monthEnd = (back: number) => new Date(Date.UTC(y, m - back, 0)).toISOString().slice(0, 10);
  const obs = [1, 2, 3].map((back) => {
    const s = d.summary('headache-days', 0, 0, 15);
    s.effectivePeriod = { start: monthStart(back), end: monthEnd(back) };
    return s;
  });
  const r = analyzeDiary(diaryRecord(obs), evaluationContext(E));
  expect(r.chronicMigraine.status).toBe('met');
  expect(r.windows.map((w) => w.start)).toEqual([monthStart(1), monthStart(2), monthStart(3)]);
});

test('a summary in another unit, or with a dataAbsentReason, is unused', () => {
  const d = new DiaryBuilder(E);
  const pct = d.summary('headache-days', -29, 0, 50, { unit: '%' });
  const absent = d.summary('headache-days', -59, -30, 0);
  delete absent.valueQuantity;
  absent.dataAbsentReason = { coding: [{ code: 'unknown' }] };
  const texts = analyzeDiary(diaryRecord([pct, absent]), evaluationContext(E)).notes.map((n) => n.text);
  expect(texts).toContain('headache-days summary not used: value not in days');
  expect(texts).toContain('headache-days summary not used: value absent (dataAbsentReason)');
});
