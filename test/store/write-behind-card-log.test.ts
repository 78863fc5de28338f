import { describe, expect, test } from 'vitest';
import { silentLogger } from '../../src/log/logger.ts';
import type { InvocationRecord } from '../../src/store/card-store.ts';
import { createMemoryCardStore } from '../../src/store/memory-card-store.ts';
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

  test('the timer flushes on its own; a full queue flushes at once (back-pressure, nothing dropped)', async () => {
    const { inner, batches, store } = batchingStore();
    const logged = withWriteBehindCardLog(store, { logger: silentLogger, flushMs: 5, maxQueue: 3, maxBatch: 2 });
    await logged.recordInvocation(record(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(inner.invocations).toHaveLength(1);
    for (let i = 2; i <= 4; i++) await logged.recordInvocation(record(i));
    expect(inner.invocations).toHaveLength(4);
    expect(batches).toEqual([1, 2, 1]);
  });
});
