import { describe, expect, test } from 'vitest';
import { createMemoryTimelineStore } from '../../src/timeline/memory-timeline-store.ts';
import type { StoredTimeline } from '../../src/timeline/timeline-store.ts';

const T0 = new Date('2026-11-23T09:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function entry(key: string, createdAt: Date, ttlSeconds: number, snapshot = '{"assessment":{}}'): StoredTimeline {
  return {
    kind: 'timeline',
    key,
    hookInstance: '2d8f3a0e-5a41-4c57-9a4b-0f4a7c1e9b11',
    createdAt: createdAt.toISOString(),
    expiresAt: new Date(createdAt.getTime() + ttlSeconds * 1000).toISOString(),
    snapshot,
  };
}

describe('memory timeline store', () => {
  test('an entry loads before its expiry and not at or after it', async () => {
    const store = createMemoryTimelineStore();
    await store.save(entry('k1', T0, 60));
    expect((await store.load('k1', at(59)))?.key).toBe('k1');
    expect(await store.load('k1', at(60))).toBeUndefined();
    expect(await store.load('k1', at(0))).toBeUndefined();
  });

  test('an unknown key loads nothing', async () => {
    const store = createMemoryTimelineStore();
    await store.save(entry('k1', T0, 60));
    expect(await store.load('k2', T0)).toBeUndefined();
  });

  test('at the entry limit, expired entries go first, then the oldest', async () => {
    const store = createMemoryTimelineStore({ maxEntries: 3 });
    await store.save(entry('short', T0, 10));
    await store.save(entry('a', at(1), 3600));
    await store.save(entry('b', at(2), 3600));
    await store.save(entry('c', at(20), 3600));
    expect(store.size()).toBe(3);
    expect(await store.load('a', at(21))).toBeDefined();
    await store.save(entry('d', at(30), 3600));
    expect(await store.load('a', at(31))).toBeUndefined();
    expect(await store.load('b', at(31))).toBeDefined();
    expect(await store.load('d', at(31))).toBeDefined();
  });

  test('the size limit evicts the oldest entries and refuses a snapshot larger than the limit', async () => {
    const store = createMemoryTimelineStore({ maxBytes: 100 });
    await store.save(entry('a', T0, 3600, 'x'.repeat(40)));
    await store.save(entry('b', at(1), 3600, 'y'.repeat(40)));
    await store.save(entry('c', at(2), 3600, 'z'.repeat(40)));
    expect(await store.load('a', at(3))).toBeUndefined();
    expect(await store.load('c', at(3))).toBeDefined();
    await expect(store.save(entry('huge', at(4), 3600, 'h'.repeat(101)))).rejects.toThrow(/larger than/);
  });

  test('purgeExpired deletes only expired entries', async () => {
    const store = createMemoryTimelineStore();
    await store.save(entry('old', T0, 10));
    await store.save(entry('new', T0, 100));
    expect(await store.purgeExpired(at(50))).toBe(1);
    expect(store.size()).toBe(1);
  });
});

describe('memory timeline store at capacity', () => {
  test('a full store still purges an expired entry saved after the ones that stay', async () => {
    const store = createMemoryTimelineStore({ maxEntries: 3 });
    await store.save(entry('a', T0, 3600));
    await store.save(entry('b', at(1), 3600));
    await store.save(entry('short', at(2), 5));
    await store.save(entry('c', at(10), 3600));
    expect(await store.load('a', at(11))).toBeDefined();
    expect(await store.load('b', at(11))).toBeDefined();
    expect(store.size()).toBe(3);
  });

  test('an entry evicted early does not stop a later expired one from going first', async () => {
    const store = createMemoryTimelineStore({ maxEntries: 2 });
    await store.save(entry('early', T0, 5));
    await store.save(entry('a', at(1), 3600));
    await store.save(entry('b', at(2), 3600)); // 'early' is the oldest and goes, unexpired
    await store.save(entry('short', at(3), 5)); // 'a' goes
    await store.save(entry('c', at(20), 3600)); // 'short' has expired: it goes, not 'b'
    expect(await store.load('b', at(21))).toBeDefined();
    expect(await store.load('c', at(21))).toBeDefined();
    expect(await store.load('short', at(4))).toBeUndefined();
  });

  test('saving into a full store of unexpired entries does not read every entry each time', async () => {
    const store = createMemoryTimelineStore({ maxEntries: 1000 });
    for (let i = 0; i < 1000; i++) await store.save(entry(`k${i}`, at(i / 1000), 3600));
    let parses = 0;
    const parse = Date.parse;
    Date.parse = (s: string) => {
      parses++;
      return parse(s);
    };
    try {
      for (let i = 0; i < 200; i++) await store.save(entry(`n${i}`, at(2 + i / 1000), 3600));
    } finally {
      Date.parse = parse;
    }
    expect(store.size()).toBe(1000);
    expect(parses).toBeLessThan(200 * 3);
  });
});
