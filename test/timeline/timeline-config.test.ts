import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createTestApp, TEST_BASE_URL } from '../support/test-app.ts';
import { candidateAssessment, PATIENT_ID } from './sample-assessments.ts';

const PRODUCTION = { NODE_ENV: 'production', CDS_AUTH: 'off', PUBLIC_BASE_URL: 'https://cds.example.org' };

describe('TIMELINE_LINKS', () => {
  test('is on by default in development and test, off in production', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).timelineLinks).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).timelineLinks).toBe(true);
    expect(loadConfig(PRODUCTION).timelineLinks).toBe(false);
  });

  test('an explicit setting wins in every environment', () => {
    expect(loadConfig({ ...PRODUCTION, TIMELINE_LINKS: 'on' }).timelineLinks).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', TIMELINE_LINKS: 'off' }).timelineLinks).toBe(false);
  });

  test('TIMELINE_TTL_SECONDS must be a positive integer', () => {
    expect(loadConfig({ TIMELINE_TTL_SECONDS: '900' }).TIMELINE_TTL_SECONDS).toBe(900);
    expect(() => loadConfig({ TIMELINE_TTL_SECONDS: '0' })).toThrow(/TIMELINE_TTL_SECONDS/);
  });

  test('when off, there is no link factory and no /timeline route', async () => {
    const { deps, call } = await createTestApp({ env: { TIMELINE_LINKS: 'off' } });
    expect(deps.links).toBeUndefined();
    const res = await call(`/timeline/${'A'.repeat(43)}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/json/);
  });

  test('when on, links expire after TIMELINE_TTL_SECONDS', async () => {
    let now = new Date('2026-11-23T10:00:00Z');
    const { deps, call } = await createTestApp({
      env: { TIMELINE_TTL_SECONDS: '120' },
      overrides: { clock: () => now },
    });
    const url = await deps.links!.timeline({
      patientId: PATIENT_ID,
      hookInstance: '0f8e2f5c-3d7a-4b8e-9a0c-6b1d2e3f4a5b',
      payload: candidateAssessment('2026-11-23'),
    });
    const path = url!.slice(TEST_BASE_URL.length);
    now = new Date('2026-11-23T10:01:59Z');
    expect((await call(path)).status).toBe(200);
    now = new Date('2026-11-23T10:02:00Z');
    expect((await call(path)).status).toBe(404);
  });
});
