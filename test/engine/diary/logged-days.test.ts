import type { Condition } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { analyzeDiary } from '../../../src/engine/diary/analyze-diary.ts';
import { DiaryBuilder, diaryRecord, evaluationContext, todayUtc } from '../../support/diary-builders.ts';

const E = todayUtc();

/** A chronic-migraine Condition (G43.709) recorded on E + offset. */
function cmDiagnosis(d: DiaryBuilder, offset: number): Condition {
  return {
    resourceType: 'Condition',
    id: 'cm-dx',
    subject: { reference: 'Patient/diary-patient' },
    clinicalStatus: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
    },
    code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'G43.709' }] },
    recordedDate: d.day(offset),
  };
}

/**
 * W1 = [E-29, E] with `headache` headache days, `free` headache-free entries and the rest unlogged; W2 and W3 fully
 * logged with 16 headache days (clinical-rules 2.1 "Logged days", 3.0).
 */
function diaryWithGaps(d: DiaryBuilder, headache: number, free: number) {
  // The unlogged days open the window: the entries run up to E, so A = E.
  return [...d.range(-(headache + free) + 1, 0, { headacheDays: headache }), ...d.months([[16], [16]], -30)];
}

describe('a diary that records headache-free days: reached, not reached, undecided (clinical-rules 2.1, 11.1)', () => {
  test.each([
    // H >= 15: reached, whatever is unlogged.
    { headache: 15, free: 5, status: 'met' },
    // H + U < 15: 10 headache, 17 free, 3 unlogged -> 13 < 15: not reached.
    { headache: 10, free: 17, status: 'unmet' },
    // H + U >= 15 > H: 10 headache, 10 free, 10 unlogged: undecided.
    { headache: 10, free: 10, status: 'unknown' },
  ])('W1 $headache headache days, $free headache-free entries -> $status', ({ headache, free, status }) => {
    const d = new DiaryBuilder(E);
    const r = analyzeDiary(diaryRecord(diaryWithGaps(d, headache, free)), evaluationContext(E));
    expect(r.chronicMigraine.status).toBe(status);
    const w1 = r.windows.find((w) => w.measure === 'headache-days' && w.end === E)!;
    expect(w1).toMatchObject({ days: headache, logged: headache + free });
    expect(r.chronicMigraine.summary).toContain(`${headache} (${headache + free} of 30 days logged) in ${d.day(-29)}`);
    const unlogged = 30 - headache - free;
    expect(r.notes).toContainEqual({
      kind: 'completeness',
      text: `${unlogged} days not logged in ${d.day(-29)} to ${E}`,
    });
  });

  test('an undecided covered window blocks the diagnosis stand-in; the criterion asks for the unlogged days', () => {
    const d = new DiaryBuilder(E);
    const r = analyzeDiary(diaryRecord([...diaryWithGaps(d, 10, 10), cmDiagnosis(d, -20)]), evaluationContext(E));
    expect(r.chronicMigraine.status).toBe('unknown');
    expect(r.chronicMigraine.missing?.[0]).toContain(`10 days not logged in ${d.day(-29)} to ${E}`);
  });

  test('a short diary whose covered windows are reached does not block the stand-in (11.1)', () => {
    const d = new DiaryBuilder(E);
    // Diary since E-40: W1 covered and reached, W2 and W3 not covered.
    const r = analyzeDiary(
      diaryRecord([...d.range(-40, 0, { headacheDays: 41 }), cmDiagnosis(d, -20)]),
      evaluationContext(E),
    );
    expect(r.chronicMigraine.status).toBe('met');
    expect(r.chronicMigraine.summary).toMatch(/^met by diagnosis/);
  });

  test('a headache entry and a headache-free entry on one date: a headache day, logged once (11.1)', () => {
    const d = new DiaryBuilder(E);
    const obs = [...d.months([[16], [16], [16]]), d.entry(-1, { kind: 'free' })];
    // d.months puts its headaches first in each window: E-1 is headache-free already; add a headache on E-1.
    const r = analyzeDiary(diaryRecord([...obs, d.entry(-1)]), evaluationContext(E));
    expect(r.windows[0]).toMatchObject({ days: 17, logged: 30 });
  });

  test('a headache-free entry older than 365 days does not make the diary record headache-free days (11.2)', () => {
    const d = new DiaryBuilder(E);
    // Only headache entries in the last 90 days (15, 15, 14 with gaps) and one headache-free entry on E-400.
    const obs = [
      d.entry(-400, { kind: 'free' }),
      ...d.range(-89, 0, { headacheDays: 0, recordFree: false }),
      ...[...Array(14).keys()].map((i) => d.entry(-89 + i)),
      ...[...Array(16).keys()].map((i) => d.entry(-59 + i)),
      ...[...Array(16).keys()].map((i) => d.entry(-29 + i)),
    ];
    const r = analyzeDiary(diaryRecord(obs), evaluationContext(E));
    expect(r.windows[0]!.logged).toBeUndefined();
    expect(r.chronicMigraine.status).toBe('unmet');
    expect(r.notes).toContainEqual({
      kind: 'completeness',
      text: 'this diary records headache days only: days without an entry are read as headache-free',
    });
  });

  test('migraine days follow the same rule (T = minMigraineDays)', () => {
    const d = new DiaryBuilder(E);
    // W1: 16 headache days of which 6 migraines, 8 headache-free entries, 6 unlogged: 6 + 6 >= 8 -> undecided.
    const obs = [
      ...d.range(-23, 0, { headacheDays: 16, migraineDays: 6 }),
      ...d.months(
        [
          [16, 9],
          [16, 9],
        ],
        -30,
      ),
    ];
    const r = analyzeDiary(diaryRecord(obs), evaluationContext(E));
    expect(r.migraineDays.status).toBe('unknown');
    expect(r.migraineDays.summary).toContain(`6 days not logged in ${d.day(-29)} to ${E}`);
    expect(r.chronicMigraine.status).toBe('met');
  });

  test('acute-medication-taken records are not diary entries: they set neither L nor logged days (11.1)', () => {
    const d = new DiaryBuilder(E);
    const obs = [...d.months([[16], [16], [16]], -5), d.acuteTaken(0, 'triptan')];
    const r = analyzeDiary(diaryRecord(obs), evaluationContext(E));
    expect(r.windows[0]).toMatchObject({ end: d.day(-5), logged: 30 });
  });
});
