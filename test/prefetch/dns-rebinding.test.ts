import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createMetrics } from '../../src/http/metrics.ts';
import { createMemoryLogger } from '../../src/log/logger.ts';
import { createFhirPrefetchResolver } from '../../src/prefetch/fhir-prefetch-resolver.ts';
import type { HostLookup } from '../../src/prefetch/fhir-server-guard.ts';
import { pinnedFetch } from '../../src/prefetch/pinned-fetch.ts';
import { createTestApp, TEST_BASE_URL } from '../support/test-app.ts';
import { type LocalServer, sendFhir, startFaultServer } from './support/local-servers.ts';
import { chronicMigraineRecord, PATIENT_ID, searchset } from './support/patient-record.ts';
import { ACCESS_TOKEN, patientViewRequest } from './support/resolver-harness.ts';

const patient = chronicMigraineRecord(new Date().toISOString().slice(0, 10)).find((r) => r.id === PATIENT_ID);
let server: LocalServer;
let port: string;
const hosts: (string | undefined)[] = [];
beforeAll(async () => {
  server = await startFaultServer((req, res) => {
    hosts.push((req.headers as IncomingHttpHeaders).host);
    if (req.url?.startsWith('/fhir/Patient/')) sendFhir(res, 200, patient);
    else sendFhir(res, 200, searchset([]));
  });
  port = new URL(server.base).port;
});
afterAll(() => server.close());

describe('DNS rebinding', () => {
  test('the fetch connects to the address the guard checked, never to a second answer for the name', async () => {
    // A rebinding name: public when the guard asks, loopback when the fetch would ask again. `localhost` stands in
    // for it: the stub gives the guard a public address, while the system resolver would give the fetch 127.0.0.1.
    const asked: string[] = [];
    const lookup: HostLookup = async (host) => {
      asked.push(host);
      return ['93.184.216.34'];
    };
    const env = {
      FHIR_SERVER_ALLOWLIST: `http://local*:${port}/fhir`,
      FHIR_FETCH_TIMEOUT_MS: '1500',
      PUBLIC_BASE_URL: TEST_BASE_URL,
      NODE_ENV: 'test',
      EMBEDDED_FHIR: 'off',
    } as const;
    const config = loadConfig(env);
    const logger = createMemoryLogger();
    const metrics = createMetrics();
    const prefetch = createFhirPrefetchResolver({ config, logger, metrics, lookup });
    const { postJson } = await createTestApp({ env, overrides: { prefetch, logger, metrics } });
    server.seen.length = 0;
    const request = patientViewRequest({ fhirServer: `http://localhost:${port}/fhir`, token: ACCESS_TOKEN });
    const res = await postJson('/cds-services/botox-candidacy', request);
    expect(res.status).toBe(412);
    expect(server.seen).toEqual([]);
    expect(asked).toEqual(['localhost']);
  });

  test('a pinned fetch reaches the checked address under the host name (Host header kept)', async () => {
    hosts.length = 0;
    const pinned = pinnedFetch(fetch, 'ehr.fhir.example', ['127.0.0.1']);
    try {
      // `ehr.fhir.example` resolves nowhere: only the pinned address can have answered.
      const res = await pinned.fetch(`http://ehr.fhir.example:${port}/fhir/Patient/${PATIENT_ID}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { id: string }).id).toBe(PATIENT_ID);
      expect(hosts).toEqual([`ehr.fhir.example:${port}`]);
      // Any other name is refused, not resolved.
      await expect(pinned.fetch(`http://localhost:${port}/fhir/metadata`)).rejects.toThrow();
    } finally {
      await pinned.close();
    }
  });
});
