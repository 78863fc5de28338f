import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { ASSESSMENT_EXTENSION } from '../../src/cds/card-log-summary.ts';
import { type Card, checkCdsResponse } from '../../src/cds/schemas/response.ts';
import { patientViewRequest } from '../support/cds-requests.ts';
import { DiaryBuilder } from '../support/diary-builders.ts';
import { administration, HCPCS } from '../support/medication-builders.ts';
import { adult, botoxProcedure, chronicMigraineDx, daysAgo, E } from '../support/record-builders.ts';
import { createTestApp } from '../support/test-app.ts';

interface Ext {
  status?: string;
  treatment?: { cycles: number; indicationInferredCycles?: number; response?: { verdict: string } };
  previouslyTreated?: { cycles: number; last: string; indicationInferredCycles?: number };
}

/** BOTOX given with no reason and no 64615 (no other toxin indication on record): a cycle, indication inferred. */
const botoxNoReason = (ago: number) =>
  administration('completed', { medication: HCPCS('J0585'), dateTime: daysAgo(ago), units: 155 });

async function patientView(resources: Resource[]): Promise<Card> {
  const { postJson } = await createTestApp({ env: { EVALUATION_DATE: E } });
  const res = await postJson('/cds-services/botox-candidacy', patientViewRequest(resources));
  expect(res.status).toBe(200);
  const body = (await res.json()) as { cards: Card[] };
  expect(checkCdsResponse(body)).toEqual([]);
  expect(body.cards).toHaveLength(1);
  expect(body.cards[0]!.summary.length).toBeLessThan(140);
  return body.cards[0]!;
}
const ext = (card: Card) => card.extension?.[ASSESSMENT_EXTENSION] as Ext;

describe('treatment summary: cycles counted with the indication inferred (clinical-rules 2.3)', () => {
  test('on treatment: summary, detail and extension say how many cycles were inferred', async () => {
    const card = await patientView([
      adult(),
      chronicMigraineDx(),
      botoxProcedure(-340),
      botoxProcedure(-250),
      botoxProcedure(-165),
      botoxNoReason(80),
    ]);
    expect(ext(card).status).toBe('on-treatment');
    // The summary follows clinical-rules 8 ("Botox: next cycle from ..."); the mark is in the course line.
    expect(card.summary).toMatch(/^Botox: (next cycle from|cycle 5 due now)/);
    expect(card.detail).toContain('**Course:** 4 cycles (indication inferred for 1) since');
    expect(ext(card).treatment).toMatchObject({ cycles: 4, indicationInferredCycles: 1 });
  });

  test('no inferred cycle: no mark', async () => {
    const card = await patientView([adult(), chronicMigraineDx(), botoxProcedure(-165), botoxProcedure(-80)]);
    expect(card.summary).toMatch(/^Botox: /);
    expect(card.detail).not.toMatch(/inferred/);
    expect(ext(card).treatment?.indicationInferredCycles).toBeUndefined();
  });

  test('with the stop advice the summary stays under 140 characters and keeps the advice with the numbers', async () => {
    const d = new DiaryBuilder(E, 'p1');
    const card = await patientView([
      adult(),
      chronicMigraineDx(),
      // Baseline: the 30 days before the course's first cycle (E-260); follow-up W1-W3, all after the second (E-170).
      ...d.range(-290, -261, { headacheDays: 20, migraineDays: 10, hours: 6 }),
      ...d.range(-260, -90, { headacheDays: 100, migraineDays: 50, hours: 6 }),
      ...d.months([
        [18, 9, 6],
        [18, 9, 6],
        [18, 9, 6],
      ]),
      botoxProcedure(-260),
      botoxProcedure(-170),
      botoxNoReason(60),
    ]);
    expect(ext(card).treatment?.response?.verdict).toBe('non-responding');
    expect(card.summary).toMatch(
      /^Botox: next cycle from \d{4}-\d{2}-\d{2}; not responding after 2 cycles \(20 -> 18 days\): consider stopping$/,
    );
    expect(card.detail).toContain('**Course:** 3 cycles (indication inferred for 1) since');
  });

  test('previously treated: the detail and extension mark the inferred cycles', async () => {
    const card = await patientView([adult(), chronicMigraineDx(), botoxNoReason(300)]);
    expect(card.detail).toContain(`**Previously treated:** 1 cycle (indication inferred), last ${daysAgo(300)}`);
    expect(ext(card).previouslyTreated).toEqual({ cycles: 1, last: daysAgo(300), indicationInferredCycles: 1 });
  });
});
