import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.ts';
import type { SqlExecutor, SqlQueryable } from './sql-executor.ts';

/**
 * The embedded backend: PGlite (PostgreSQL compiled to WebAssembly, no server, no native build) keeping its files in
 * `<dataDir>/card-store`. Same SQL dialect as the PostgreSQL backend, so both share one schema and one set of queries.
 *
 * Durability: a commit is written to the WAL through the operating system before the query resolves, so an
 * acknowledged write survives a killed process (proven by test/store/kill-durability.test.ts). PGlite runs with
 * `fsync=off`, so a power loss of the host may lose recent commits: deployments that need that guarantee set
 * DATABASE_URL. One process per data directory: a pid lock file refuses a second live process.
 */
export async function openPgliteExecutor(dataDir: string): Promise<SqlExecutor> {
  const dir = join(resolve(dataDir), 'card-store');
  mkdirSync(dir, { recursive: true });
  const release = lockDataDir(`${dir}.lock`);
  let db: PGlite;
  try {
    db = await PGlite.create(dir);
  } catch (error) {
    release();
    throw error;
  }
  const queryable = (q: Pick<PGlite, 'query' | 'exec'>): SqlQueryable => ({
    async query<T>(sql: string, params: unknown[] = []) {
      return (await q.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    backend: 'embedded',
    ...queryable(db),
    transaction: (work) => db.transaction((tx) => work(queryable(tx))),
    async close() {
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}
