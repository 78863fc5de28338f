import pg from 'pg';
import type { SqlExecutor, SqlQueryable } from './sql-executor.ts';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The PostgreSQL backend (`pg` pool), for several instances sharing one card log. Tables go where the connection's
 * search path points (`public`, or `?options=-c search_path=...` in the URL); `schema`, when given, is created if
 * missing and set as the search path of every connection, so that test runs can each use their own.
 */
export async function openPostgresExecutor(
  connectionString: string,
  options: { schema?: string; max?: number } = {},
): Promise<SqlExecutor> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error('Invalid schema name');
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client that loses its connection emits 'error'; without a listener that would crash the process. So does
  // a client taken from the pool in the moment its connection died (a database restart): its query fails on its own,
  // and the 'error' event needs a listener of its own, or the process dies with it.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    await pool.query(schema ? `create schema if not exists ${schema}` : 'select 1');
  } catch (error) {
    await pool.end();
    throw error;
  }
  const queryable = (q: pg.Pool | pg.PoolClient): SqlQueryable => ({
    async query<T>(sql: string, params: unknown[] = []) {
      return (await q.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  });
  return {
    backend: 'postgres',
    ...queryable(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work(queryable(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
