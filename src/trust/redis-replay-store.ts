import { Redis } from 'ioredis';
import type { ReplayStore } from './replay-store.ts';
import { ReplayStoreUnavailable } from './replay-store.ts';

/**
 * A replay store shared by every instance: `SET key 1 NX PX ttl` is atomic, so a token replayed to another instance
 * is refused too. Commands fail fast when Redis is unreachable (the call is then refused, never let through).
 */
export function createRedisReplayStore(options: { url: string; keyPrefix: string }): ReplayStore {
  const redis = new Redis(options.url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 1000,
  });
  // ioredis reports connection errors as events; without a listener they would be printed as unhandled.
  redis.on('error', () => {});
  let connecting: Promise<void> | undefined;
  const connected = () => {
    if (redis.status === 'ready') return Promise.resolve();
    if (redis.status === 'wait') connecting ??= redis.connect().finally(() => (connecting = undefined));
    return connecting ?? Promise.resolve();
  };

  return {
    async claimOnce(key, ttlMs) {
      try {
        await connected();
        const reply = await redis.set(`${options.keyPrefix}${key}`, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
        return reply === 'OK';
      } catch (error) {
        throw new ReplayStoreUnavailable(`redis replay store: ${error instanceof Error ? error.message : 'failed'}`);
      }
    },
    async ping() {
      await connected();
      await redis.ping();
    },
    async close() {
      if (redis.status === 'wait' || redis.status === 'end') return;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
