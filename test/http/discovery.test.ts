import { describe, expect, test } from 'vitest';
import { discoveryResponseSchema } from '../../src/cds/schemas/discovery.ts';
import { createMemoryCardStore } from '../../src/store/memory-card-store.ts';
import { createTestApp } from '../support/test-app.ts';

describe('discovery', () => {
  test('lists the three services with 2.0-valid prefetch templates', async () => {
    const { call } = await createTestApp();
    const res = await call('/cds-services');
    expect(res.status).toBe(200);
    const body = discoveryResponseSchema.parse(await res.json());
    expect(body.services.map((s) => [s.id, s.hook])).toEqual([
      ['botox-candidacy', 'patient-view'],
      ['botox-order-select', 'order-select'],
      ['botox-order-sign', 'order-sign'],
    ]);
    for (const s of body.services) {
      expect(s.description.length).toBeGreaterThan(20);
      expect(s.prefetch?.patient).toBe('Patient/{{context.patientId}}');
      for (const template of Object.values(s.prefetch ?? {})) {
        expect(template).not.toMatch(/today\(\)/);
      }
    }
  });

  test('a 3.0-only prefetch token is rejected by the discovery schema', () => {
    const doc = {
      services: [
        { hook: 'patient-view', id: 'x', description: 'd', prefetch: { o: 'Observation?date=gt{{today()}}' } },
      ],
    };
    expect(discoveryResponseSchema.safeParse(doc).success).toBe(false);
  });

  test('health and readiness answer without dependencies', async () => {
    const { call } = await createTestApp();
    expect((await call('/healthz')).status).toBe(200);
    const ready = await call('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { store: 'ok' } });
  });

  test('readiness is 503 when the store is unreachable', async () => {
    const store = createMemoryCardStore();
    store.ping = async () => {
      throw new Error('connection refused');
    };
    const { call } = await createTestApp({ overrides: { store } });
    const res = await call('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'not-ready', checks: { store: 'unavailable' } });
  });

  test('metrics are exposed in the Prometheus text format', async () => {
    const { call } = await createTestApp();
    await call('/cds-services');
    const res = await call('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/cds_http_requests_total\{route="discovery",service="",status="200"\} 1/);
  });
});
