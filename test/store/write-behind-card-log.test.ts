import { describe, expect, test, vi } from 'vitest';
import { silentLogger } from '../../src/log/logger.ts';
import type { InvocationRecord } from '../../src/store/card-store.ts';
import { createMemoryCardStore } from '../../src/store/memory-card-store.ts';
import { StoreUnavailableError } from '../../src/store/store-unavailable.ts';
import { withWriteBehindCardLog } from '../../src/store/write-behind-card-log.ts';

function record(n: number): InvocationRecord {
  return {
    hookInstance: `hook-${n}`,
    serviceId: 'botox-candidacy',
    issuedAt: new Date(0).toISOString(),
    policy: { id: 'default', version: '1' },
    patientKey: 'k',
    cards: [
      {
        uuid: `card-${n}`,
        indicator: 'info',
        status: 'candidate',
        criteria: [],
        findings: [],
        suggestionUuids: [],
        overrideReasons: [],
      },
    ],
  };
}

function batchingStore() {
  const inner = createMemoryCardStore();
  const batches: number[] = [];
  return {
    inner,
    batches,
    store: {
      ...inner,
      async recordInvocations(records: InvocationRecord[]) {
        batches.push(records.length);
        for (const r of records) await inner.recordInvocation(r);
      },
    },
  };
}

describe('write-behind card log', () => {
  test('invocations are written later, in one batch, and close() flushes them', async () => {
    const { inner, batches, store } = batchingStore();
    const logged = withWriteBehindCardLog(store, { logger: silentLogger, flushMs: 10_000 });
    for (let i = 0; i < 5; i++) await logged.recordInvocation(record(i));
    expect(inner.invocations).toHaveLength(0);
    await logged.close();
    expect(inner.invocations.map((r) => r.hookInstance)).toEqual(['hook-0', 'hook-1', 'hook-2', 'hook-3', 'hook-4']);
    expect(batches).toEqual([5]);
  });

  test('feedback first flushes the queue, so the card it names is known', async () => {
    const { inner, store } = batchingStore();
    const logged = withWriteBehindCardLog(store, { logger: silentLogger, flushMs: 10_000 });
    await logged.recordInvocation(record(1));
    const result = await logged.recordFeedback(
      'botox-candidacy',
      [{ card: 'card-1', outcome: 'overridden', outcomeTimestamp: '2026-01-01T00:00:00Z' }],
      new Date(0).toISOString(),
    );
    expect(result).toMatchObject({ stored: 1, unknownCards: 0 });
    expect(inner.feedback[0]?.knownCard).toBe(true);
  });

  test('the timer flushes on its own; a full batch is written at once', async () => {
    const { inner, batches, store } = batchingStore();
    const logged = withWriteBehindCardLog(store, { logger: silentLogger, flushMs: 5, maxBatch: 2 });
    await logged.recordInvocation(record(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(inner.invocations).toHaveLength(1);
    await logged.recordInvocation(record(2));
    await logged.recordInvocation(record(3));
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([1, 2]);
    await logged.flush();
    expect(inner.invocations).toHaveLength(3);
  });

  test('a card never waits for a stalled store; the bounded queue drops and counts the overflow, then recovers', async () => {
    const { inner, store } = batchingStore();
    const stalls: ((error?: Error) => void)[] = [];
    let stalled = true;
    const stalling = {
      ...store,
      async recordInvocations(records: InvocationRecord[]) {
        if (stalled) {
          await new Promise<void>((_, fail) => stalls.push((error) => fail(error)));
        }
        await store.recordInvocations(records);
      },
    };
    const dropped: [number, string][] = [];
    const logged = withWriteBehindCardLog(stalling, {
      logger: silentLogger,
      flushMs: 60_000,
      retryMs: 5,
      maxQueue: 3,
      maxBatch: 2,
      onDrop: (count, reason) => dropped.push([count, reason]),
    });
    // Records 1 and 2 fill a batch, whose write hangs; 3 to 5 queue behind it until the queue is full.
    for (let i = 1; i <= 6; i++) await logged.recordInvocation(record(i));
    expect(stalls).toHaveLength(1);
    expect(logged.queued()).toBe(3);
    expect(dropped).toEqual([[1, 'queue-full']]);
    // The write fails as unavailable: the batch goes back to the front, the overflow (the newest) is dropped.
    stalls[0]?.(new StoreUnavailableError('stalled'));
    await vi.waitFor(() => expect(stalls).toHaveLength(2)); // tried again by itself
    expect(dropped.at(-1)).toEqual([2, 'queue-full']);
    stalled = false;
    stalls.at(-1)?.(new StoreUnavailableError('stalled'));
    await vi.waitFor(() => expect(logged.queued()).toBe(0));
    expect(inner.invocations.map((i) => i.hookInstance)).toEqual(['hook-1', 'hook-2', 'hook-3']);
  });

  test('a batch the store rejects for good (not unavailability) is dropped and counted, not retried', async () => {
    const { store } = batchingStore();
    let attempts = 0;
    const failing = {
      ...store,
      async recordInvocations() {
        attempts++;
        throw new Error('invalid input syntax');
      },
    };
    const dropped: [number, string][] = [];
    const logged = withWriteBehindCardLog(failing, {
      logger: silentLogger,
      flushMs: 1,
      onDrop: (count, reason) => dropped.push([count, reason]),
    });
    await logged.recordInvocation(record(1));
    await logged.flush();
    await logged.flush();
    expect([attempts, dropped]).toEqual([1, [[1, 'write-failed']]]);
  });
});
