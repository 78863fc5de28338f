import type { Bundle, Patient, Resource } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { fixturePanel } from '../../fhir-fixtures/index.ts';
import { FHIR_ID } from '../../src/cds/schemas/fhir.ts';
import { ageInYears } from '../../src/engine/dates.ts';

const E = '2026-11-23';
const { patients, resources } = fixturePanel(E);

/** One patient per situation of issue 5 (the two-patient situations count twice). */
const REQUIRED_IDS = [
  'cm-candidate-daily',
  'cm-candidate-monthly',
  'cm-caution-cosmetic-toxin',
  'cm-caution-myasthenia',
  'migraine-episodic',
  'cm-diary-too-short',
  'cm-no-preventives-tried',
  'cm-one-class-failed',
  'cm-trial-too-short',
  'cm-contra-toxin-allergy',
  'cm-contra-scalp-infection',
  'cm-minor',
  'cm-medication-overuse',
  'cm-on-treatment-due',
  'cm-on-treatment-too-early',
  'cm-responding',
  'cm-non-responding',
  'no-migraine',
];

function bundleResources(bundle: Bundle): Resource[] {
  return (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
}

/** Every `reference` string anywhere inside a value. */
function referencesIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) referencesIn(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string') out.push(v);
      else referencesIn(v, out);
    }
  }
  return out;
}

test('the panel has one patient per required situation, at least 17, with unique stable ids', () => {
  const ids = patients.map((p) => p.id);
  expect(ids.length).toBeGreaterThanOrEqual(17);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toEqual(expect.arrayContaining(REQUIRED_IDS));
  for (const p of patients) expect(p.situation.length).toBeGreaterThan(10);
});

test('every status of the candidacy engine and an out-of-scope patient are expected at least once', () => {
  const statuses = new Set(patients.map((p) => p.expected.status));
  for (const s of ['candidate', 'not-eligible', 'incomplete', 'contraindicated', 'on-treatment']) {
    expect(statuses).toContain(s);
  }
  const outOfScope = patients.filter((p) => p.expected.outOfScope);
  expect(outOfScope.map((p) => p.id)).toEqual(['no-migraine']);
  expect(outOfScope[0]?.expected.status).toBeUndefined();
});

test('every resource has a resourceType and a valid id, unique per type across the panel', () => {
  const keys = resources.map((r) => `${r.resourceType}/${r.id}`);
  expect(new Set(keys).size).toBe(keys.length);
  for (const r of resources) {
    expect(r.resourceType).toMatch(/^[A-Z][A-Za-z]+$/);
    expect(r.id).toMatch(FHIR_ID);
  }
});

describe.each(patients)('$id', (p) => {
  const own = bundleResources(p.bundle);

  test('is a transaction Bundle that PUTs each resource under its own id', () => {
    expect(p.bundle).toMatchObject({ resourceType: 'Bundle', type: 'transaction' });
    for (const e of p.bundle.entry ?? []) {
      expect(e.request).toEqual({ method: 'PUT', url: `${e.resource?.resourceType}/${e.resource?.id}` });
    }
  });

  test('every reference resolves inside its bundle', () => {
    const present = new Set(own.map((r) => `${r.resourceType}/${r.id}`));
    const refs = referencesIn(own);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(present, ref).toContain(ref);
  });

  test('has one US Core-like Patient with identifier, official name with a given array, gender and birth date', () => {
    const found = own.filter((r): r is Patient => r.resourceType === 'Patient');
    expect(found).toHaveLength(1);
    const patient = found[0]!;
    expect(patient.id).toBe(p.id);
    expect(patient.meta?.profile).toContain('http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient');
    expect(patient.identifier?.[0]?.value).toMatch(/^MCDS-\d{4}$/);
    expect(patient.name?.[0]?.family).toBeTruthy();
    expect(Array.isArray(patient.name?.[0]?.given)).toBe(true);
    expect(patient.name?.[0]?.given?.length).toBeGreaterThan(0);
    expect(['female', 'male']).toContain(patient.gender);
    expect(patient.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test('every other resource belongs to this patient', () => {
    for (const r of own) {
      if (r.resourceType === 'Patient' || r.resourceType === 'Practitioner') continue;
      const subject =
        (r as { subject?: { reference?: string }; patient?: { reference?: string } }).subject ??
        (r as { patient?: { reference?: string } }).patient;
      expect(subject?.reference, `${r.resourceType}/${r.id}`).toBe(`Patient/${p.id}`);
    }
  });
});

test('the minor is 16 and every other patient is an adult at E', () => {
  for (const p of patients) {
    const patient = bundleResources(p.bundle).find((r): r is Patient => r.resourceType === 'Patient')!;
    const age = ageInYears(patient.birthDate!, E);
    if (p.id === 'cm-minor') expect(age).toBe(16);
    else expect(age).toBeGreaterThanOrEqual(18);
  }
});

test('resources refers to each patient bundle resource once, plus the shared practitioner once', () => {
  const inBundles = new Set(patients.flatMap((p) => bundleResources(p.bundle).map((r) => `${r.resourceType}/${r.id}`)));
  expect(new Set(resources.map((r) => `${r.resourceType}/${r.id}`))).toEqual(inBundles);
  expect(resources.filter((r) => r.resourceType === 'Practitioner')).toHaveLength(1);
});
