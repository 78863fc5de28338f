import type { Logger } from '../log/logger.ts';
import type { CardLogPurge } from './card-store.ts';

const DAY_MS = 86_400_000;

/** The instant before which card log rows are purged: `retentionDays` days before `now`. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/**
 * Purges now and then once a day. The timer is unref'd so that it never keeps the process alive; a failed purge is
 * logged and retried at the next tick. Returns a function that stops the schedule and waits for a purge under way.
 */
export function scheduleRetentionPurge(options: {
  store: CardLogPurge;
  retentionDays: number;
  clock: () => Date;
  logger: Logger;
  intervalMs?: number;
}): () => Promise<void> {
  const { store, retentionDays, clock, logger } = options;
  let running: Promise<void> | undefined;
  const purge = () => {
    running ??= store
      .purgeCardLog(retentionCutoff(clock(), retentionDays))
      .then((purged) => {
        if (purged.invocations || purged.feedback) logger.info('card log purged', { retentionDays, ...purged });
      })
      .catch((error) => logger.error('card log purge failed', { error }))
      .finally(() => {
        running = undefined;
      });
  };
  purge();
  const timer = setInterval(purge, options.intervalMs ?? DAY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
