import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startLiveApp } from '../support/live-app.ts';

const ORIGIN = 'https://ehr.example.org';

/**
 * Every response carries X-Request-Id and the CORS headers, whichever way it was built: JSON responses of the CDS routes
 * carry them from the start (src/http/json-response.ts), others (FHIR routes, text, errors) get them afterwards. Over a
 * real socket, since @hono/node-server writes the two kinds differently.
 */
describe('standard headers on every response', () => {
  let live: Awaited<ReturnType<typeof startLiveApp>>;
  beforeAll(async () => {
    live = await startLiveApp({ CORS_ORIGINS: ORIGIN });
  });
  afterAll(() => live.close());

  const requests: [string, number, string, ((base: string) => RequestInit)?][] = [
    ['discovery (JSON response)', 200, '/cds-services'],
    [
      'invocation (JSON response)',
      200,
      '/cds-services/botox-candidacy',
      (base) => ({ method: 'POST', body: invocation(base) }),
    ],
    [
      'malformed request (error handler)',
      400,
      '/cds-services/botox-candidacy',
      () => ({ method: 'POST', body: '{"hook":' }),
    ],
    ['unknown route (not found)', 404, '/nope'],
    ['metrics (text)', 200, '/metrics'],
    ['embedded FHIR server (mounted app)', 200, '/fhir/metadata'],
    ['preflight', 204, '/cds-services/botox-candidacy', () => ({ method: 'OPTIONS' })],
  ];

  test.each(requests)('%s', async (_what, status, path, init) => {
    const headers = { origin: ORIGIN, 'content-type': 'application/json' };
    const res = await fetch(`${live.base}${path}`, { ...init?.(live.base), headers });
    await res.arrayBuffer();
    expect(res.status).toBe(status);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-expose-headers')).toBe('X-Request-Id');
    expect(res.headers.get('vary')).toMatch(/(^|, )Origin$/);
    expect(res.headers.get('vary')?.match(/Origin/g)).toHaveLength(1);
  });

  test('an origin not allowed gets no CORS headers, only Vary', async () => {
    const res = await fetch(`${live.base}/cds-services`, { headers: { origin: 'https://other.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('vary')).toBe('Origin');
    expect(res.headers.get('x-request-id')).not.toBeNull();
  });
});

/** A patient-view call without prefetch: the service reads the patient from the embedded FHIR server. */
function invocation(base: string): string {
  return JSON.stringify({
    hook: 'patient-view',
    hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
    fhirServer: `${base}/fhir`,
    context: { userId: 'Practitioner/1', patientId: 'cm-candidate-daily' },
  });
}
