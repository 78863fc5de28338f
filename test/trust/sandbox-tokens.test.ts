import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { createServices } from '../../src/cds/services/registry.ts';
import { createJwtAuthenticator } from '../../src/trust/jwt-authenticator.ts';
import { createMemoryReplayStore } from '../../src/trust/memory-replay-store.ts';
import { loadTrustedIssuers, SANDBOX_DEV_TRUST_FILE } from '../../src/trust/trusted-issuers.ts';
import {
  RECORDED_SERVICE_IDS,
  type RecordedRequest,
  recordedRequests,
  sandboxJwks,
} from '../support/sandbox-capture.ts';
import { createTestApp } from '../support/test-app.ts';

/** The recording was made against a stub service on this URL: the tokens' `aud` is built from it. */
const RECORDED_BASE_URL = 'http://localhost:8082';

const withTokens = recordedRequests().filter((r) => r.headers.authorization);

function claimsOf(authorization: string): { iat: number; aud: string } {
  return JSON.parse(Buffer.from(authorization.split(' ')[1]!.split('.')[1]!, 'base64url').toString());
}

describe('recorded sandbox tokens', () => {
  test('the shipped development trust file pins the key set published with the recording', () => {
    const [sandbox] = loadTrustedIssuers(SANDBOX_DEV_TRUST_FILE);
    expect(sandbox?.iss).toBe('https://sandbox.cds-hooks.org');
    expect(sandbox?.jwks).toEqual(sandboxJwks());
  });

  test('the recording holds tokens for discovery, services and feedback', () => {
    expect(withTokens.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/cds-services', '/cds-services/pv', '/cds-services/pv/feedback']),
    );
  });

  test.each(withTokens.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s verifies with the pinned key set at its own iat',
    async (_name, recorded) => {
      const authorization = recorded.headers.authorization!;
      const { iat, aud } = claimsOf(authorization);
      const clock = () => new Date(iat * 1000);
      const authenticator = createJwtAuthenticator({
        issuers: loadTrustedIssuers(SANDBOX_DEV_TRUST_FILE),
        algorithms: ['ES384', 'RS384'],
        replayStore: createMemoryReplayStore({ clock }),
        clock,
        // Any fetch would be a bug: the key set is pinned.
        remote: { fetch: () => Promise.reject(new Error('no fetch expected')) },
      });
      expect(aud).toBe(`${RECORDED_BASE_URL}${recorded.path}`);
      await expect(authenticator.authenticate({ authorization, audience: aud })).resolves.toBeUndefined();
      await expect(authenticator.authenticate({ authorization, audience: aud })).rejects.toMatchObject({
        status: 401,
        logDetail: 'jwt: jti replayed',
      });
    },
  );

  test('the recorded calls pass through the app (CDS_AUTH=verify), and each replayed token is refused', async () => {
    // Our services under the ids the sandbox called, so that each path is the token's aud.
    const recordedIds = Object.fromEntries(
      Object.entries(RECORDED_SERVICE_IDS).map(([theirs, ours]) => [ours, theirs]),
    );
    const services = createServices().map((s) => ({ ...s, id: recordedIds[s.id] ?? s.id }));
    let now = new Date();
    const { app, logger } = await createTestApp({
      env: {
        CDS_AUTH: 'verify',
        CDS_TRUSTED_ISSUERS: fileURLToPath(SANDBOX_DEV_TRUST_FILE),
        PUBLIC_BASE_URL: RECORDED_BASE_URL,
      },
      overrides: { clock: () => now, services },
    });
    const send = (rec: RecordedRequest) =>
      app.request(`${RECORDED_BASE_URL}${rec.path}`, {
        method: rec.method,
        headers: rec.headers,
        ...(rec.body ? { body: JSON.stringify(rec.body) } : {}),
      });
    for (const rec of recordedRequests()) {
      if (rec.headers.authorization) now = new Date(claimsOf(rec.headers.authorization).iat * 1000);
      // The recorded patient-view call's FHIR server (the recording's stub) is not running here and its prefetch keys
      // were the stub service's: none of the data that decides scope can be had, a 412 (past authentication).
      const expected = rec.method === 'OPTIONS' ? 204 : rec.path === '/cds-services/pv' ? 412 : 200;
      expect((await send(rec)).status, `${rec.method} ${rec.path}`).toBe(expected);
    }
    for (const rec of withTokens) {
      expect((await send(rec)).status, `replayed ${rec.method} ${rec.path}`).toBe(401);
    }
    const refusals = logger.lines.filter((l) => l.includes('"status":401'));
    expect(refusals).toHaveLength(withTokens.length);
    expect(refusals.every((l) => l.includes('jwt: jti replayed'))).toBe(true);
  });
});
