import { randomUUID } from 'node:crypto';
import { exportSPKI, type FetchImplementation, SignJWT } from 'jose';
import { beforeAll, describe, expect, test } from 'vitest';
import { createJwtAuthenticator } from '../../src/trust/jwt-authenticator.ts';
import { createMemoryReplayStore } from '../../src/trust/memory-replay-store.ts';
import type { ReplayStore } from '../../src/trust/replay-store.ts';
import type { TrustedIssuer } from '../../src/trust/trusted-issuers.ts';
import { ISSUER, makeKey, REMOTE_ISSUER, REMOTE_JKU, rawToken, rejection, signToken, type TestKey } from './jwt-kit.ts';

const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const AUD = 'https://cds.example.org/cds-services/botox-candidacy';
const seconds = (s: number) => new Date(NOW.getTime() + s * 1000);

let es384: TestKey;
let rs384: TestKey;
let es256: TestKey;
let remoteKey: TestKey;

beforeAll(async () => {
  [es384, rs384, es256, remoteKey] = await Promise.all([
    makeKey('ES384'),
    makeKey('RS384'),
    makeKey('ES256'),
    makeKey('ES384'),
  ]);
});

/** A fetch that serves the remote issuer's key set and records every URL requested. */
function keyServer(keys: () => TestKey[]) {
  const requested: string[] = [];
  const fetch: FetchImplementation = async (url) => {
    requested.push(url);
    return Response.json({ keys: keys().map((k) => k.publicJwk) });
  };
  return { fetch, requested };
}

function setup(
  options: {
    algorithms?: ('ES384' | 'RS384' | 'ES256' | 'RS256')[];
    issuers?: TrustedIssuer[];
    remoteKeys?: () => TestKey[];
    cooldownMs?: number;
    replayStore?: ReplayStore;
  } = {},
) {
  const server = keyServer(options.remoteKeys ?? (() => [remoteKey]));
  const issuers = options.issuers ?? [
    { iss: ISSUER, jwks: { keys: [es384.publicJwk, rs384.publicJwk, es256.publicJwk] } },
    { iss: REMOTE_ISSUER, jku: [REMOTE_JKU] },
  ];
  const authenticator = createJwtAuthenticator({
    issuers,
    algorithms: options.algorithms ?? ['ES384', 'RS384'],
    replayStore: options.replayStore ?? createMemoryReplayStore({ clock: () => NOW }),
    clock: () => NOW,
    remote: { fetch: server.fetch, cooldownMs: options.cooldownMs ?? 30_000 },
  });
  const verify = (token: string, audience = AUD) =>
    authenticator.authenticate({ authorization: `Bearer ${token}`, audience });
  return { authenticator, verify, requested: server.requested };
}

describe('valid tokens', () => {
  test('an ES384 token from a pinned issuer is accepted', async () => {
    const { verify } = setup();
    await expect(verify(await signToken({ key: es384, aud: AUD, now: NOW }))).resolves.toBeUndefined();
  });

  test('an RS384 token from a pinned issuer is accepted', async () => {
    const { verify } = setup();
    await expect(verify(await signToken({ key: rs384, aud: AUD, now: NOW }))).resolves.toBeUndefined();
  });

  test('aud may be an array that contains the URL called', async () => {
    const { verify } = setup();
    const token = await signToken({ key: es384, aud: ['https://other.example.org', AUD], now: NOW });
    await expect(verify(token)).resolves.toBeUndefined();
  });

  test('the Bearer scheme is case-insensitive', async () => {
    const { authenticator } = setup();
    const token = await signToken({ key: es384, aud: AUD, now: NOW });
    await expect(authenticator.authenticate({ authorization: `bearer ${token}`, audience: AUD })).resolves.toBe(
      undefined,
    );
  });

  test('a token that expired within the 60 s leeway is still accepted', async () => {
    const { verify } = setup();
    const token = await signToken({ key: es384, aud: AUD, now: seconds(-330), lifetimeSeconds: 300 });
    await expect(verify(token)).resolves.toBeUndefined();
  });
});

describe('missing and malformed tokens', () => {
  test('no Authorization header is refused', async () => {
    const { authenticator } = setup();
    const { status, reason } = await rejection(authenticator.authenticate({ authorization: undefined, audience: AUD }));
    expect(status).toBe(401);
    expect(reason).toMatch(/no Authorization/);
  });

  test.each([
    ['an empty header', ''],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['Bearer without a token', 'Bearer '],
    ['a token that is not a JWT', 'Bearer abc.def'],
    ['two tokens', 'Bearer a.b.c d.e.f'],
  ])('%s is refused', async (_name, authorization) => {
    const { authenticator } = setup();
    const { status, reason } = await rejection(authenticator.authenticate({ authorization, audience: AUD }));
    expect(status).toBe(401);
    expect(reason).toMatch(/not a Bearer compact JWT/);
  });

  test('three base64url segments that do not decode to JSON are refused', async () => {
    const { verify } = setup();
    const { status, reason } = await rejection(verify('bm90LWpzb24.bm90LWpzb24.c2ln'));
    expect(status).toBe(401);
    expect(reason).toMatch(/malformed/);
  });

  test('a token whose claims were altered after signing is refused', async () => {
    const { verify } = setup();
    const [h, , s] = (await signToken({ key: es384, aud: AUD, now: NOW })).split('.');
    const iat = NOW.getTime() / 1000;
    const altered = rawToken({}, { iss: ISSUER, aud: AUD, iat, exp: iat + 300, jti: randomUUID() }).split('.')[1];
    const { reason } = await rejection(verify(`${h}.${altered}.${s}`));
    expect(reason).toMatch(/bad signature/);
  });
});

describe('time claims', () => {
  test('an expired token is refused', async () => {
    const { verify } = setup();
    const token = await signToken({ key: es384, aud: AUD, now: seconds(-600), lifetimeSeconds: 300 });
    const { status, reason } = await rejection(verify(token));
    expect(status).toBe(401);
    expect(reason).toMatch(/expired \(exp\)/);
  });

  test('a token not valid before a future nbf is refused', async () => {
    const { verify } = setup();
    const token = await signToken({ key: es384, aud: AUD, now: NOW, claims: { nbf: NOW.getTime() / 1000 + 300 } });
    expect((await rejection(verify(token))).reason).toMatch(/claim nbf/);
  });

  test('a token issued in the future beyond the leeway is refused', async () => {
    const { verify } = setup();
    const token = await signToken({ key: es384, aud: AUD, now: seconds(120) });
    expect((await rejection(verify(token))).reason).toMatch(/claim iat/);
  });

  test('a token whose lifetime exceeds one hour is refused', async () => {
    const { verify } = setup();
    const token = await signToken({ key: es384, aud: AUD, now: NOW, lifetimeSeconds: 2 * 3600 });
    expect((await rejection(verify(token))).reason).toMatch(/lifetime/);
  });

  test('a token without exp is refused', async () => {
    const { verify } = setup();
    const token = await signToken({ key: es384, aud: AUD, now: NOW, claims: { exp: undefined } });
    expect((await rejection(verify(token))).reason).toMatch(/claim exp/);
  });
});

describe('audience, issuer, tenant', () => {
  test('a token for another URL of this service is refused', async () => {
    const { verify } = setup();
    const token = await signToken({ key: es384, aud: `${AUD}/feedback`, now: NOW });
    expect((await rejection(verify(token))).reason).toMatch(/claim aud/);
  });

  test('a token for another service host is refused', async () => {
    const { verify } = setup();
    const token = await signToken({ key: es384, aud: 'https://elsewhere.example.org/cds-services', now: NOW });
    expect((await rejection(verify(token, 'https://cds.example.org/cds-services'))).reason).toMatch(/claim aud/);
  });

  test('an issuer that is not on the list is refused', async () => {
    const { verify } = setup();
    const token = await signToken({ key: es384, aud: AUD, now: NOW, iss: 'https://attacker.example' });
    expect((await rejection(verify(token))).reason).toMatch(/issuer not trusted/);
  });

  test("a trusted issuer's tenant list admits only those tenants", async () => {
    const { verify } = setup({
      issuers: [{ iss: ISSUER, jwks: { keys: [es384.publicJwk] }, tenant: ['hospital-a'] }],
    });
    await expect(
      verify(await signToken({ key: es384, aud: AUD, now: NOW, claims: { tenant: 'hospital-a' } })),
    ).resolves.toBeUndefined();
    const other = await signToken({ key: es384, aud: AUD, now: NOW, claims: { tenant: 'hospital-b' } });
    expect((await rejection(verify(other))).reason).toMatch(/tenant/);
    const none = await signToken({ key: es384, aud: AUD, now: NOW });
    expect((await rejection(verify(none))).reason).toMatch(/tenant/);
  });
});

describe('keys and algorithms', () => {
  test('a kid that is not in the pinned key set is refused', async () => {
    const { verify } = setup();
    const stranger = await makeKey('ES384');
    const token = await signToken({ key: stranger, aud: AUD, now: NOW });
    expect((await rejection(verify(token))).reason).toMatch(/no key matches kid/);
  });

  test('a token signed by another key under a known kid is refused', async () => {
    const { verify } = setup();
    const stranger = await makeKey('ES384');
    const token = await signToken({ key: { ...stranger, kid: es384.kid }, aud: AUD, now: NOW });
    expect((await rejection(verify(token))).reason).toMatch(/bad signature/);
  });

  test('alg none is refused', async () => {
    const { verify } = setup();
    const iat = NOW.getTime() / 1000;
    const token = rawToken(
      { alg: 'none', typ: 'JWT', kid: es384.kid },
      { iss: ISSUER, aud: AUD, iat, exp: iat + 300, jti: randomUUID() },
    );
    expect((await rejection(verify(token))).reason).toMatch(/alg not allowed/);
  });

  test('HS256 signed with the public key as the HMAC secret is refused', async () => {
    const { verify } = setup();
    const secret = new TextEncoder().encode(await exportSPKI(rs384.publicKey));
    const iat = NOW.getTime() / 1000;
    const token = await new SignJWT({ iss: ISSUER, aud: AUD, iat, exp: iat + 300, jti: randomUUID() })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: rs384.kid })
      .sign(secret);
    expect((await rejection(verify(token))).reason).toMatch(/alg not allowed/);
  });

  test('ES256 is refused by default and accepted when configured', async () => {
    const token = await signToken({ key: es256, aud: AUD, now: NOW });
    expect((await rejection(setup().verify(token))).reason).toMatch(/alg not allowed/);
    await expect(setup({ algorithms: ['ES384', 'ES256'] }).verify(token)).resolves.toBeUndefined();
  });

  test('a header alg that does not match the key is refused', async () => {
    const { verify } = setup();
    const token = await signToken({ key: es384, aud: AUD, now: NOW });
    const [, claims, signature] = token.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'RS384', typ: 'JWT', kid: es384.kid })).toString('base64url');
    expect((await rejection(verify(`${header}.${claims}.${signature}`))).status).toBe(401);
  });

  test('a token without typ JWT is refused', async () => {
    const { verify } = setup();
    const token = await signToken({ key: es384, aud: AUD, now: NOW, header: { typ: 'at+jwt' } });
    expect((await rejection(verify(token))).reason).toMatch(/typ/);
  });

  test('a token without kid is refused', async () => {
    const { verify } = setup();
    const token = await signToken({ key: es384, aud: AUD, now: NOW, header: { kid: undefined } });
    expect((await rejection(verify(token))).reason).toMatch(/no kid/);
  });
});

describe('jku', () => {
  test('a jku that is not on the issuer allowlist is refused and never fetched', async () => {
    const { verify, requested } = setup();
    const jku = 'https://attacker.example/jwks.json';
    for (const [key, iss] of [
      [es384, ISSUER],
      [remoteKey, REMOTE_ISSUER],
    ] as const) {
      const token = await signToken({ key, aud: AUD, now: NOW, iss, header: { jku } });
      expect((await rejection(verify(token))).reason).toMatch(/jku not on the issuer allowlist/);
    }
    expect(requested).toEqual([]);
  });

  test('keys are fetched from the allowlisted jku once and cached', async () => {
    const { verify, requested } = setup();
    for (let i = 0; i < 3; i++) {
      const token = await signToken({
        key: remoteKey,
        aud: AUD,
        now: NOW,
        iss: REMOTE_ISSUER,
        header: { jku: REMOTE_JKU },
      });
      await expect(verify(token)).resolves.toBeUndefined();
    }
    await expect(verify(await signToken({ key: remoteKey, aud: AUD, now: NOW, iss: REMOTE_ISSUER }))).resolves.toBe(
      undefined,
    );
    expect(requested).toEqual([REMOTE_JKU]);
  });

  test('an unknown kid refreshes the key set after the cooldown (key rotation)', async () => {
    let published = [remoteKey];
    const { verify, requested } = setup({ remoteKeys: () => published, cooldownMs: 0 });
    await verify(await signToken({ key: remoteKey, aud: AUD, now: NOW, iss: REMOTE_ISSUER }));
    const rotated = await makeKey('RS384');
    published = [remoteKey, rotated];
    await expect(verify(await signToken({ key: rotated, aud: AUD, now: NOW, iss: REMOTE_ISSUER }))).resolves.toBe(
      undefined,
    );
    expect(requested).toEqual([REMOTE_JKU, REMOTE_JKU]);
  });

  test('an unknown kid within the cooldown does not fetch again', async () => {
    const { verify, requested } = setup({ cooldownMs: 60_000 });
    await verify(await signToken({ key: remoteKey, aud: AUD, now: NOW, iss: REMOTE_ISSUER }));
    const stranger = await makeKey('ES384');
    for (let i = 0; i < 3; i++) {
      const token = await signToken({ key: stranger, aud: AUD, now: NOW, iss: REMOTE_ISSUER });
      expect((await rejection(verify(token))).reason).toMatch(/no key matches kid/);
    }
    expect(requested).toEqual([REMOTE_JKU]);
  });
});

describe('jti replay (memory store)', () => {
  test('a token is accepted once; its replay is refused', async () => {
    const { verify } = setup();
    const token = await signToken({ key: es384, aud: AUD, now: NOW });
    await expect(verify(token)).resolves.toBeUndefined();
    const { status, reason } = await rejection(verify(token));
    expect(status).toBe(401);
    expect(reason).toMatch(/jti replayed/);
  });

  test('a new token reusing a jti is refused', async () => {
    const { verify } = setup();
    const jti = randomUUID();
    await verify(await signToken({ key: es384, aud: AUD, now: NOW, jti }));
    const again = await signToken({ key: rs384, aud: AUD, now: seconds(1), jti });
    expect((await rejection(verify(again))).reason).toMatch(/jti replayed/);
  });

  test('jti values are namespaced by issuer', async () => {
    const { verify } = setup();
    const jti = randomUUID();
    await verify(await signToken({ key: es384, aud: AUD, now: NOW, jti }));
    await expect(
      verify(await signToken({ key: remoteKey, aud: AUD, now: NOW, iss: REMOTE_ISSUER, jti })),
    ).resolves.toBeUndefined();
  });

  test('a token without jti is refused', async () => {
    const { verify } = setup();
    const token = await signToken({ key: es384, aud: AUD, now: NOW, jti: null });
    expect((await rejection(verify(token))).reason).toMatch(/claim jti/);
  });

  test('a refused token does not use up its jti', async () => {
    const { verify } = setup();
    const jti = randomUUID();
    await rejection(verify(await signToken({ key: es384, aud: `${AUD}/feedback`, now: NOW, jti })));
    await expect(verify(await signToken({ key: es384, aud: AUD, now: NOW, jti }))).resolves.toBeUndefined();
  });

  test('an unavailable replay store refuses the call with a retryable 503', async () => {
    const broken: ReplayStore = {
      claimOnce: () => Promise.reject(new Error('down')),
      ping: () => Promise.reject(new Error('down')),
      close: async () => {},
    };
    const { verify } = setup({ replayStore: broken });
    const { status } = await rejection(verify(await signToken({ key: es384, aud: AUD, now: NOW })));
    expect(status).toBe(503);
  });
});
