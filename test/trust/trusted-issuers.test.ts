import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildDeps } from '../../src/build-deps.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { loadTrustedIssuers, SANDBOX_DEV_TRUST_FILE } from '../../src/trust/trusted-issuers.ts';
import { ISSUER, makeKey, type TestKey, writeTrustFile } from './jwt-kit.ts';

let key: TestKey;
let privateJwk: Record<string, unknown>;

beforeAll(async () => {
  key = await makeKey('RS384');
  const { exportJWK } = await import('jose');
  privateJwk = { ...(await exportJWK(key.privateKey)), kid: key.kid };
});

describe('trust file', () => {
  test('the shipped sandbox file is valid and says it is unsafe for production', () => {
    const [sandbox] = loadTrustedIssuers(SANDBOX_DEV_TRUST_FILE);
    expect(sandbox?.$comment).toMatch(/UNSAFE FOR PRODUCTION/);
    expect(sandbox?.jku).toEqual(['https://sandbox.cds-hooks.org/.well-known/jwks.json']);
  });

  test('accepts pinned key sets, jku allowlists and tenants', () => {
    const path = writeTrustFile([
      { iss: ISSUER, jwks: { keys: [key.publicJwk] }, tenant: ['a', 'b'] },
      { iss: 'https://other.example.org', jku: ['https://keys.other.example.org/jwks.json'] },
    ]);
    expect(loadTrustedIssuers(path).map((i) => i.iss)).toEqual([ISSUER, 'https://other.example.org']);
  });

  test.each([
    ['an empty list', [], /Too small|at least/i],
    ['an issuer with neither jwks nor jku', [{ iss: ISSUER }], /needs a pinned "jwks" or a "jku" allowlist/],
    ['a plain-http jku', [{ iss: ISSUER, jku: ['http://keys.example.org/jwks.json'] }], /\[0\.jku\.0\]/],
    ['a misspelt field', [{ iss: ISSUER, jku: ['https://k.example.org/j'], tenants: ['a'] }], /tenants/],
    ['a symmetric key', [{ iss: ISSUER, jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] } }], /\[0\.jwks\.keys\.0/],
    [
      'the same issuer twice',
      [
        { iss: ISSUER, jku: ['https://k.example.org/j'] },
        { iss: ISSUER, jku: ['https://k.example.org/j'] },
      ],
      /listed twice/,
    ],
  ])('refuses %s', (_name, content, message) => {
    const path = writeTrustFile(content);
    expect(() => loadTrustedIssuers(path)).toThrow(ConfigError);
    expect(() => loadTrustedIssuers(path)).toThrow(message);
  });

  test('refuses a private key without quoting it', () => {
    const path = writeTrustFile([{ iss: ISSUER, jwks: { keys: [privateJwk] } }]);
    let message = '';
    try {
      loadTrustedIssuers(path);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/must be a public key/);
    expect(message).not.toContain(String(privateJwk.d));
  });

  test('refuses a file that is not JSON or cannot be read', () => {
    const path = writeTrustFile([]);
    writeFileSync(path, '{ not json');
    expect(() => loadTrustedIssuers(path)).toThrow(/not valid JSON/);
    expect(() => loadTrustedIssuers(`${path}.missing`)).toThrow(/cannot be read/);
  });

  test('an invalid trust file stops start-up', async () => {
    const config = loadConfig({ NODE_ENV: 'test', CDS_AUTH: 'verify', CDS_TRUSTED_ISSUERS: writeTrustFile([{}]) });
    await expect(buildDeps(config, { logger: silentLogger })).rejects.toThrow(ConfigError);
  });
});
