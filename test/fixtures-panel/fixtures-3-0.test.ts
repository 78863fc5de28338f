import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { fixturePanel } from '../../fhir-fixtures/index.ts';
import { assessCandidacy } from '../../src/engine/assess-candidacy.ts';
import { addDays } from '../../src/engine/dates.ts';
import { buildPatientRecord } from '../../src/engine/patient-record.ts';
import { loadPolicy } from '../../src/engine/policy/load-policy.ts';

const E = new Date().toISOString().slice(0, 10);
const { patients } = fixturePanel(E);

function assess(id: string, policy = 'default') {
  const p = patients.find((x) => x.id === id)!;
  const resources = (p.bundle.entry ?? []).map((e) => e.resource as Resource);
  return assessCandidacy(buildPatientRecord(resources, { patientId: id }), loadPolicy(policy), {
    evaluationDate: E,
    siteTimeZone: 'UTC',
  });
}

/** The 3.0 fixtures say what each new rule does, under more than the default policy (clinical-rules 2.1, 3). */
describe('fixtures for the clinical 3.0 diary rules', () => {
  test('cm-daily-triptan-overuse: overuse from the daily records; candidate no more under payer-strict', () => {
    const a = assess('cm-daily-triptan-overuse');
    expect(a.status).toBe('candidate');
    expect(a.findings.find((f) => f.id === 'medication-overuse')?.summary).toContain('triptan on 12 days');
    expect(a.medicationOveruse.assessedBy).toBe('daily-records');
    const strict = assess('cm-daily-triptan-overuse', 'payer-strict');
    expect(strict.status).toBe('not-eligible');
    expect(strict.findings.find((f) => f.id === 'medication-overuse')?.blocking).toBe(true);
  });

  test('cm-moh-diagnosis: the caution from the diagnosis alone, no "not assessed" note', () => {
    const a = assess('cm-moh-diagnosis');
    expect(a.findings.find((f) => f.id === 'medication-overuse')?.summary).toBe(
      `medication-overuse headache, diagnosed ${addDays(E, -45)}`,
    );
    expect(a.notes.filter((n) => n.kind === 'not-assessed')).toEqual([]);
  });

  test('cm-responding: the baseline met the criteria before the first cycle; responding 22 -> 8', () => {
    const a = assess('cm-responding');
    const cm = a.criteria.find((c) => c.id === 'chronic-migraine')!;
    expect(cm).toMatchObject({ status: 'met', judgedBefore: addDays(E, -150) });
    expect(a.treatment?.response).toMatchObject({ verdict: 'responding', measure: '22 -> 8 headache days, -64%' });
  });

  test('cm-non-responding keeps its verdict with two windows after its second cycle', () => {
    expect(assess('cm-non-responding').treatment?.response).toMatchObject({
      verdict: 'non-responding',
      followUpWindows: 2,
      measure: '20 -> 17 headache days, -15%',
    });
  });

  test('cm-midas-response: responding by MIDAS before the diary can judge; too early under nice-ta260', () => {
    const r = assess('cm-midas-response').treatment?.response;
    expect(r).toMatchObject({ verdict: 'responding', decidedBy: 'midas', measure: 'MIDAS 48 -> 30, -38%' });
    expect(r?.diaryNotJudged).toContain(`response from ${addDays(E, 19)}`);
    expect(assess('cm-midas-response', 'nice-ta260').treatment?.response.verdict).toBe('too-early');
  });

  test('cm-diary-unlogged: W1 undecided with 7 unlogged days; the diagnosis cannot stand in', () => {
    const a = assess('cm-diary-unlogged');
    expect(a.status).toBe('incomplete');
    expect(a.diaryWindows.find((w) => w.measure === 'headache-days' && w.end === addDays(E, -1))).toMatchObject({
      days: 13,
      logged: 23,
    });
    expect(a.notes).toContainEqual({
      kind: 'completeness',
      text: `7 days not logged in ${addDays(E, -30)} to ${addDays(E, -1)}`,
    });
  });
});

test('cm-midas-response: the summary names the MIDAS response that decided, never headache-day numbers it lacks', async () => {
  const { candidacySummary } = await import('../../src/cds/cards/candidacy-summary.ts');
  const summary = candidacySummary(assess('cm-midas-response'), loadPolicy('default').parameters);
  expect(summary).toContain('responding (MIDAS 48 -> 30, -38%)');
  expect(summary).not.toMatch(/undefined|NaN|0 -> 0/);
});
