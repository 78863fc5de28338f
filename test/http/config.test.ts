import { expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

test('defaults: port 8080, public URL from it, embedded FHIR and timeline links on in development', () => {
  const c = loadConfig({});
  expect([c.PORT, c.publicBaseUrl, c.EMBEDDED_FHIR, c.CDS_POLICY, c.corsOrigins]).toEqual([
    8080,
    'http://localhost:8080',
    true,
    'default',
    ['*'],
  ]);
});

test('production serves no synthetic patients and allows no origin unless told to', () => {
  const c = loadConfig({ NODE_ENV: 'production', CDS_AUTH: 'off' });
  expect([c.EMBEDDED_FHIR, c.corsOrigins]).toEqual([false, []]);
  expect(loadConfig({ NODE_ENV: 'production', CDS_AUTH: 'off', EMBEDDED_FHIR: 'on' }).EMBEDDED_FHIR).toBe(true);
});

test('an invalid value stops start-up naming the variable, never its value', () => {
  const attempt = () => loadConfig({ PORT: 'eighty', SITE_TIME_ZONE: 'Mars/Olympus', ADMIN_TOKEN: 'short-secret' });
  expect(attempt).toThrow(ConfigError);
  try {
    attempt();
  } catch (error) {
    const message = (error as Error).message;
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/ADMIN_TOKEN/);
    expect(message).not.toContain('short-secret');
  }
  expect(() => loadConfig({ SITE_TIME_ZONE: 'Mars/Olympus' })).toThrow(/SITE_TIME_ZONE/);
});

test('a bad entry of a comma-separated list is named by its variable and its place in the list', () => {
  const attempt = () => loadConfig({ PUBLIC_BASE_URL: 'https://cds.example.org,cds.example.net' });
  expect(attempt).toThrow(/PUBLIC_BASE_URL: not a valid URL \(expected [^)]*\) \(entry 2 of the list\)/);
  expect(attempt).not.toThrow(/PUBLIC_BASE_URL\.1/);
  expect(attempt).not.toThrow(/cds\.example\.net/);
});
