import { beforeAll, describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createMemoryCardStore } from '../../src/store/memory-card-store.ts';
import { candidateRecord } from '../support/candidate-record.ts';
import { patientViewRequest } from '../support/cds-requests.ts';
import { createTestApp, TEST_BASE_URL } from '../support/test-app.ts';
import { makeKey, signToken, type TestKey, writeTrustFile } from './jwt-kit.ts';

const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const DISCOVERY = '/cds-services';

let key: TestKey;
let trustFile: string;
beforeAll(async () => {
  key = await makeKey('ES384');
  trustFile = writeTrustFile([{ iss: 'https://ehr.example.org', jwks: { keys: [key.publicJwk] } }]);
});

const bearerFor = async (aud: string) => ({ authorization: `Bearer ${await signToken({ key, aud, now: NOW })}` });

describe('PUBLIC_BASE_URL', () => {
  test('names one base URL or several, comma-separated; the first is the one links use', () => {
    const c = loadConfig({ PUBLIC_BASE_URL: 'https://cds.example.org/, https://cds.internal.example:8443' });
    expect(c.publicBaseUrls).toEqual(['https://cds.example.org', 'https://cds.internal.example:8443']);
    expect(c.publicBaseUrl).toBe('https://cds.example.org');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://cds.example.org' }).publicBaseUrls).toEqual([
      'https://cds.example.org',
    ]);
  });

  test('defaults to both loopback names of the port in development, localhost alone in production', () => {
    expect(loadConfig({ PORT: '8090' }).publicBaseUrls).toEqual(['http://localhost:8090', 'http://127.0.0.1:8090']);
    expect(loadConfig({ PORT: '8090' }).publicBaseUrl).toBe('http://localhost:8090');
    expect(loadConfig({ NODE_ENV: 'production', CDS_AUTH: 'off', PORT: '8090' }).publicBaseUrls).toEqual([
      'http://localhost:8090',
    ]);
  });

  test('an entry that is not a URL stops start-up, naming the variable', () => {
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'https://cds.example.org,not a url' })).toThrow(ConfigError);
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'https://cds.example.org,not a url' })).toThrow(/PUBLIC_BASE_URL/);
  });
});

test('timeline links in cards use the first base URL', async () => {
  const { postJson } = await createTestApp({ env: { PUBLIC_BASE_URL: 'http://first.test,http://second.test' } });
  const res = await postJson('/cds-services/botox-candidacy', patientViewRequest(candidateRecord()));
  expect(res.status).toBe(200);
  const { cards } = (await res.json()) as { cards: { links?: { url: string }[] }[] };
  const urls = cards.flatMap((c) => c.links ?? []).map((l) => l.url);
  expect(urls.some((u) => u.startsWith('http://first.test/timeline/'))).toBe(true);
  expect(urls.some((u) => u.includes('second.test'))).toBe(false);
});

describe("a JWT's aud may be the endpoint under any of the base URLs", () => {
  test('development defaults: a token for http://127.0.0.1:<port> passes as well as one for localhost', async () => {
    const { call } = await createTestApp({
      env: {
        NODE_ENV: 'development',
        PUBLIC_BASE_URL: '', // unset: the default
        PORT: '8090',
        CDS_AUTH: 'verify',
        CDS_TRUSTED_ISSUERS: trustFile,
      },
      overrides: { clock: () => NOW, store: createMemoryCardStore() },
    });
    // Before: 401 for the 127.0.0.1 form, the URL the sandbox was given in the demo.
    expect((await call(DISCOVERY, { headers: await bearerFor(`http://127.0.0.1:8090${DISCOVERY}`) })).status).toBe(200);
    expect((await call(DISCOVERY, { headers: await bearerFor(`http://localhost:8090${DISCOVERY}`) })).status).toBe(200);
    expect((await call(DISCOVERY, { headers: await bearerFor(`http://127.0.0.1:9999${DISCOVERY}`) })).status).toBe(401);
  });

  test('configured bases: each is accepted, and the path must still be the one called', async () => {
    const { call } = await createTestApp({
      env: {
        PUBLIC_BASE_URL: `${TEST_BASE_URL},https://cds.internal.example`,
        CDS_AUTH: 'verify',
        CDS_TRUSTED_ISSUERS: trustFile,
      },
      overrides: { clock: () => NOW },
    });
    for (const base of [TEST_BASE_URL, 'https://cds.internal.example']) {
      expect((await call(DISCOVERY, { headers: await bearerFor(`${base}${DISCOVERY}`) })).status, base).toBe(200);
    }
    const otherPath = await bearerFor('https://cds.internal.example/cds-services/botox-candidacy');
    expect((await call(DISCOVERY, { headers: otherPath })).status).toBe(401);
  });
});
