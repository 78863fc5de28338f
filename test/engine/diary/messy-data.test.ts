import { describe, expect, test } from 'vitest';
import { analyzeDiary } from '../../../src/engine/diary/analyze-diary.ts';
import { DiaryBuilder, diaryNotes, diaryRecord, evaluationContext, todayUtc } from '../../support/diary-builders.ts';

const E = todayUtc();

/** W1 with 14 headache days (E-29..E-16), W2 and W3 with 15: one more headache in W1 flips chronic-migraine to met. */
function almost(d: DiaryBuilder) {
  return d.months([[14], [15], [15]]);
}

describe('entries that must not count', () => {
  test.each([
    { label: 'entered-in-error', change: { status: 'entered-in-error' as const }, note: undefined },
    {
      label: 'preliminary',
      change: { status: 'preliminary' as const },
      note: 'diary observation not used: status preliminary',
    },
    {
      label: 'dataAbsentReason',
      change: { dataAbsent: true },
      note: 'diary entry not used: value absent (dataAbsentReason)',
    },
    {
      label: 'month precision',
      change: { dateTime: '__MONTH__' },
      note: 'diary entry not used: date less precise than a day',
    },
  ])('$label', ({ change, note }) => {
    const d = new DiaryBuilder(E);
    const opts = { ...change, ...(change.dateTime ? { dateTime: d.day(-10).slice(0, 7) } : {}) };
    const extra = d.entry(-10, opts);
    const r = analyzeDiary(diaryRecord([...almost(d), extra]), evaluationContext(E));
    expect(r.chronicMigraine.status).toBe('unmet');
    if (note) expect(r.notes).toContainEqual({ kind: 'unused', text: note, evidence: [`Observation/${extra.id}`] });
    else expect(diaryNotes(r.notes)).toEqual([]);
  });

  test('control: the same entry as final counts', () => {
    const d = new DiaryBuilder(E);
    expect(analyzeDiary(diaryRecord([...almost(d), d.entry(-10)]), evaluationContext(E)).chronicMigraine.status).toBe(
      'met',
    );
  });
});

test('several entries on one date are one headache day', () => {
  const d = new DiaryBuilder(E);
  const dupes = [d.entry(-20), d.entry(-20, { kind: 'migraine' }), d.entry(-20, { time: '18:00' })];
  const r = analyzeDiary(diaryRecord([...almost(d), ...dupes]), evaluationContext(E));
  expect(r.windows[0]?.days).toBe(14);
});

test('a headache entry wins over a headache-free entry of the same date; severity 0 is headache-free', () => {
  const d = new DiaryBuilder(E);
  const severityFree = d.entry(-5, { kind: 'free', freeAs: 'severity' });
  const r = analyzeDiary(diaryRecord([...almost(d), severityFree, d.entry(-10)]), evaluationContext(E));
  expect(r.windows[0]?.days).toBe(15);
});

test('a headache-free entry extends coverage without adding a headache day', () => {
  const d = new DiaryBuilder(E);
  const entries = [d.entry(-89, { kind: 'free' }), ...d.range(-88, 0, { headacheDays: 89 })];
  const r = analyzeDiary(diaryRecord(entries), evaluationContext(E));
  expect(r.windows.map((w) => [w.days, w.covered])).toEqual([
    [30, true],
    [30, true],
    [29, true],
  ]);
});

test('an effectivePeriod marks every date from start to end; only the start without an end', () => {
  const d = new DiaryBuilder(E);
  const week = d.entry(0, { period: { from: -10, to: -4 } });
  const open = d.entry(0, { period: { from: -2 } });
  const r = analyzeDiary(diaryRecord([...d.range(-89, 0, { headacheDays: 0 }), week, open]), evaluationContext(E));
  expect(r.windows[0]?.days).toBe(8);
});

test('a period ending before it starts is a data error', () => {
  const d = new DiaryBuilder(E);
  const bad = d.entry(0, { period: { from: -3, to: -5 } });
  expect(analyzeDiary(diaryRecord([bad]), evaluationContext(E)).notes).toContainEqual({
    kind: 'data-error',
    text: 'diary entry not used: period ends before it starts',
    evidence: [`Observation/${bad.id}`],
  });
});

describe('UTC instants near midnight with a non-UTC site zone', () => {
  // E-15 is a headache-free date in W1 of almost(); E-16 already has a headache.
  test.each([
    { zone: 'UTC', at: 'T02:00:00Z', status: 'met' },
    { zone: 'America/New_York', at: 'T02:00:00Z', status: 'unmet' },
    { zone: 'America/New_York', at: 'T01:00:00+02:00', status: 'met' },
    { zone: 'Asia/Tokyo', at: 'T16:00:00Z', status: 'met' },
  ])('an entry at E-16$at in $zone -> $status', ({ zone, at, status }) => {
    const d = new DiaryBuilder(E);
    // Asia/Tokyo: 16:00Z on E-16 is 01:00 on E-15 there.
    const day = zone === 'Asia/Tokyo' ? d.day(-16) : d.day(-15);
    const entry = d.entry(0, { dateTime: `${day}${at}` });
    const r = analyzeDiary(diaryRecord([...almost(d), entry]), evaluationContext(E, { siteTimeZone: zone }));
    expect(r.chronicMigraine.status).toBe(status);
  });
});

test('observations that are not diary data are ignored silently', () => {
  const d = new DiaryBuilder(E);
  const bp = d.entry(-3);
  bp.code = { coding: [{ system: 'http://loinc.org', code: '85354-9' }] };
  const r = analyzeDiary(diaryRecord([bp]), evaluationContext(E));
  expect(diaryNotes(r.notes)).toEqual([]);
  expect(r.hasRecentDiaryData).toBe(false);
});
