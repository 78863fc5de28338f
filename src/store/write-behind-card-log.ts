import type { Logger } from '../log/logger.ts';
import type { CardStore, InvocationBatches, InvocationRecord } from './card-store.ts';

export interface WriteBehindOptions {
  logger: Logger;
  /** Longest a card log entry waits before it is written. */
  flushMs?: number;
  /** Entries written in one transaction at most. */
  maxBatch?: number;
  /** Entries queued at most; beyond it a call waits for the flush (back-pressure, nothing dropped). */
  maxQueue?: number;
}

/**
 * The card log written behind the response: invocations are queued and written in batches (one transaction each), so
 * the clinician's card does not wait for the log. Feedback is never deferred: it first flushes the queue (so that it
 * finds the cards it refers to) and then commits before its 200. `close()` flushes everything queued.
 *
 * The trade-off, stated in docs/store-and-analytics.md: a card issued in the last `flushMs` before a crash may be missing from the log;
 * feedback on it is then kept and flagged as for an unknown card.
 */
export function withWriteBehindCardLog<S extends CardStore & InvocationBatches>(
  store: S,
  options: WriteBehindOptions,
): S & { flush(): Promise<void> } {
  const flushMs = options.flushMs ?? 250;
  const maxBatch = options.maxBatch ?? 200;
  const maxQueue = options.maxQueue ?? 5_000;
  let queue: InvocationRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();

  const writeQueued = async () => {
    while (queue.length) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        await store.recordInvocations(batch);
      } catch (error) {
        options.logger.error('card log write failed', { entries: batch.length, error });
      }
    }
  };
  const flush = (): Promise<void> => {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    flushing = flushing.then(writeQueued);
    return flushing;
  };

  return {
    ...store,
    async recordInvocation(record: InvocationRecord) {
      queue.push(record);
      if (queue.length >= maxQueue) {
        await flush();
        return;
      }
      timer ??= setTimeout(() => void flush(), flushMs);
    },
    async recordInvocations(records: InvocationRecord[]) {
      await flush();
      await store.recordInvocations(records);
    },
    async recordFeedback(...args: Parameters<CardStore['recordFeedback']>) {
      await flush();
      return store.recordFeedback(...args);
    },
    async close() {
      await flush();
      await store.close();
    },
    /** Writes everything queued now (tests, analytics, shutdown). */
    flush,
  };
}
