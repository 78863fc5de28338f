import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, TEST_BASE_URL } from '../support/test-app.ts';
import { ISSUER, makeKey, rawToken, signToken, type TestKey, writeTrustFile } from './jwt-kit.ts';

const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const DISCOVERY = '/cds-services';
const SERVICE = '/cds-services/botox-candidacy';
const FEEDBACK = '/cds-services/botox-candidacy/feedback';

let key: TestKey;
let trustFile: string;

beforeAll(async () => {
  key = await makeKey('ES384');
  trustFile = writeTrustFile([{ iss: ISSUER, jwks: { keys: [key.publicJwk] } }]);
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const tokenFor = (path: string, extra: Partial<Parameters<typeof signToken>[0]> = {}) =>
  signToken({ key, aud: `${TEST_BASE_URL}${path}`, now: NOW, ...extra });
const feedback = () => ({
  feedback: [{ card: randomUUID(), outcome: 'overridden', outcomeTimestamp: NOW.toISOString() }],
});

function appWith(env: Record<string, string>) {
  return createTestApp({ env, overrides: { clock: () => NOW } });
}
const verifying = () => appWith({ CDS_AUTH: 'verify', CDS_TRUSTED_ISSUERS: trustFile });

describe('CDS_AUTH=verify', () => {
  test('discovery, service and feedback calls with a token for their own URL pass', async () => {
    const { call, postJson } = await verifying();
    expect((await call(DISCOVERY, { headers: bearer(await tokenFor(DISCOVERY)) })).status).toBe(200);
    // An empty body reaches request validation (400): the token was accepted.
    expect((await postJson(SERVICE, {}, bearer(await tokenFor(SERVICE)))).status).toBe(400);
    expect((await postJson(FEEDBACK, feedback(), bearer(await tokenFor(FEEDBACK)))).status).toBe(200);
  });

  test('a call without a token gets a bare 401 with CORS headers; the reason is only logged', async () => {
    const { call, logger } = await verifying();
    const res = await call(DISCOVERY, { headers: { origin: 'http://localhost:8080' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'login', diagnostics: 'Unauthorized' }],
    });
    expect(logger.lines.some((l) => l.includes('"status":401') && l.includes('no Authorization header'))).toBe(true);
  });

  test('a token for the discovery URL is refused by the service URL', async () => {
    const { postJson } = await verifying();
    expect((await postJson(SERVICE, {}, bearer(await tokenFor(DISCOVERY)))).status).toBe(401);
  });

  test('a token is refused once it has been used', async () => {
    const { call } = await verifying();
    const token = await tokenFor(DISCOVERY);
    expect((await call(DISCOVERY, { headers: bearer(token) })).status).toBe(200);
    expect((await call(DISCOVERY, { headers: bearer(token) })).status).toBe(401);
  });

  test('a preflight without a token succeeds', async () => {
    const { call } = await verifying();
    for (const path of [DISCOVERY, SERVICE, FEEDBACK]) {
      const res = await call(path, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:8080',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(res.status, path).toBe(204);
    }
  });

  test('health, readiness and metrics need no token; readiness reports the replay store', async () => {
    const { call } = await verifying();
    expect((await call('/healthz')).status).toBe(200);
    const ready = await call('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { 'replay-store': 'ok' } });
  });

  test('neither the token nor any part of it appears in the logs', async () => {
    const { call, postJson, logger } = await verifying();
    const good = await tokenFor(DISCOVERY);
    const expired = await tokenFor(DISCOVERY, { now: new Date(NOW.getTime() - 3600_000) });
    const stranger = await tokenFor(SERVICE, { iss: 'https://attacker.example' });
    await call(DISCOVERY, { headers: bearer(good) });
    await call(DISCOVERY, { headers: bearer(good) });
    await call(DISCOVERY, { headers: bearer(expired) });
    await postJson(SERVICE, {}, bearer(stranger));
    await call(DISCOVERY, { headers: { authorization: 'Bearer not-a-jwt' } });
    const logs = logger.lines.join('\n');
    expect(logger.lines.filter((l) => l.includes('"status":401'))).toHaveLength(4);
    for (const token of [good, expired, stranger]) {
      for (const part of token.split('.')) expect(logs).not.toContain(part);
    }
    expect(logs).not.toContain('not-a-jwt');
  });
});

describe('CDS_AUTH=off', () => {
  test('a call without a token passes, and start-up warns loudly', async () => {
    const { call, logger } = await appWith({ CDS_AUTH: 'off', CDS_TRUSTED_ISSUERS: trustFile });
    expect((await call(DISCOVERY)).status).toBe(200);
    expect(logger.lines.some((l) => l.includes('"level":"warn"') && l.includes('CDS_AUTH=off'))).toBe(true);
  });

  test('a token that is sent anyway is verified: a bad one is logged at warn, never quoted, and the call goes on', async () => {
    const { call, postJson, logger } = await appWith({ CDS_AUTH: 'off', CDS_TRUSTED_ISSUERS: trustFile });
    expect((await call(DISCOVERY, { headers: bearer(await tokenFor(DISCOVERY)) })).status).toBe(200);
    expect(logger.lines.filter((l) => l.includes('client token not accepted'))).toHaveLength(0);
    const wrongAudience = await tokenFor(SERVICE);
    const iat = NOW.getTime() / 1000;
    const none = rawToken(
      { alg: 'none', typ: 'JWT', kid: key.kid },
      { iss: ISSUER, aud: `${TEST_BASE_URL}${DISCOVERY}`, iat, exp: iat + 300, jti: randomUUID() },
    );
    for (const token of [wrongAudience, none, 'garbage']) {
      expect((await call(DISCOVERY, { headers: bearer(token) })).status).toBe(200);
    }
    // A service call with a bad token is answered too (an empty body reaches request validation).
    expect((await postJson(SERVICE, {}, bearer(await tokenFor(DISCOVERY)))).status).toBe(400);
    const warnings = logger.lines.filter((l) => l.includes('client token not accepted'));
    expect(warnings).toHaveLength(4);
    expect(warnings.every((l) => l.includes('"level":"warn"'))).toBe(true);
    expect(warnings[0]).toContain('jwt: claim aud');
    expect(warnings[1]).toContain('jwt: alg not allowed');
    const logs = logger.lines.join('\n');
    for (const token of [wrongAudience, none]) {
      for (const part of token.split('.').filter(Boolean)) expect(logs).not.toContain(part);
    }
    expect(logs).not.toContain('garbage');
  });

  test('without a trust file a token that is sent is logged as not accepted, and the call goes on', async () => {
    const { call, logger } = await appWith({ CDS_AUTH: 'off' });
    expect((await call(DISCOVERY)).status).toBe(200);
    expect((await call(DISCOVERY, { headers: bearer(await tokenFor(DISCOVERY)) })).status).toBe(200);
    expect(logger.lines.some((l) => l.includes('client token not accepted') && l.includes('issuer not trusted'))).toBe(
      true,
    );
  });
});
