import type { Bundle, CapabilityStatement, Observation, Patient } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, test } from 'vitest';
import { createEmbeddedFhirServer } from '../../src/fhir-server/embedded-fhir-server.ts';
import { chronicMigraineRecord, PATIENT_ID } from '../prefetch/support/patient-record.ts';

const evaluationDate = new Date().toISOString().slice(0, 10);
const BASE = 'http://cds.test/fhir';
const fhir = createEmbeddedFhirServer({
  resources: chronicMigraineRecord(evaluationDate, 7),
  baseUrl: BASE,
  paging: { defaultCount: 3 },
});
const get = async <T>(path: string) => {
  const res = await fhir.request(`http://cds.test${path}`);
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as T };
};
const search = (path: string) => get<Bundle>(path);
const idsOf = (bundle: Bundle) => (bundle.entry ?? []).map((e) => e.resource?.id);
const nextOf = (bundle: Bundle) => bundle.link?.find((l) => l.relation === 'next')?.url;

beforeAll(async () => {
  await fhir.request('http://cds.test/metadata');
});

describe('embedded FHIR server: what the sandbox calls on start', () => {
  test('metadata is a FHIR 4.0.1 CapabilityStatement in FHIR JSON', async () => {
    const { status, type, body } = await get<CapabilityStatement>('/metadata');
    expect(status).toBe(200);
    expect(type).toContain('application/fhir+json');
    expect(body).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', kind: 'instance' });
    const observation = body.rest?.[0]?.resource?.find((r) => r.type === 'Observation');
    expect(observation?.searchParam?.map((p) => p.name)).toEqual(expect.arrayContaining(['patient', 'code', 'date']));
  });

  test('GET /Patient lists patients without authentication', async () => {
    const { status, body } = await search('/Patient');
    expect(status).toBe(200);
    expect(body.total).toBe(2);
  });

  test('a patient read gives name[0].given as an array', async () => {
    const { status, body } = await get<Patient>(`/Patient/${PATIENT_ID}`);
    expect(status).toBe(200);
    expect(body.name?.[0]?.given).toEqual(['Adaeze', 'N']);
  });

  test("Condition?patient=<bare id> finds the patient's conditions (total > 0) and no one else's", async () => {
    const { body } = await search(`/Condition?patient=${PATIENT_ID}`);
    expect(body.total).toBe(1);
    expect(idsOf(body)).toEqual(['cm-dx']);
    expect(body.entry?.[0]?.fullUrl).toBe(`${BASE}/Condition/cm-dx`);
  });
});

describe('embedded FHIR server: search', () => {
  test('POST {Type}/_search with form-encoded parameters searches like GET', async () => {
    const res = await fhir.request('http://cds.test/AllergyIntolerance/_search', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `patient=${PATIENT_ID}`,
    });
    const body = (await res.json()) as Bundle;
    expect(res.status).toBe(200);
    expect(idsOf(body)).toEqual(['pcn-allergy']);
  });

  test('a search is paged with next links that lead through every result exactly once', async () => {
    const seen: (string | undefined)[] = [];
    let url: string | undefined = `${BASE}/Observation?patient=${PATIENT_ID}`;
    let pages = 0;
    while (url) {
      const { body } = await search(url.replace(BASE, ''));
      expect(body.total).toBe(7);
      seen.push(...idsOf(body));
      url = nextOf(body);
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
  });

  test('_sort=-date gives the most recent first and _count sets the page size', async () => {
    const { body } = await search(`/Observation?patient=Patient/${PATIENT_ID}&_sort=-date&_count=2`);
    const dates = (body.entry ?? []).map((e) => (e.resource as Observation).effectivePeriod?.start ?? '');
    expect(dates).toHaveLength(2);
    expect(dates[0]! > dates[1]!).toBe(true);
    expect(idsOf(body)).toEqual(['headache-days-0', 'headache-days-1']);
  });

  test('date, code and status filter the results', async () => {
    const since = new Date(`${evaluationDate}T00:00:00Z`);
    since.setUTCDate(since.getUTCDate() - 55); // a period matches ge when it ends on or after the date
    const sinceDay = since.toISOString().slice(0, 10);
    const byDate = await search(`/Observation?patient=${PATIENT_ID}&date=ge${sinceDay}&_count=50`);
    expect(idsOf(byDate.body).sort()).toEqual(['headache-days-0', 'headache-days-1']);
    const byCode = await search(
      `/MedicationStatement?patient=${PATIENT_ID}&code=http://www.nlm.nih.gov/research/umls/rxnorm|38404`,
    );
    expect(idsOf(byCode.body)).toEqual(['preventive-0']);
    const byStatus = await search(`/MedicationStatement?patient=${PATIENT_ID}&status=active`);
    expect(byStatus.body.total).toBe(0);
  });

  test('unknown parameters are ignored instead of matching nothing', async () => {
    const { body } = await search(`/Condition?patient=${PATIENT_ID}&_format=json&x-vendor-flag=1`);
    expect(body.total).toBe(1);
  });

  test('a bad _count is a 400 OperationOutcome that does not echo the input', async () => {
    const { status, body } = await get<{ resourceType: string }>('/Condition?_count=lots');
    expect(status).toBe(400);
    expect(body.resourceType).toBe('OperationOutcome');
    expect(JSON.stringify(body)).not.toContain('lots');
  });
});

describe('embedded FHIR server: errors and writes', () => {
  test('an unknown id or type is a 404 OperationOutcome', async () => {
    expect((await get('/Patient/nobody')).status).toBe(404);
    expect((await get('/NotAType/1')).status).toBe(404);
    expect((await get('/NotAType')).status).toBe(404);
  });

  test.each(['POST', 'PUT', 'PATCH', 'DELETE'])('%s writes are 405: the server is read-only', async (method) => {
    const path = method === 'POST' ? '/Patient' : `/Patient/${PATIENT_ID}`;
    const res = await fhir.request(`http://cds.test${path}`, {
      method,
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Patient', id: PATIENT_ID }),
    });
    expect(res.status).toBe(405);
    expect(((await res.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
    expect((await get<Patient>(`/Patient/${PATIENT_ID}`)).body.name?.[0]?.family).toBe('Okafor');
  });
});
