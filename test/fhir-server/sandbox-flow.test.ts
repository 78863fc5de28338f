import type { Bundle, Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ASSESSMENT_EXTENSION } from '../../src/cds/card-log-summary.ts';
import { type Card, checkCdsResponse } from '../../src/cds/schemas/response.ts';
import { startLiveApp } from '../support/live-app.ts';

/**
 * The public sandbox's own flow (cds-hooks.md, "as observed"), replayed against the embedded FHIR server of a running
 * service: metadata, the Patient list, the patient, its conditions, then the prefetch resolved by the client itself
 * (POST {Type}/_search, form-encoded; GET for reads) and the service call with it.
 */
const E = new Date().toISOString().slice(0, 10);
let live: Awaited<ReturnType<typeof startLiveApp>>;
let base: string;

beforeAll(async () => {
  live = await startLiveApp({ EVALUATION_DATE: E });
  base = live.base;
}, 180_000);

afterAll(() => live.close());

const getJson = async <T>(url: string) => {
  const res = await fetch(url, { headers: { accept: 'application/fhir+json' } });
  expect(res.status, url).toBe(200);
  return (await res.json()) as T;
};

test('sandbox start-up calls, client-side prefetch via POST _search, then the service call', async () => {
  const fhir = `${base}/fhir`;
  expect((await getJson<{ fhirVersion: string }>(`${fhir}/metadata`)).fhirVersion).toBe('4.0.1');
  const list = await getJson<Bundle<Patient>>(`${fhir}/Patient`);
  expect(list.total).toBeGreaterThanOrEqual(15);
  const patientId = 'cm-candidate-daily';
  const patient = await getJson<Patient>(`${fhir}/Patient/${patientId}`);
  expect(Array.isArray(patient.name?.[0]?.given)).toBe(true);
  expect((await getJson<Bundle>(`${fhir}/Condition?patient=${patientId}`)).total).toBeGreaterThan(0);

  const discovery = await getJson<{ services: { id: string; prefetch: Record<string, string> }[] }>(
    `${base}/cds-services`,
  );
  const service = discovery.services.find((s) => s.id === 'botox-candidacy')!;
  const prefetch: Record<string, unknown> = {};
  for (const [key, template] of Object.entries(service.prefetch)) {
    const query = template.replaceAll('{{context.patientId}}', patientId);
    const [path, params] = query.split('?');
    const res = params
      ? await fetch(`${fhir}/${path}/_search`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: params,
        })
      : await fetch(`${fhir}/${path}`);
    // The sandbox omits a key that failed and never sends null.
    if (res.ok) prefetch[key] = await res.json();
  }
  expect(Object.keys(prefetch).sort()).toEqual(Object.keys(service.prefetch).sort());
  expect((prefetch.observations as Bundle).total).toBeGreaterThan(60);

  const res = await fetch(`${base}/cds-services/botox-candidacy`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://localhost:8080' },
    body: JSON.stringify({
      hookInstance: crypto.randomUUID(),
      hook: 'patient-view',
      fhirServer: fhir,
      context: { patientId, userId: 'Practitioner/COREPRACTITIONER1' },
      prefetch,
    }),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  const body = (await res.json()) as { cards: Card[] };
  expect(checkCdsResponse(body)).toEqual([]);
  expect(body.cards).toHaveLength(1);
  const assessment = body.cards[0]?.extension?.[ASSESSMENT_EXTENSION] as { status: string } | undefined;
  expect(assessment?.status).toBe('candidate');
  expect(body.cards[0]?.summary).toMatch(/Botox candidate/);
});
