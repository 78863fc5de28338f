import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { EmbeddedStoreError, openPgliteExecutor } from '../../src/store/pglite-executor.ts';
import type { SqlExecutor } from '../../src/store/sql-executor.ts';

describe('the embedded executor (PGlite on its own thread)', () => {
  const dirs: string[] = [];
  const open: SqlExecutor[] = [];
  const fresh = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'migraine-cds-pglite-'));
    dirs.push(dir);
    const db = await openPgliteExecutor(dir);
    open.push(db);
    await db.exec('create table t (k text primary key, n int not null)');
    return db;
  };
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  test('a committed transaction is visible; parameters and rows cross the thread intact', async () => {
    const db = await fresh();
    await db.transaction(async (tx) => {
      await tx.query('insert into t (k, n) values ($1, $2), ($3, $4)', ['a', 1, 'zoë – 頭痛', 2]);
    });
    expect(await db.query('select k, n from t order by n')).toEqual([
      { k: 'a', n: 1 },
      { k: 'zoë – 頭痛', n: 2 },
    ]);
  });

  test('a transaction whose work throws is rolled back and the error reaches the caller', async () => {
    const db = await fresh();
    await expect(
      db.transaction(async (tx) => {
        await tx.query("insert into t values ('a', 1)");
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(await db.query('select * from t')).toEqual([]);
  });

  test("PostgreSQL's error code comes back with the error", async () => {
    const db = await fresh();
    await db.query("insert into t values ('a', 1)");
    const error = await db.query("insert into t values ('a', 2)").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddedStoreError);
    expect((error as EmbeddedStoreError).code).toBe('23505');
  });

  test('transactions started together run one after the other, each whole', async () => {
    const db = await fresh();
    await db.query("insert into t values ('counter', 0)");
    await Promise.all(
      Array.from({ length: 10 }, () =>
        db.transaction(async (tx) => {
          const [row] = await tx.query<{ n: number }>("select n from t where k = 'counter'");
          await tx.query("update t set n = $1 where k = 'counter'", [(row?.n ?? 0) + 1]);
        }),
      ),
    );
    expect(await db.query("select n from t where k = 'counter'")).toEqual([{ n: 10 }]);
  });

  test('after close, calls are refused and the data directory can be opened again', async () => {
    const db = await fresh();
    await db.query("insert into t values ('kept', 7)");
    await db.close();
    open.splice(open.indexOf(db), 1);
    await expect(db.query('select 1')).rejects.toThrow(/stopped/);
    const again = await openPgliteExecutor(dirs[0] as string);
    open.push(again);
    expect(await again.query("select n from t where k = 'kept'")).toEqual([{ n: 7 }]);
  });
});
