import type { Bundle } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { createApp } from '../../src/app.ts';
import { buildDeps } from '../../src/build-deps.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { chronicMigraineRecord, PATIENT_ID } from '../prefetch/support/patient-record.ts';
import { createTestApp } from '../support/test-app.ts';

describe('the embedded FHIR server in the app', () => {
  test('EMBEDDED_FHIR=on mounts it at /fhir, serving the panel built for the evaluation date', async () => {
    let askedFor: string | undefined;
    const config = loadConfig({ NODE_ENV: 'test', PUBLIC_BASE_URL: 'http://cds.test', EVALUATION_DATE: '2031-05-04' });
    const deps = await buildDeps(
      config,
      { logger: silentLogger },
      {
        embeddedFhirResources: (date) => {
          askedFor = date;
          return chronicMigraineRecord(date);
        },
      },
    );
    const app = createApp(deps);
    expect(askedFor).toBe('2031-05-04');
    const res = await app.request(`http://cds.test/fhir/Patient/${PATIENT_ID}`);
    expect(res.status).toBe(200);
    const bundle = (await (await app.request(`http://cds.test/fhir/Condition?patient=${PATIENT_ID}`)).json()) as Bundle;
    expect(bundle.entry?.[0]?.fullUrl).toBe('http://cds.test/fhir/Condition/cm-dx');
  });

  test('EMBEDDED_FHIR=off mounts nothing', async () => {
    const { call } = await createTestApp({ env: { EMBEDDED_FHIR: 'off' } });
    expect((await call('/fhir/metadata')).status).toBe(404);
  });

  test('the app-level CORS middleware covers the mounted server, preflight and errors included', async () => {
    const { call } = await createTestApp({ env: { EMBEDDED_FHIR: 'on' } });
    const origin = 'https://sandbox.cds-hooks.org';
    const preflight = await call('/fhir/Patient', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    const read = await call('/fhir/metadata', { headers: { origin } });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBe('*');
    const missing = await call('/fhir/Patient/nobody', { headers: { origin } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe('*');
  });
});
