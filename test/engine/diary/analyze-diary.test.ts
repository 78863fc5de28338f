import { expect, test } from 'vitest';
import { analyzeDiary } from '../../../src/engine/diary/analyze-diary.ts';
import { DiaryBuilder, diaryNotes, diaryRecord, evaluationContext, todayUtc } from '../../support/diary-builders.ts';

const E = todayUtc();

test.each([
  { label: 'a daily entry 365 days old', build: (d: DiaryBuilder) => [d.entry(-365)], recent: true },
  { label: 'a daily entry 366 days old', build: (d: DiaryBuilder) => [d.entry(-366)], recent: false },
  {
    label: 'a summary ending 365 days ago',
    build: (d: DiaryBuilder) => [d.summary('headache-days', -394, -365, 3)],
    recent: true,
  },
  {
    label: 'a summary of a wrong length, recent',
    build: (d: DiaryBuilder) => [d.summary('headache-days', -9, 0, 3)],
    recent: true,
  },
  {
    label: 'a month-precision entry of this month',
    build: (d: DiaryBuilder) => [d.entry(0, { dateTime: d.day(0).slice(0, 7) })],
    recent: true,
  },
  { label: 'a preliminary entry', build: (d: DiaryBuilder) => [d.entry(-3, { status: 'preliminary' })], recent: false },
  { label: 'a MIDAS score only', build: (d: DiaryBuilder) => [d.score('midas-score', -3, 20)], recent: false },
  { label: 'nothing', build: () => [], recent: false },
])('hasRecentDiaryData: $label -> $recent', ({ build, recent }) => {
  const d = new DiaryBuilder(E);
  expect(analyzeDiary(diaryRecord(build(d)), evaluationContext(E)).hasRecentDiaryData).toBe(recent);
});

test('windows are newest first with both measures, dates inclusive and 30 days long', () => {
  const d = new DiaryBuilder(E);
  const r = analyzeDiary(
    diaryRecord(
      d.months([
        [20, 10],
        [18, 9],
        [16, 8],
      ]),
    ),
    evaluationContext(E),
  );
  expect(r.windows.map((w) => [w.measure, w.start, w.end, w.days])).toEqual([
    ['headache-days', d.day(-29), d.day(0), 20],
    ['migraine-days', d.day(-29), d.day(0), 10],
    ['headache-days', d.day(-59), d.day(-30), 18],
    ['migraine-days', d.day(-59), d.day(-30), 9],
    ['headache-days', d.day(-89), d.day(-60), 16],
    ['migraine-days', d.day(-89), d.day(-60), 8],
  ]);
  expect(r.windows[1]?.evidence).toHaveLength(10);
});

test('series: per calendar month, covered days and headache days add up to the whole daily diary', () => {
  const d = new DiaryBuilder(E);
  const r = analyzeDiary(
    diaryRecord(
      d.months([
        [20, 10],
        [18, 9],
        [16, 8],
        [3, 1],
      ]),
    ),
    evaluationContext(E),
  );
  const daily = r.series.flatMap((p) => (p.daily ? [p.daily] : []));
  expect(daily.reduce((t, p) => t + p.coveredDays, 0)).toBe(120);
  expect(daily.reduce((t, p) => t + p.headacheDays, 0)).toBe(20 + 18 + 16 + 3);
  expect(daily.reduce((t, p) => t + p.migraineDays, 0)).toBe(10 + 9 + 8 + 1);
  expect(r.series.map((p) => p.month)).toEqual([...r.series.map((p) => p.month)].sort());
  expect(r.series.at(-1)?.month).toBe(E.slice(0, 7));
});

test('series: summaries go to the month of their period midpoint, outdated ones included', () => {
  const d = new DiaryBuilder(E);
  const s = d.summary('headache-days', -400, -371, 17);
  const m = d.summary('migraine-days', -400, -371, 7);
  const r = analyzeDiary(diaryRecord([s, m]), evaluationContext(E));
  expect(r.series).toEqual([{ month: d.day(-386).slice(0, 7), summary: { headacheDays: 17, migraineDays: 7 } }]);
  expect(r.chronicMigraine.status).toBe('unknown');
});

test('observations that could not be obtained are named in what is missing', () => {
  const r = analyzeDiary(diaryRecord([], { observations: 'prefetch key missing' }), evaluationContext(E));
  expect(r.chronicMigraine.status).toBe('unknown');
  expect(r.chronicMigraine.missing?.[0]).toMatch(/could not be obtained/);
});

test('notes group entries by reason and never repeat a reason', () => {
  const d = new DiaryBuilder(E);
  const month = d.day(-40).slice(0, 7);
  const entries = [d.entry(0, { dateTime: month }), d.entry(0, { dateTime: month }), d.entry(0, { dateTime: month })];
  const r = analyzeDiary(diaryRecord(entries), evaluationContext(E));
  expect(diaryNotes(r.notes)).toEqual([
    {
      kind: 'unused',
      text: 'diary entry not used: date less precise than a day (3 observations)',
      evidence: entries.map((e) => `Observation/${e.id}`),
    },
  ]);
});
