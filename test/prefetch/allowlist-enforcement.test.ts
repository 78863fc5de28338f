import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMemoryCardStore } from '../../src/store/memory-card-store.ts';
import { createTestApp } from '../support/test-app.ts';
import { type LocalServer, sendFhir, startFaultServer } from './support/local-servers.ts';
import { ACCESS_TOKEN } from './support/resolver-harness.ts';

const SERVICE = '/cds-services/botox-candidacy';

let server: LocalServer;
let port: string;
beforeAll(async () => {
  // Whatever is listening answers 404 (a port scan's "something is there").
  server = await startFaultServer((_req, res) => sendFhir(res, 404, { resourceType: 'OperationOutcome', issue: [] }));
  port = new URL(server.base).port;
});
afterAll(() => server.close());

/** A patient-view call with nothing prefetched: every key must be fetched from `fhirServer` with the token. */
const call = (fhirServer: string) => ({
  hook: 'patient-view',
  hookInstance: randomUUID(),
  fhirServer,
  fhirAuthorization: {
    access_token: ACCESS_TOKEN,
    token_type: 'Bearer',
    expires_in: 300,
    scope: 'patient/*.read',
    subject: 'migraine-cds',
    patient: 'p1',
  },
  context: { userId: 'Practitioner/dr-1', patientId: 'p1' },
});

describe('FHIR_SERVER_ALLOWLIST outside production', () => {
  test('is enforced whenever it is set: a server not on it gets no request and no token', async () => {
    server.seen.length = 0;
    const { postJson, logger } = await createTestApp({
      env: { NODE_ENV: 'development', FHIR_SERVER_ALLOWLIST: 'https://fhir.example.org' },
      overrides: { store: createMemoryCardStore() },
    });
    const res = await postJson(SERVICE, call(`http://127.0.0.1:${port}/x`));
    expect(res.status).toBe(412);
    expect(server.seen).toEqual([]);
    expect(logger.lines.join('\n')).toContain("not on this service's allowlist");
    expect(logger.lines.join('\n')).not.toContain(ACCESS_TOKEN);
  });
});

describe('the 412 does not tell network failures apart', () => {
  test('a closed port, a server answering 404 and one answering non-FHIR give the same text', async () => {
    const junk = await startFaultServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>router login</html>');
    });
    const closed = await startFaultServer(() => undefined);
    const closedBase = closed.base;
    await closed.close();
    try {
      const { postJson, logger } = await createTestApp();
      const texts: string[] = [];
      for (const base of [server.base, junk.base, closedBase]) {
        const res = await postJson(SERVICE, call(base));
        expect(res.status, base).toBe(412);
        const body = (await res.json()) as { issue: { diagnostics: string }[] };
        texts.push(body.issue[0]?.diagnostics ?? '');
      }
      expect(new Set(texts).size, texts.join('\n')).toBe(1);
      for (const word of ['404', 'reached', 'FHIR resource', 'not JSON']) expect(texts[0]).not.toContain(word);
      // The log keeps what happened, never the token.
      const log = logger.lines.join('\n');
      expect(log).toContain('"outcome":"not-found"');
      expect(log).toContain('"outcome":"unreachable"');
      expect(log).toContain('"outcome":"invalid-response"');
      expect(log).not.toContain(ACCESS_TOKEN);
    } finally {
      await junk.close();
    }
  });
});
