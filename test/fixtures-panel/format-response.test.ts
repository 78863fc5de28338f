import { expect, test } from 'vitest';
import { cardStatuses, formatResponse } from '../../scripts/replay/format-response.ts';

const card = {
  uuid: '0b6e2c6a-3f51-4f59-9a43-0b1c1a4f7c11',
  summary: 'On Botox for chronic migraine (2 cycles): not responding after 2 cycles',
  indicator: 'warning',
  source: { label: 'migraine-cds (policy default 2026.11.0)' },
  selectionBehavior: 'at-most-one',
  suggestions: [
    {
      label: 'Set the dose to 155 Units',
      uuid: '4a1d7c9e-2b3f-4c5d-8e6f-7a8b9c0d1e2f',
      isRecommended: true,
      actions: [
        { type: 'update', description: 'dose', resource: { resourceType: 'MedicationRequest', id: 'draft-1' } },
      ],
    },
  ],
  extension: {
    'org.migraine-cds.assessment': {
      status: 'on-treatment',
      policy: { id: 'default', version: '2026.11.0' },
      criteria: [
        { id: 'age', status: 'met', basis: ['label'] },
        { id: 'preventive-failures', status: 'unknown', basis: ['coverage'] },
      ],
      findings: [{ id: 'neuromuscular-disorder', severity: 'caution' }],
      treatment: {
        cycles: 2,
        lastCycle: '2026-10-18',
        nextEligible: '2027-01-10',
        due: false,
        overdue: false,
        response: { verdict: 'non-responding', baselineDays: 20, recentDays: 17, reductionPercent: 15 },
      },
    },
  },
};

test('a card prints its indicator, summary, status, criteria table, findings, treatment and suggestions', () => {
  const lines = formatResponse({ cards: [card] });
  expect(lines[0]).toBe('  [WARNING] On Botox for chronic migraine (2 cycles): not responding after 2 cycles');
  expect(lines).toContain('    status: on-treatment   policy: default@2026.11.0');
  expect(lines).toContain('      age                   met      (label)');
  expect(lines).toContain('      preventive-failures   unknown  (coverage)');
  expect(lines).toContain('    findings: neuromuscular-disorder (caution)');
  expect(lines).toContain(
    '    treatment: 2 cycle(s), last 2026-10-18, next eligible 2027-01-10; response non-responding (20 -> 17 headache days, 15% fewer)',
  );
  expect(lines).toContain('    suggestion: Set the dose to 155 Units (recommended) [update MedicationRequest/draft-1]');
});

test('an empty answer prints "(no cards)" and a non-CDS body says so', () => {
  expect(formatResponse({ cards: [] })).toEqual(['  (no cards)']);
  expect(formatResponse({ resourceType: 'OperationOutcome' })[0]).toContain('not a CDS Hooks response');
});

test('statuses are read from the assessment extension, undefined for a card without one', () => {
  expect(cardStatuses({ cards: [card, { summary: 'x' }] })).toEqual(['on-treatment', undefined]);
});
