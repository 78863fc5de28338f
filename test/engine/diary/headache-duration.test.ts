import { expect, test } from 'vitest';
import { analyzeDiary } from '../../../src/engine/diary/analyze-diary.ts';
import { dailyDurationHours, median } from '../../../src/engine/diary/headache-duration-criterion.ts';
import { DiaryBuilder, diaryRecord, evaluationContext, todayUtc } from '../../support/diary-builders.ts';

const E = todayUtc();

test.each([
  { days: 10, hours: 4, status: 'met' },
  { days: 10, hours: 3.9, status: 'unmet' },
  { days: 9, hours: 8, status: 'unknown' },
  { days: 0, hours: 8, status: 'unknown' },
])('$days headache days of $hours h -> $status', ({ days, hours, status }) => {
  const d = new DiaryBuilder(E);
  const entries = [...d.range(-89, -30, { headacheDays: 20 }), ...d.range(-29, 0, { headacheDays: days, hours })];
  const r = analyzeDiary(diaryRecord(entries), evaluationContext(E));
  expect(r.headacheDuration.status).toBe(status);
  expect(r.headacheDuration.basis).toEqual(['label']);
  if (status === 'unknown' && days === 9)
    expect(r.headacheDuration.missing).toEqual(['headache duration (hours) on 1 more headache days']);
});

test('the median over an even number of days is the mean of the middle two', () => {
  expect(median([3, 3, 3, 3, 3, 5, 5, 5, 5, 5])).toBe(4);
  const d = new DiaryBuilder(E);
  const entries = [
    ...d.range(-89, -60, { headacheDays: 5, hours: 3 }),
    ...d.range(-59, 0, { headacheDays: 5, hours: 5 }),
  ];
  expect(analyzeDiary(diaryRecord(entries), evaluationContext(E)).headacheDuration.status).toBe('met');
});

test('duration from entry periods: union of overlapping periods of one date, capped at 24 h', () => {
  const d = new DiaryBuilder(E);
  const a = d.entry(0, { period: { from: -1, startTime: '08:00', endTime: '10:00' } });
  const b = d.entry(0, { period: { from: -1, startTime: '09:00', endTime: '12:00' } });
  const c = d.entry(0, { period: { from: -1, startTime: '20:00', endTime: '21:00' } });
  const record = diaryRecord([a, b, c]);
  expect(record.observations).toHaveLength(3);
  const day = {
    headache: true,
    migraine: false,
    refs: [],
    intervals: [a, b, c].map(
      (o) => [Date.parse(o.effectivePeriod!.start!), Date.parse(o.effectivePeriod!.end!)] as [number, number],
    ),
  };
  expect(dailyDurationHours(day)).toBe(5);
  expect(dailyDurationHours({ ...day, intervals: [[0, 30 * 3_600_000]] })).toBe(24);
});

test('the headache-duration component wins over the entry period', () => {
  expect(
    dailyDurationHours({
      headache: true,
      migraine: false,
      refs: [],
      componentHours: 2,
      intervals: [[0, 6 * 3_600_000]],
    }),
  ).toBe(2);
});

test('ten timed 4-hour entries (periods, no component) meet the criterion; date-only entries have no duration', () => {
  const d = new DiaryBuilder(E);
  const timed = Array.from({ length: 10 }, (_, i) =>
    d.entry(0, { period: { from: -i, startTime: '06:00', endTime: '10:00', zone: '+01:00' } }),
  );
  const dateOnly = Array.from({ length: 10 }, (_, i) => d.entry(-20 - i));
  const r = analyzeDiary(
    diaryRecord([...d.range(-89, -30, { headacheDays: 0 }), ...timed, ...dateOnly]),
    evaluationContext(E),
  );
  expect(r.headacheDuration.status).toBe('met');
  expect(r.headacheDuration.evidence).toHaveLength(10);
});

test('a period crossing midnight counts in full on both dates it marks', () => {
  const d = new DiaryBuilder(E);
  const overnight = Array.from({ length: 5 }, (_, i) =>
    d.entry(0, { period: { from: -3 * i - 1, to: -3 * i, startTime: '22:00', endTime: '03:00', zone: '+00:00' } }),
  );
  const r = analyzeDiary(diaryRecord([...d.range(-89, -30, { headacheDays: 0 }), ...overnight]), evaluationContext(E));
  expect(r.headacheDuration.status).toBe('met');
  expect(r.headacheDuration.summary).toContain('Median headache duration 5 h over 10 headache days');
});
