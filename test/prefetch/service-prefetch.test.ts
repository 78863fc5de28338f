import type { Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CdsServiceDefinition } from '../../src/cds/service.ts';
import { PATIENT_RECORD_PREFETCH } from '../../src/cds/services/patient-prefetch.ts';
import type { PrefetchData } from '../../src/prefetch/types.ts';
import { createTestApp } from '../support/test-app.ts';
import { type LocalServer, sendFhir, startEmbeddedFhir, startFaultServer } from './support/local-servers.ts';
import { chronicMigraineRecord, PATIENT_ID, searchset } from './support/patient-record.ts';
import { ACCESS_TOKEN, OPAQUE_TOKEN, patientViewRequest } from './support/resolver-harness.ts';

const evaluationDate = new Date().toISOString().slice(0, 10);
const record = chronicMigraineRecord(evaluationDate);
let fhir: LocalServer;
let refusing: LocalServer;
beforeAll(async () => {
  fhir = await startEmbeddedFhir(record);
  refusing = await startFaultServer((_req, res) => sendFhir(res, 401, {}));
});
afterAll(async () => {
  await fhir.close();
  await refusing.close();
});

/** A service that keeps what the resolver gave it, so the test sees the data through the real routes. */
function probeService(): CdsServiceDefinition & { received?: PrefetchData } {
  const probe: CdsServiceDefinition & { received?: PrefetchData } = {
    id: 'prefetch-probe',
    hook: 'patient-view',
    title: 'Prefetch probe',
    description: 'Records the resolved prefetch',
    prefetch: PATIENT_RECORD_PREFETCH,
    handle: async ({ data }) => {
      probe.received = await data();
      return { cards: [] };
    },
  };
  return probe;
}

describe('prefetch through the CDS service endpoint', () => {
  test('a call with partial prefetch gets the rest from the FHIR server and logs sources, never the token', async () => {
    const probe = probeService();
    const { postJson, logger } = await createTestApp({ overrides: { services: [probe] } });
    const patient = record.find((r) => r.id === PATIENT_ID) as Resource;
    const body = patientViewRequest({
      fhirServer: fhir.base,
      token: OPAQUE_TOKEN,
      prefetch: { patient, observations: searchset([]) },
    });
    const res = await postJson('/cds-services/prefetch-probe', body);
    expect(res.status).toBe(200);
    expect(probe.received?.patient).toMatchObject({ status: 'ok', source: 'prefetch' });
    expect(probe.received?.conditions).toMatchObject({ status: 'ok', source: 'fetched' });
    const log = logger.lines.find((l) => l.includes('"prefetch resolved"'));
    expect(JSON.parse(log ?? '{}').keys).toMatchObject({
      patient: { source: 'prefetch', count: 1 },
      conditions: { source: 'fetched', outcome: 'ok', pages: 1, count: 1 },
    });
    const all = logger.lines.join('\n');
    expect(all).not.toContain(OPAQUE_TOKEN);
    expect(all).not.toContain('Okafor');
    expect(all).not.toContain(`patient=${PATIENT_ID}`);
  });

  test('a required key refused by the FHIR server is a 412 OperationOutcome naming the key, not the token', async () => {
    const { postJson, logger, call } = await createTestApp({ overrides: { services: [probeService()] } });
    for (const token of [OPAQUE_TOKEN, ACCESS_TOKEN]) {
      const res = await postJson(
        '/cds-services/prefetch-probe',
        patientViewRequest({ fhirServer: refusing.base, token }),
      );
      const text = await res.text();
      expect(res.status).toBe(412);
      expect(JSON.parse(text)).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'incomplete', expression: ['prefetch.patient'] }],
      });
      expect(JSON.parse(text).issue[0].diagnostics).toContain('"patient" (patient)');
      expect(text).not.toContain(token);
    }
    expect(logger.lines.join('\n')).not.toContain(OPAQUE_TOKEN);
    expect(logger.lines.join('\n')).not.toContain(ACCESS_TOKEN);
    const metrics = await (await call('/metrics')).text();
    expect(metrics).toMatch(/cds_prefetch_fetch_duration_seconds_count\{outcome="unauthorized"\} [1-9]/);
  });

  test('the real candidacy service answers 200 with cards when it must fetch everything', async () => {
    const { postJson } = await createTestApp();
    const res = await postJson('/cds-services/botox-candidacy', patientViewRequest({ fhirServer: fhir.base }));
    expect(res.status).toBe(200);
    expect(Array.isArray(((await res.json()) as { cards: unknown[] }).cards)).toBe(true);
  });
  test('candidacy with none of the data that decides scope obtainable is a 412, not a silent "no cards"', async () => {
    const { postJson } = await createTestApp();
    const patient = record.find((r) => r.id === PATIENT_ID) as Resource;
    const alone = await postJson('/cds-services/botox-candidacy', patientViewRequest({ prefetch: { patient } }));
    expect(alone.status).toBe(412);
    const problem = (await alone.json()) as { resourceType: string; issue: { diagnostics: string }[] };
    expect(problem.resourceType).toBe('OperationOutcome');
    expect(problem.issue[0]?.diagnostics).toMatch(/in scope could be obtained \(conditions, observations, procedures/);
    // The same refused by the FHIR server: still nothing to decide from.
    const refused = patientViewRequest({ fhirServer: refusing.base, token: OPAQUE_TOKEN, prefetch: { patient } });
    expect((await postJson('/cds-services/botox-candidacy', refused)).status).toBe(412);
    // One of them obtained, and empty: an answer (no cards for a patient out of scope).
    const queried = patientViewRequest({ prefetch: { patient, conditions: searchset([]) } });
    const res = await postJson('/cds-services/botox-candidacy', queried);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ cards: [] });
  });
});
