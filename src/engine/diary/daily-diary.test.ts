import type { Observation } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../dates.ts';
import { SYSTEMS } from '../fhir/codeable-concept.ts';
import type { DiaryDay } from './daily-diary.ts';
import { DiaryNotes } from './diary-notes.ts';
import { DailyEntryReader } from './read-daily-entries.ts';

const E = dayNumber('2026-06-15');

function entry(id: string, o: Partial<Observation>): Observation {
  return { resourceType: 'Observation', id, status: 'final', code: { text: 'headache' }, ...o };
}

const hours = (h: number) => ({
  code: { coding: [{ system: SYSTEMS.diary, code: 'headache-duration' }] },
  valueQuantity: { value: h, unit: 'h' },
});

/** Reads the entries as readDiary does: one at a time, in record order (`migraine` by id). */
function read(entries: Observation[], migraine: string[] = []) {
  const notes = new DiaryNotes();
  const reader = new DailyEntryReader(entries, E, 'UTC', notes, { from: E - 365, to: E });
  entries.forEach((obs, i) => {
    reader.read(i, obs, migraine.includes(obs.id!));
  });
  return { ...reader.finish(), notes: notes.list() };
}

describe('DailyDiary (flat, day-indexed)', () => {
  it('keeps several entries of one date in reading order, each ref once, and the largest duration', () => {
    const { diary } = read([
      entry('b', { effectiveDateTime: '2026-06-10', component: [hours(3)] }),
      entry('a', { effectiveDateTime: '2026-06-10T08:00:00Z', component: [hours(5)] }),
      entry('b', { effectiveDateTime: '2026-06-10', component: [hours(1)] }),
      entry('c', { effectiveDateTime: '2026-06-11' }),
    ]);
    const day = diary.day(dayNumber('2026-06-10'));
    expect(day).toEqual({
      headache: true,
      migraine: false,
      refs: ['Observation/b', 'Observation/a'],
      intervals: [],
      componentHours: 5,
    });
    const refs: string[] = [];
    for (let d = dayNumber('2026-06-09'); d <= dayNumber('2026-06-12'); d++) diary.appendRefs(d, refs);
    expect(diary.citedOnce(refs)).toEqual(['Observation/b', 'Observation/a', 'Observation/c']);
  });

  it('marks every date of a period up to E, a headache winning over a headache-free entry', () => {
    const { diary } = read(
      [
        entry('free', { effectiveDateTime: '2026-06-13', valueBoolean: false }),
        entry('p', { effectivePeriod: { start: '2026-06-13T22:00:00Z', end: '2026-06-17T02:00:00Z' } }),
      ],
      ['p'],
    );
    expect(diary.first).toBe(dayNumber('2026-06-13'));
    expect(diary.last).toBe(E);
    expect([13, 14, 15, 16].map((d) => diary.isMigraine(dayNumber(`2026-06-${d}`)))).toEqual([true, true, true, false]);
    expect(diary.day(E)?.intervals).toEqual([[Date.parse('2026-06-13T22:00:00Z'), Date.parse('2026-06-17T02:00:00Z')]]);
    const counts = { headacheDays: 0, migraineDays: 0 };
    diary.addDayCounts(E - 10, E + 10, counts);
    expect(counts).toEqual({ headacheDays: 3, migraineDays: 3 });
  });

  it('tells a headache-free date from a date without entries, and answers outside its span', () => {
    const { diary } = read([
      entry('free', { effectiveDateTime: '2026-06-01', valueBoolean: false }),
      entry('h', { effectiveDateTime: '2026-06-03' }),
    ]);
    expect(diary.day(dayNumber('2026-06-01'))).toMatchObject({ headache: false, refs: [] });
    expect(diary.day(dayNumber('2026-06-02'))).toBeUndefined();
    expect(diary.isHeadache(dayNumber('2025-01-01'))).toBe(false);
    expect(diary.day(dayNumber('2027-01-01'))).toBeUndefined();
  });

  it('a reused day view carries nothing over from the previous date', () => {
    const { diary } = read([
      entry('a', { effectiveDateTime: '2026-06-10', component: [hours(6)] }),
      entry('b', { effectivePeriod: { start: '2026-06-11T08:00:00Z', end: '2026-06-11T09:00:00Z' } }),
    ]);
    const view: DiaryDay = { headache: false, migraine: false, refs: [], intervals: [] };
    expect(diary.day(dayNumber('2026-06-10'), view)?.componentHours).toBe(6);
    const next = diary.day(dayNumber('2026-06-11'), view);
    expect(next).toBe(view);
    expect(next).toMatchObject({ refs: ['Observation/b'], componentHours: undefined });
    expect(next?.intervals).toHaveLength(1);
  });

  it('lists what it does not use, and still sees a day of the scope window on an unused entry', () => {
    const { diary, mentionsScopeDay, notes } = read([
      entry('month', { effectiveDateTime: '2026-05' }),
      entry('late', { effectiveDateTime: '2026-07-01' }),
    ]);
    expect(diary.first).toBeUndefined();
    expect(mentionsScopeDay).toBe(true);
    expect(notes.map((n) => n.text)).toEqual([
      'diary entry not used: date less precise than a day',
      'diary entry not used: dated more than 2 days after the evaluation date',
    ]);
  });
});

describe('DiaryNotes.append', () => {
  it('reads as if the later notes had been added after the earlier ones', () => {
    const oneBook = new DiaryNotes();
    const first = new DiaryNotes();
    const later = new DiaryNotes();
    for (const [book, kind, text, ref] of [
      [first, 'unused', 'x', 'Observation/1'],
      [later, 'data-error', 'y', 'Observation/2'],
      [later, 'unused', 'x', 'Observation/3'],
      [first, 'unused', 'z', undefined],
    ] as const) {
      book.add(kind, text, ref);
    }
    oneBook.add('unused', 'x', 'Observation/1');
    oneBook.add('unused', 'z');
    oneBook.add('data-error', 'y', 'Observation/2');
    oneBook.add('unused', 'x', 'Observation/3');
    first.append(later);
    expect(first.list()).toEqual(oneBook.list());
  });
});
