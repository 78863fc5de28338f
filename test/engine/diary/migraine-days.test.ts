import { expect, test } from 'vitest';
import { analyzeDiary } from '../../../src/engine/diary/analyze-diary.ts';
import { DiaryBuilder, diaryRecord, evaluationContext, todayUtc } from '../../support/diary-builders.ts';

const E = todayUtc();

test.each([
  { migraine: [8, 8, 8], status: 'met' },
  { migraine: [7, 8, 8], status: 'unmet' },
  { migraine: [8, 8, 7], status: 'unmet' },
  { migraine: [0, 0, 1], status: 'unmet' },
  { migraine: [0, 0, 0], status: 'unknown' },
])('daily diary, migraine days $migraine -> $status', ({ migraine, status }) => {
  const d = new DiaryBuilder(E);
  const record = diaryRecord(d.months(migraine.map((m) => [20, m] as [number, number])));
  const r = analyzeDiary(record, evaluationContext(E));
  expect(r.migraineDays.status).toBe(status);
  expect(r.migraineDays.basis).toEqual(['ichd3']);
  // A migraine day is also a headache day: headache counts are unchanged by the typing.
  expect(r.chronicMigraine.status).toBe('met');
});

test('an untyped daily diary with no migraine-days summaries is unknown and asks for typing', () => {
  const d = new DiaryBuilder(E);
  const r = analyzeDiary(diaryRecord(d.months([[20], [20], [20]])), evaluationContext(E));
  expect(r.migraineDays.status).toBe('unknown');
  expect(r.migraineDays.missing?.[0]).toMatch(/migraine days in the diary/);
  expect(r.windows.every((w) => w.measure === 'headache-days')).toBe(true);
});

test('migraine-coded headache-free entries type the diary: migraine days are counted (0 here), not unknown', () => {
  // An app that records each day as Migraine yes/no, and headaches without migraine features as Headache.
  const d = new DiaryBuilder(E);
  const entries = d
    .months([[20], [20], [20]])
    .map((obs) =>
      obs.valueBoolean === false
        ? { ...obs, code: { coding: [{ system: 'http://snomed.info/sct', code: '37796009', display: 'Migraine' }] } }
        : obs,
    );
  const r = analyzeDiary(diaryRecord(entries), evaluationContext(E));
  expect(r.migraineDays.status).toBe('unmet');
  expect(r.migraineDays.summary).not.toMatch(/no migraine-coded entry/);
  expect(r.windows.filter((w) => w.measure === 'migraine-days').map((w) => [w.source, w.days])).toEqual([
    ['daily', 0],
    ['daily', 0],
    ['daily', 0],
  ]);
  // Headache-free entries add no headache day, migraine-coded or not.
  expect(r.windows.filter((w) => w.measure === 'headache-days').map((w) => w.days)).toEqual([20, 20, 20]);
});

test('an untyped covering daily diary gives way to migraine-days summaries', () => {
  const d = new DiaryBuilder(E);
  const record = diaryRecord([...d.months([[20], [20], [20]]), ...d.summaries('migraine-days', [9, 9, 9])]);
  const r = analyzeDiary(record, evaluationContext(E));
  expect(r.migraineDays.status).toBe('met');
  expect(r.windows.filter((w) => w.measure === 'migraine-days').map((w) => w.source)).toEqual([
    'summary',
    'summary',
    'summary',
  ]);
  expect(r.windows.filter((w) => w.measure === 'headache-days').map((w) => w.source)).toEqual([
    'daily',
    'daily',
    'daily',
  ]);
});

test.each([
  { values: [8, 8, 8], status: 'met' },
  { values: [8, 7, 8], status: 'unmet' },
])('migraine-days summaries $values -> $status', ({ values, status }) => {
  const d = new DiaryBuilder(E);
  const r = analyzeDiary(diaryRecord(d.summaries('migraine-days', values)), evaluationContext(E));
  expect(r.migraineDays.status).toBe(status);
});

test('no diary at all: unknown', () => {
  const r = analyzeDiary(diaryRecord([]), evaluationContext(E));
  expect(r.migraineDays.status).toBe('unknown');
  expect(r.migraineDays.missing).toEqual(['a headache diary covering the last 90 days']);
});
