import type { AppConfig } from '../config.ts';
import type { Logger } from '../log/logger.ts';
import { startUpPhase } from '../log/start-up-phase.ts';
import type { CardLogPurge, CardStore, FeedbackAnalyticsSource, LinkSnapshots } from './card-store.ts';
import { runMigrations } from './migrations.ts';
import { openPgliteExecutor } from './pglite-executor.ts';
import { openPostgresExecutor } from './postgres-executor.ts';
import { schedulePurge } from './purge-schedule.ts';
import { scheduleRetentionPurge } from './retention.ts';
import { createSqlCardStore, type SqlCardStore } from './sql-card-store.ts';
import { type WriteBehindOptions, withWriteBehindCardLog } from './write-behind-card-log.ts';

/**
 * Opens the SQL card store the configuration names (PostgreSQL when DATABASE_URL is set, otherwise the embedded store
 * under DATA_DIR) and applies pending migrations. No retention schedule: see openCardStore.
 */
export async function openSqlCardStore(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATA_DIR'>,
  options: { schema?: string; logger?: Logger } = {},
): Promise<SqlCardStore> {
  const db = config.DATABASE_URL
    ? await openPostgresExecutor(config.DATABASE_URL, options)
    : await openPgliteExecutor(config.DATA_DIR, options);
  try {
    await startUpPhase(options.logger, 'applying migrations', { backend: db.backend }, () => runMigrations(db));
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return createSqlCardStore(db);
}

/** How often expired link snapshots are deleted (a read of an expired one deletes it at once). */
export const LINK_PURGE_INTERVAL_MS = 5 * 60_000;

/**
 * The service's card store: the SQL store with migrations applied, the card log written behind the response in
 * batches, the retention purge run now and daily (CARD_LOG_RETENTION_DAYS), expired link snapshots purged every
 * LINK_PURGE_INTERVAL_MS, and the schedules stopped on close.
 */
export async function openCardStore(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATA_DIR' | 'CARD_LOG_RETENTION_DAYS'>,
  options: { logger: Logger; clock: () => Date; onCardLogDrop?: WriteBehindOptions['onDrop'] },
): Promise<CardStore & CardLogPurge & FeedbackAnalyticsSource & LinkSnapshots> {
  const store = await openSqlCardStore(config, { logger: options.logger });
  options.logger.info('card store open', { backend: store.db.backend });
  const stop = scheduleRetentionPurge({
    store,
    retentionDays: config.CARD_LOG_RETENTION_DAYS,
    clock: options.clock,
    logger: options.logger,
  });
  const stopLinkPurge = schedulePurge({
    name: 'link snapshot',
    logger: options.logger,
    intervalMs: LINK_PURGE_INTERVAL_MS,
    async purge() {
      const purged = await store.links.purgeExpired(options.clock());
      if (purged) options.logger.debug('expired link snapshots purged', { purged });
    },
  });
  const logged = withWriteBehindCardLog(store, { logger: options.logger, onDrop: options.onCardLogDrop });
  return {
    ...logged,
    async feedbackAnalytics(range) {
      await logged.flush();
      return store.feedbackAnalytics(range);
    },
    async close() {
      await stop();
      await stopLinkPurge();
      await logged.close();
    },
  };
}
