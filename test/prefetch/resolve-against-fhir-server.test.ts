import type { Bundle, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PATIENT_RECORD_PREFETCH } from '../../src/cds/services/patient-prefetch.ts';
import { HttpProblem } from '../../src/http/operation-outcome.ts';
import type { PrefetchData, PrefetchOutcome } from '../../src/prefetch/types.ts';
import { type LocalServer, startEmbeddedFhir } from './support/local-servers.ts';
import { chronicMigraineRecord, PATIENT_ID, searchset } from './support/patient-record.ts';
import { ACCESS_TOKEN, patientViewRequest, resolverUnderTest } from './support/resolver-harness.ts';

const evaluationDate = new Date().toISOString().slice(0, 10);
const record = chronicMigraineRecord(evaluationDate, 7);
const ofType = (type: string) =>
  record.filter((r) => r.resourceType === type && JSON.stringify(r).includes(`Patient/${PATIENT_ID}`));
const patient = record.find((r) => r.resourceType === 'Patient' && r.id === PATIENT_ID) as Resource;

let fhir: LocalServer;
beforeAll(async () => {
  // Page size 3: the seven diary observations come in three pages.
  fhir = await startEmbeddedFhir(record, 3);
});
afterAll(() => fhir.close());

const ids = (outcome: PrefetchOutcome | undefined) =>
  outcome?.status === 'ok' ? outcome.resources.map((r) => `${r.resourceType}/${r.id}`).sort() : outcome;
const fullPrefetch = () => ({
  patient,
  conditions: searchset(ofType('Condition')),
  observations: searchset(ofType('Observation')),
  medicationStatements: searchset(ofType('MedicationStatement')),
  medicationRequests: searchset([]),
  medicationAdministrations: searchset([]),
  procedures: searchset([]),
  allergies: searchset(ofType('AllergyIntolerance')),
});

async function resolve(input: Parameters<typeof patientViewRequest>[0]): Promise<PrefetchData> {
  const { resolver } = resolverUnderTest();
  return resolver.resolve(PATIENT_RECORD_PREFETCH, patientViewRequest(input));
}

describe('prefetch resolution against a real FHIR server', () => {
  test('a full prefetch is used as given and the FHIR server is never called', async () => {
    const before = fhir.seen.length;
    const data = await resolve({ fhirServer: fhir.base, token: ACCESS_TOKEN, prefetch: fullPrefetch() });
    expect(fhir.seen.length).toBe(before);
    expect(Object.values(data).every((o) => o.status === 'ok' && o.source === 'prefetch')).toBe(true);
    expect(ids(data.observations)).toHaveLength(7);
  });

  test('a partial prefetch fetches only the absent keys, with the bearer token and the bare patient id', async () => {
    const { patient: p, conditions, ...rest } = fullPrefetch();
    void rest;
    const before = fhir.seen.length;
    const data = await resolve({ fhirServer: fhir.base, token: ACCESS_TOKEN, prefetch: { patient: p, conditions } });
    const calls = fhir.seen.slice(before);
    expect(data.patient).toMatchObject({ status: 'ok', source: 'prefetch' });
    expect(data.conditions).toMatchObject({ status: 'ok', source: 'prefetch' });
    expect(data.allergies).toMatchObject({ status: 'ok', source: 'fetched' });
    expect(ids(data.allergies)).toEqual(['AllergyIntolerance/pcn-allergy']);
    expect(calls.some((c) => c.path.startsWith('/fhir/Patient/') || c.path.startsWith('/fhir/Condition'))).toBe(false);
    expect(calls.map((c) => c.path)).toContain(`/fhir/AllergyIntolerance?patient=${PATIENT_ID}`);
    expect(calls.every((c) => c.authorization === `Bearer ${ACCESS_TOKEN}`)).toBe(true);
  });

  test('no prefetch: every key is fetched, searches hold only this patient, and no header is sent without a token', async () => {
    const before = fhir.seen.length;
    const data = await resolve({ fhirServer: fhir.base });
    expect(ids(data.patient)).toEqual([`Patient/${PATIENT_ID}`]);
    expect(ids(data.conditions)).toEqual(['Condition/cm-dx']);
    expect(ids(data.medicationStatements)).toEqual([
      'MedicationStatement/preventive-0',
      'MedicationStatement/preventive-1',
    ]);
    expect(data.procedures).toEqual({ status: 'ok', source: 'fetched', resources: [] });
    expect(fhir.seen.slice(before).every((c) => c.authorization === undefined)).toBe(true);
  });

  test('a searchset is followed through its next links', async () => {
    const before = fhir.seen.length;
    const data = await resolve({ fhirServer: fhir.base, token: ACCESS_TOKEN });
    expect(ids(data.observations)).toHaveLength(7);
    const observationCalls = fhir.seen.slice(before).filter((c) => c.path.includes('/Observation'));
    expect(observationCalls).toHaveLength(3);
    expect(observationCalls.every((c) => c.authorization === `Bearer ${ACCESS_TOKEN}`)).toBe(true);
  });

  test('null and empty-searchset keys mean "nothing there" and are not refetched', async () => {
    const before = fhir.seen.length;
    const data = await resolve({
      fhirServer: fhir.base,
      token: ACCESS_TOKEN,
      prefetch: { ...fullPrefetch(), allergies: null, observations: searchset([]) },
    });
    expect(fhir.seen.length).toBe(before);
    expect(data.allergies).toEqual({ status: 'ok', source: 'prefetch', resources: [] });
    expect(data.observations).toEqual({ status: 'ok', source: 'prefetch', resources: [] });
  });

  test('an OperationOutcome key is fetched again from the FHIR server', async () => {
    const failed = {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'timeout', diagnostics: 'upstream timeout' }],
    };
    const data = await resolve({
      fhirServer: fhir.base,
      token: ACCESS_TOKEN,
      prefetch: { ...fullPrefetch(), allergies: failed },
    });
    expect(data.allergies).toMatchObject({ status: 'ok', source: 'fetched' });
    expect(ids(data.allergies)).toEqual(['AllergyIntolerance/pcn-allergy']);
  });

  test('a prefetched first page with a next link is completed from the FHIR server', async () => {
    const firstPage = (await (await fetch(`${fhir.base}/Observation?patient=${PATIENT_ID}`)).json()) as Bundle;
    expect(firstPage.link?.some((l) => l.relation === 'next')).toBe(true);
    const data = await resolve({
      fhirServer: fhir.base,
      token: ACCESS_TOKEN,
      prefetch: { ...fullPrefetch(), observations: firstPage },
    });
    expect(data.observations).toMatchObject({ status: 'ok', source: 'fetched' });
    expect(ids(data.observations)).toHaveLength(7);
  });

  test('no prefetch and no fhirServer: the required patient is a 412 naming the key', async () => {
    const error = await resolve({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpProblem);
    const problem = error as HttpProblem;
    expect(problem.status).toBe(412);
    expect(problem.outcome.issue[0]?.diagnostics).toContain('"patient"');
    expect(problem.outcome.issue[0]?.expression).toEqual(['prefetch.patient']);
  });

  test('no fhirServer: optional keys that were not prefetched are unavailable with a plain reason', async () => {
    const data = await resolve({ prefetch: { patient } });
    expect(data.conditions).toEqual({
      status: 'unavailable',
      reason: 'not prefetched, and the request named no FHIR server to fetch it from',
    });
  });

  test('a patient the FHIR server does not know is a 412', async () => {
    const error = (await resolve({ fhirServer: fhir.base, patientId: 'no-such-patient' }).catch(
      (e) => e,
    )) as HttpProblem;
    expect(error.status).toBe(412);
    expect(error.outcome.issue[0]?.diagnostics).toMatch(/"patient".*did not provide it/);
    expect(error.outcome.issue[0]?.diagnostics).not.toContain('404');
  });
});
