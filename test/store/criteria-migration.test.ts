import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { MIGRATIONS, runMigrations } from '../../src/store/migrations.ts';
import { openSqlCardStore } from '../../src/store/open-card-store.ts';
import { openPgliteExecutor } from '../../src/store/pglite-executor.ts';
import type { SqlExecutor } from '../../src/store/sql-executor.ts';

/** A card log written before migration 002: criteria as rows of card_criterion. */
async function logBefore002(db: SqlExecutor) {
  await runMigrations(db, MIGRATIONS.slice(0, 1));
  await db.exec(`
    insert into card_invocation (id, hook_instance, service_id, issued_at, policy_id, policy_version, patient_key)
    values (1, 'h-1', 'botox-candidacy', '2026-01-15T12:00:00Z', 'default', '2026.1', 'k');
    insert into issued_card (id, invocation_id, service_id, issued_at, card_uuid, indicator, status)
    values (1, 1, 'botox-candidacy', '2026-01-15T12:00:00Z', 'card-with-criteria', 'info', 'candidate'),
           (2, 1, 'botox-candidacy', '2026-01-15T12:00:00Z', 'card-without-criteria', 'warning', null);
    insert into card_criterion (card_id, criterion_id, status)
    values (1, 'age', 'met'), (1, 'chronic-migraine', 'unknown'), (1, 'preventive-failures', 'unmet');
  `);
}

describe('migration 002: criteria in the card row (embedded store)', () => {
  let dataDir: string | undefined;
  afterEach(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('every criterion already logged is carried into its card; the old table goes', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'migraine-cds-migration-'));
    const db = await openPgliteExecutor(dataDir);
    try {
      await logBefore002(db);
    } finally {
      await db.close();
    }
    const store = await openSqlCardStore({ DATA_DIR: dataDir });
    try {
      const cards = await store.db.query('select card_uuid, criteria from issued_card order by id');
      expect(cards).toEqual([
        {
          card_uuid: 'card-with-criteria',
          criteria: { age: 'met', 'chronic-migraine': 'unknown', 'preventive-failures': 'unmet' },
        },
        { card_uuid: 'card-without-criteria', criteria: {} },
      ]);
      const table = await store.db.query("select to_regclass('card_criterion') as t");
      expect(table).toEqual([{ t: null }]);
      const { services } = await store.feedbackAnalytics({ from: '2026-01-15', to: '2026-01-15' });
      const ignoredOnce = { issued: 1, accepted: 0, overridden: 0, ignored: 1 };
      expect(services[0]?.byCriterion).toEqual([
        { criterion: 'age', status: 'met', ...ignoredOnce },
        { criterion: 'chronic-migraine', status: 'unknown', ...ignoredOnce },
        { criterion: 'preventive-failures', status: 'unmet', ...ignoredOnce },
      ]);
    } finally {
      await store.close();
    }
  });
});
