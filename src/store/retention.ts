import type { Logger } from '../log/logger.ts';
import type { CardLogPurge } from './card-store.ts';
import { schedulePurge } from './purge-schedule.ts';

const DAY_MS = 86_400_000;

/** The instant before which card log rows are purged: `retentionDays` days before `now`. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/** Purges the card log now and then once a day (see schedulePurge); returns the function that stops it. */
export function scheduleRetentionPurge(options: {
  store: CardLogPurge;
  retentionDays: number;
  clock: () => Date;
  logger: Logger;
  intervalMs?: number;
}): () => Promise<void> {
  const { store, retentionDays, clock, logger } = options;
  return schedulePurge({
    name: 'card log',
    logger,
    intervalMs: options.intervalMs ?? DAY_MS,
    async purge() {
      const purged = await store.purgeCardLog(retentionCutoff(clock(), retentionDays));
      if (purged.invocations || purged.feedback) logger.info('card log purged', { retentionDays, ...purged });
    },
  });
}
