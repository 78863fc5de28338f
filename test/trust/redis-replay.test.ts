import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeAuthenticator } from '../../src/trust/build-client-trust.ts';
import { createRedisReplayStore } from '../../src/trust/redis-replay-store.ts';
import { ReplayStoreUnavailable } from '../../src/trust/replay-store.ts';
import { createTestApp, TEST_BASE_URL } from '../support/test-app.ts';
import { ISSUER, makeKey, signToken, type TestKey, writeTrustFile } from './jwt-kit.ts';

const REDIS_URL = process.env.TEST_REDIS_URL;
if (!REDIS_URL) console.warn('Redis tests skipped: set TEST_REDIS_URL (e.g. redis://127.0.0.1:6379)');

/** A prefix of its own per run, so that parallel runs sharing one Redis never see each other's keys. */
const PREFIX = `migraine-cds-test:${randomUUID()}:`;
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const DISCOVERY = '/cds-services';

describe.skipIf(!REDIS_URL)('Redis replay store', () => {
  const opened: { close(): Promise<void> }[] = [];
  let redis: Redis;
  let key: TestKey;
  let trustFile: string;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL!);
    key = await makeKey('RS384');
    trustFile = writeTrustFile([{ iss: ISSUER, jwks: { keys: [key.publicJwk] } }]);
  });

  afterAll(async () => {
    await Promise.all(opened.map((o) => o.close()));
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  test('claims a key once, with an expiry, atomically across store instances', async () => {
    const a = createRedisReplayStore({ url: REDIS_URL!, keyPrefix: PREFIX });
    const b = createRedisReplayStore({ url: REDIS_URL!, keyPrefix: PREFIX });
    opened.push(a, b);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claimOnce('k1', 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const ttl = await redis.pttl(`${PREFIX}k1`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  test('a key can be claimed again once it has expired', async () => {
    const store = createRedisReplayStore({ url: REDIS_URL!, keyPrefix: PREFIX });
    opened.push(store);
    expect(await store.claimOnce('short', 50)).toBe(true);
    expect(await store.claimOnce('short', 50)).toBe(false);
    await new Promise((r) => setTimeout(r, 120));
    expect(await store.claimOnce('short', 50)).toBe(true);
  });

  test('a token used on one app instance is refused by another sharing REDIS_URL', async () => {
    const env = { CDS_AUTH: 'verify', CDS_TRUSTED_ISSUERS: trustFile, REDIS_URL: REDIS_URL!, REDIS_KEY_PREFIX: PREFIX };
    const one = await createTestApp({ env, overrides: { clock: () => NOW } });
    const two = await createTestApp({ env, overrides: { clock: () => NOW } });
    opened.push({ close: () => closeAuthenticator(one.deps.authenticator) });
    opened.push({ close: () => closeAuthenticator(two.deps.authenticator) });
    const token = await signToken({ key, aud: `${TEST_BASE_URL}${DISCOVERY}`, now: NOW });
    const headers = { authorization: `Bearer ${token}` };
    expect((await one.call(DISCOVERY, { headers })).status).toBe(200);
    expect((await two.call(DISCOVERY, { headers })).status).toBe(401);
    expect((await one.call(DISCOVERY, { headers })).status).toBe(401);
    expect(two.logger.lines.some((l) => l.includes('jwt: jti replayed'))).toBe(true);
    const ready = await two.call('/readyz');
    expect(await ready.json()).toMatchObject({ checks: { 'replay-store': 'ok' } });
    const stored = await redis.keys(`${PREFIX}jti:*`);
    expect(stored).toEqual([
      `${PREFIX}jti:${encodeURIComponent(ISSUER)}:${JSON.parse(atob(token.split('.')[1]!)).jti}`,
    ]);
  });
});

describe('Redis replay store, unreachable', () => {
  test('fails closed: claims reject, readiness reports it, calls get a retryable 503', async () => {
    const unreachable = 'redis://127.0.0.1:1';
    const store = createRedisReplayStore({ url: unreachable, keyPrefix: PREFIX });
    await expect(store.claimOnce('x', 1000)).rejects.toBeInstanceOf(ReplayStoreUnavailable);
    await store.close();

    const key = await makeKey('ES384');
    const trustFile = writeTrustFile([{ iss: ISSUER, jwks: { keys: [key.publicJwk] } }]);
    const { call, deps } = await createTestApp({
      env: { CDS_AUTH: 'verify', CDS_TRUSTED_ISSUERS: trustFile, REDIS_URL: unreachable },
      overrides: { clock: () => NOW },
    });
    try {
      expect((await call('/readyz')).status).toBe(503);
      const token = await signToken({ key, aud: `${TEST_BASE_URL}${DISCOVERY}`, now: NOW });
      expect((await call(DISCOVERY, { headers: { authorization: `Bearer ${token}` } })).status).toBe(503);
    } finally {
      await closeAuthenticator(deps.authenticator);
    }
  });
});
