import { describe, expect, test } from 'vitest';
import { createMemoryReplayStore } from '../../src/trust/memory-replay-store.ts';
import { ReplayStoreUnavailable } from '../../src/trust/replay-store.ts';

function storeAt(start: Date, maxEntries?: number) {
  let now = start;
  const store = createMemoryReplayStore({ clock: () => now, maxEntries });
  return { store, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe('memory replay store', () => {
  test('a key is claimed once while it lives, and again after it expires', async () => {
    const { store, advance } = storeAt(new Date());
    expect(await store.claimOnce('a', 1000)).toBe(true);
    expect(await store.claimOnce('a', 1000)).toBe(false);
    advance(999);
    expect(await store.claimOnce('a', 1000)).toBe(false);
    advance(1);
    expect(await store.claimOnce('a', 1000)).toBe(true);
  });

  test('when full of live keys it refuses new ones instead of forgetting live ones', async () => {
    const { store } = storeAt(new Date(), 2);
    await store.claimOnce('a', 60_000);
    await store.claimOnce('b', 60_000);
    await expect(store.claimOnce('c', 60_000)).rejects.toBeInstanceOf(ReplayStoreUnavailable);
    expect(await store.claimOnce('a', 60_000)).toBe(false);
  });

  test('expired keys make room, even behind a longer-lived one', async () => {
    const { store, advance } = storeAt(new Date(), 3);
    await store.claimOnce('long', 60_000);
    await store.claimOnce('short-1', 1000);
    await store.claimOnce('short-2', 1000);
    advance(2000);
    expect(await store.claimOnce('c', 1000)).toBe(true);
    expect(await store.claimOnce('d', 1000)).toBe(true);
    expect(await store.claimOnce('long', 60_000)).toBe(false);
  });
});
