import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, TEST_BASE_URL } from '../support/test-app.ts';
import { makeKey, signToken, type TestKey, writeTrustFile } from '../trust/jwt-kit.ts';

/**
 * "Any failure: bare 401" (CDS Hooks reference, JWT section): with CDS_AUTH=verify, a call without a valid token
 * learns nothing about the routes, not even which service ids exist: authentication comes before the 404 of an
 * unknown service and the 405 of a wrong method. Preflights carry no token and still succeed.
 */
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const BARE_401 = {
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'login', diagnostics: 'Unauthorized' }],
};

let key: TestKey;
let trustFile: string;
beforeAll(async () => {
  key = await makeKey('ES384');
  trustFile = writeTrustFile([{ iss: 'https://ehr.example.org', jwks: { keys: [key.publicJwk] } }]);
});

const verifying = () =>
  createTestApp({ env: { CDS_AUTH: 'verify', CDS_TRUSTED_ISSUERS: trustFile }, overrides: { clock: () => NOW } });
const bearerFor = async (path: string) => ({
  authorization: `Bearer ${await signToken({ key, aud: `${TEST_BASE_URL}${path}`, now: NOW })}`,
});

/** Calls that a token-holder would see answered 404 or 405. */
const PROBES: [method: string, path: string, withToken: number][] = [
  ['POST', '/cds-services/nope', 404],
  ['POST', '/cds-services/nope/feedback', 404],
  ['GET', '/cds-services/botox-candidacy', 405],
  ['GET', '/cds-services/nope', 405],
  ['PUT', '/cds-services/botox-candidacy/feedback', 405],
  ['POST', '/cds-services', 405],
  ['DELETE', '/cds-services', 405],
  ['GET', '/cds-services/botox-candidacy/feedback/x', 404],
];

const send = (app: Awaited<ReturnType<typeof verifying>>, method: string, path: string, headers = {}) =>
  app.call(path, {
    method,
    headers: { 'content-type': 'application/json', origin: 'http://localhost:8080', ...headers },
    ...(method === 'GET' ? {} : { body: '{}' }),
  });

describe('CDS_AUTH=verify: authentication before routing', () => {
  test('without a token, unknown services and wrong methods get the same bare 401; with one, 404/405', async () => {
    const app = await verifying();
    for (const [method, path, withToken] of PROBES) {
      const anonymous = await send(app, method, path);
      expect(anonymous.status, `${method} ${path} without a token`).toBe(401);
      expect(anonymous.headers.get('allow'), `${method} ${path}`).toBeNull();
      expect(anonymous.headers.get('access-control-allow-origin')).toBe('*');
      expect(await anonymous.json()).toEqual(BARE_401);

      const authorised = await send(app, method, path, await bearerFor(path));
      expect(authorised.status, `${method} ${path} with a token`).toBe(withToken);
    }
    for (const path of ['/cds-services', '/cds-services/botox-candidacy', '/cds-services/nope/feedback']) {
      const preflight = await app.call(path, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:8080', 'access-control-request-method': 'POST' },
      });
      expect(preflight.status, `OPTIONS ${path} without a token`).toBe(204);
    }
    // A 401 is still counted under its route.
    expect(app.logger.lines.some((l) => l.includes('"route":"invoke"') && l.includes('"status":401'))).toBe(true);
  });
});

describe('CDS_AUTH=off', () => {
  test('a call without a token, or with a bad one (logged at warn), gets the 404/405 it would get anyway', async () => {
    const app = await createTestApp();
    for (const [method, path, withToken] of PROBES) {
      expect((await send(app, method, path)).status, `${method} ${path}`).toBe(withToken);
      const forged = await send(app, method, path, { authorization: 'Bearer not.a.jwt' });
      expect(forged.status, `${method} ${path} with a bad token`).toBe(withToken);
    }
    expect(app.logger.lines.filter((l) => l.includes('client token not accepted'))).toHaveLength(PROBES.length);
  });
});
