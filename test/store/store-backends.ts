import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openSqlCardStore } from '../../src/store/open-card-store.ts';
import type { SqlCardStore } from '../../src/store/sql-card-store.ts';

/** Where a backend keeps its data, so that a test can reopen it or hand it to a spawned service. */
export interface BackendLocation {
  /** The environment a service or the report needs to open the same store. */
  env: Record<string, string>;
  open(): Promise<SqlCardStore>;
  /** Removes the temporary directory or drops the schema. */
  destroy(): Promise<void>;
}

export interface StoreBackend {
  name: 'embedded' | 'postgres';
  /** A fresh, empty location: a temporary DATA_DIR, or a PostgreSQL schema unique to this run. */
  create(): BackendLocation;
}

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

const embedded: StoreBackend = {
  name: 'embedded',
  create() {
    const dataDir = mkdtempSync(join(tmpdir(), 'migraine-cds-store-'));
    return {
      env: { DATA_DIR: dataDir },
      open: () => openSqlCardStore({ DATA_DIR: dataDir }),
      async destroy() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

const postgres = (url: string): StoreBackend => ({
  name: 'postgres',
  create() {
    const schema = `cds_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const urlWithSchema = new URL(url);
    urlWithSchema.searchParams.set('options', `-c search_path=${schema}`);
    return {
      // The spawned service opens `public` of DATABASE_URL unless the URL sets the search path.
      env: { DATABASE_URL: urlWithSchema.toString() },
      open: () => openSqlCardStore({ DATABASE_URL: url, DATA_DIR: '' }, { schema }),
      async destroy() {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`drop schema if exists ${schema} cascade`);
        } finally {
          await client.end();
        }
      },
    };
  },
});

/** The backends every store test runs against: always the embedded one, PostgreSQL when TEST_DATABASE_URL is set. */
export function storeBackends(): StoreBackend[] {
  if (!TEST_DATABASE_URL) {
    console.log('test/store: TEST_DATABASE_URL is not set, so the PostgreSQL variant is skipped (.ci/run sets it)');
    return [embedded];
  }
  return [embedded, postgres(TEST_DATABASE_URL)];
}
