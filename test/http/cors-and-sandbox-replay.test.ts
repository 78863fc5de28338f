import { describe, expect, test } from 'vitest';
import { checkCdsResponse } from '../../src/cds/schemas/response.ts';
import { ourPath, recordedRequests } from '../support/sandbox-capture.ts';
import { createTestApp } from '../support/test-app.ts';

describe('CORS', () => {
  test('preflight on every route succeeds without a token', async () => {
    const { call } = await createTestApp();
    for (const path of [
      '/cds-services',
      '/cds-services/botox-candidacy',
      '/cds-services/botox-candidacy/feedback',
      '/nope',
    ]) {
      const res = await call(path, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:8080',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
      expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/);
    }
  });

  test('error responses carry CORS headers too', async () => {
    const { postJson } = await createTestApp();
    const res = await postJson('/cds-services/nope', '{}', { origin: 'http://localhost:8080' });
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  test('configured origins are echoed only when allowed', async () => {
    const { call } = await createTestApp({ env: { CORS_ORIGINS: 'https://ehr.example.org' } });
    const allowed = await call('/cds-services', { headers: { origin: 'https://ehr.example.org' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://ehr.example.org');
    const other = await call('/cds-services', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('recorded sandbox requests', () => {
  test('every recorded request and preflight is accepted', async () => {
    const { call } = await createTestApp();
    for (const rec of recordedRequests()) {
      const { authorization: _jwt, ...headers } = rec.headers;
      const res = await call(ourPath(rec.path), {
        method: rec.method,
        headers,
        ...(rec.body ? { body: JSON.stringify(rec.body) } : {}),
      });
      // The recorded patient-view call prefetched only the stub service's keys, and its FHIR server (the recording's
      // stub on localhost:8081) is not running here: none of the data that decides scope can be obtained, a 412.
      if (rec.method === 'POST' && ourPath(rec.path) === '/cds-services/botox-candidacy') {
        expect(res.status, `${rec.method} ${rec.path}`).toBe(412);
        expect(((await res.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
        continue;
      }
      expect([200, 204], `${rec.method} ${rec.path}`).toContain(res.status);
      if (rec.method === 'POST' && !rec.path.endsWith('/feedback')) {
        expect(checkCdsResponse(await res.json())).toEqual([]);
      }
    }
  });
});
