import type { Logger } from '../log/logger.ts';
import type { CardStore, InvocationBatches, InvocationRecord } from './card-store.ts';
import { StoreUnavailableError } from './store-unavailable.ts';

/** Why card log entries were not written: the queue was full, or the store refused the batch for good. */
export type CardLogDropReason = 'queue-full' | 'write-failed';

export interface WriteBehindOptions {
  logger: Logger;
  /** Longest a card log entry waits before it is written. */
  flushMs?: number;
  /** Entries written in one transaction at most; a queue this long is written at once. */
  maxBatch?: number;
  /** Entries queued at most; beyond it an entry is dropped and counted (a card never waits for the log). */
  maxQueue?: number;
  /** Wait before writing again after the store was unavailable. */
  retryMs?: number;
  /** Counts entries that will never be written (the `cds_card_log_dropped_total` metric). */
  onDrop?: (count: number, reason: CardLogDropReason) => void;
}

/**
 * The card log written behind the response: invocations are queued and written in batches (one transaction each), so
 * the clinician's card never waits for the log, not even when the store stalls. The queue is bounded: while the store
 * is unavailable, batches stay queued and are retried every `retryMs` (the service recovers by itself); once the queue
 * is full, new entries are dropped, counted through `onDrop` and logged. Feedback is never deferred: it first flushes
 * the queue (so that it finds the cards it refers to) and then commits before its 200. `close()` flushes what it can.
 *
 * The trade-off, stated in docs/store-and-analytics.md: a card issued in the last `flushMs` before a crash, or while
 * the queue was full, may be missing from the log; feedback on it is then kept and flagged as for an unknown card.
 */
export function withWriteBehindCardLog<S extends CardStore & InvocationBatches>(
  store: S,
  options: WriteBehindOptions,
): S & { flush(): Promise<void>; queued(): number } {
  const { logger } = options;
  const flushMs = options.flushMs ?? 250;
  const maxBatch = options.maxBatch ?? 200;
  const maxQueue = options.maxQueue ?? 10_000;
  const retryMs = options.retryMs ?? 1000;
  let queue: InvocationRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();
  let unavailableSince: number | undefined;
  let lastDropLog = 0;

  const drop = (count: number, reason: CardLogDropReason) => {
    if (count <= 0) return;
    options.onDrop?.(count, reason);
    if (reason === 'queue-full' && Date.now() - lastDropLog < 10_000) return;
    lastDropLog = Date.now();
    logger.error('card log entries dropped', { entries: count, reason, queued: queue.length, maxQueue });
  };
  const schedule = (ms: number) => {
    timer ??= setTimeout(() => void flush(), ms);
  };

  const writeQueued = async () => {
    while (queue.length) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        await store.recordInvocations(batch);
        if (unavailableSince !== undefined) {
          logger.info('card log writes resumed', { afterMs: Date.now() - unavailableSince, queued: queue.length });
          unavailableSince = undefined;
        }
      } catch (error) {
        if (error instanceof StoreUnavailableError) {
          // Kept, in order, for the next attempt; what no longer fits is dropped (the newest).
          queue = [...batch, ...queue];
          drop(queue.length - maxQueue, 'queue-full');
          queue.length = Math.min(queue.length, maxQueue);
          if (unavailableSince === undefined) {
            unavailableSince = Date.now();
            logger.error('card log write failed; retrying', { entries: queue.length, error });
          }
          if (timer) clearTimeout(timer);
          timer = setTimeout(() => void flush(), retryMs).unref();
          return;
        }
        logger.error('card log write failed', { entries: batch.length, error });
        drop(batch.length, 'write-failed');
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
      if (queue.length >= maxQueue) {
        drop(1, 'queue-full');
        return;
      }
      queue.push(record);
      if (queue.length === maxBatch && unavailableSince === undefined) void flush();
      else schedule(unavailableSince === undefined ? flushMs : retryMs);
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
      if (timer) clearTimeout(timer);
      drop(queue.length, 'write-failed');
      queue = [];
      await store.close();
    },
    /** Writes everything queued now (tests, analytics, shutdown). */
    flush,
    /** Entries waiting to be written. */
    queued: () => queue.length,
  };
}
