import { expect, test } from 'vitest';
import { analyzeDiary } from '../../../src/engine/diary/analyze-diary.ts';
import { DiaryBuilder, diaryRecord, evaluationContext, todayUtc } from '../../support/diary-builders.ts';

const E = todayUtc();

test.each([
  { label: 'simple analgesic 15', total: 15, classes: { 'simple-analgesic': 15 }, found: true },
  { label: 'simple analgesic 14', total: 14, classes: { 'simple-analgesic': 14 }, found: false },
  { label: 'triptan 10', total: 10, classes: { triptan: 10 }, found: true },
  { label: 'triptan 9', total: 9, classes: { triptan: 9 }, found: false },
  { label: 'ergot 10', total: 10, classes: { ergot: 10 }, found: true },
  { label: 'opioid 10', total: 10, classes: { opioid: 10 }, found: true },
  { label: 'combination analgesic 10', total: 10, classes: { 'combination-analgesic': 10 }, found: true },
  { label: 'two classes, 10 days', total: 10, classes: { triptan: 5, 'simple-analgesic': 6 }, found: true },
  { label: 'two classes, 9 days', total: 9, classes: { triptan: 5, 'simple-analgesic': 4 }, found: false },
  { label: 'one class, 12 days of simple analgesic', total: 12, classes: { 'simple-analgesic': 12 }, found: false },
  { label: 'gepant and ditan never count', total: 9, classes: { gepant: 20, ditan: 12, triptan: 9 }, found: false },
  { label: 'gepant alone is judged as without components (9)', total: 9, classes: { gepant: 20 }, found: false },
  { label: 'no components, 15', total: 15, classes: undefined, found: true },
  { label: 'no components, 14', total: 14, classes: undefined, found: false },
])('$label in each of three windows -> $found', ({ total, classes: table, found }) => {
  const classes = table as Record<string, number> | undefined;
  const d = new DiaryBuilder(E);
  const obs = d.summaries(
    'acute-medication-days',
    [total, total, total],
    classes ? { classes: [classes, classes, classes] } : {},
  );
  const r = analyzeDiary(diaryRecord(obs), evaluationContext(E));
  expect(!!r.medicationOveruse).toBe(found);
  if (found) {
    expect(r.medicationOveruse).toMatchObject({ id: 'medication-overuse', severity: 'caution' });
    expect(r.medicationOveruse?.evidence).toEqual(obs.map((o) => `Observation/${o.id}`));
  }
});

test('only two consecutive windows, or one window below: no finding', () => {
  const d = new DiaryBuilder(E);
  expect(
    analyzeDiary(diaryRecord(d.summaries('acute-medication-days', [20, 20])), evaluationContext(E)).medicationOveruse,
  ).toBeUndefined();
  expect(
    analyzeDiary(diaryRecord(d.summaries('acute-medication-days', [20, 3, 20])), evaluationContext(E))
      .medicationOveruse,
  ).toBeUndefined();
});

test('outdated acute-medication summaries raise nothing', () => {
  const d = new DiaryBuilder(E);
  const obs = d.summaries('acute-medication-days', [20, 20, 20], { endOffset: -40 });
  expect(analyzeDiary(diaryRecord(obs), evaluationContext(E)).medicationOveruse).toBeUndefined();
});
