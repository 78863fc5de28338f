import type { ReplayStore } from './replay-store.ts';
import { ReplayStoreUnavailable } from './replay-store.ts';

/**
 * A bounded in-process replay store with expiring entries: right for one instance only (several instances behind a
 * load balancer need the Redis store). When it is full of live entries it refuses new tokens rather than forgetting
 * live ones, which would let them be replayed.
 */
export function createMemoryReplayStore(options: { clock: () => Date; maxEntries?: number }): ReplayStore {
  const { clock, maxEntries = 200_000 } = options;
  const expiries = new Map<string, number>();

  const sweep = (now: number, all: boolean) => {
    for (const [key, expiresAt] of expiries) {
      if (expiresAt <= now) expiries.delete(key);
      else if (!all) return;
    }
  };

  return {
    async claimOnce(key, ttlMs) {
      const now = clock().getTime();
      const seen = expiries.get(key);
      if (seen !== undefined && seen > now) return false;
      sweep(now, false);
      if (expiries.size >= maxEntries) sweep(now, true);
      if (expiries.size >= maxEntries) throw new ReplayStoreUnavailable('memory replay store is full');
      expiries.delete(key);
      expiries.set(key, now + Math.max(1, ttlMs));
      return true;
    },
    async ping() {},
    async close() {
      expiries.clear();
    },
  };
}
