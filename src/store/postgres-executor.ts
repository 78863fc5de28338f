import pg from 'pg';
import { ConfigError } from '../config.ts';
import type { Logger } from '../log/logger.ts';
import { startUpPhase } from '../log/start-up-phase.ts';
import type { SqlExecutor, SqlQueryable } from './sql-executor.ts';
import { StoreUnavailableError } from './store-unavailable.ts';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Time limits, so that a database that stalls is an answer (503), not a hang (issue 20): a connection is made, and a
 * pooled client is handed out, within CONNECT_TIMEOUT_MS; a statement answers within STATEMENT_TIMEOUT_MS (client-side,
 * which also catches a server that accepts and never answers; the same limit is set server-side so that PostgreSQL
 * stops the work too); a transaction left idle is ended by the server; idle clients are closed after a while.
 */
export const POSTGRES_TIMEOUTS = {
  CONNECT_TIMEOUT_MS: 2000,
  STATEMENT_TIMEOUT_MS: 2000,
  IDLE_IN_TRANSACTION_MS: 10_000,
  IDLE_CLIENT_MS: 30_000,
  /** After a failure that says the database is unreachable, further calls fail at once for this long (then one tries). */
  BACKOFF_MS: 1000,
} as const;

/** SQLSTATE classes that mean "unavailable, retry later", not "this statement is wrong". */
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0)|^57014$/;

function isUnavailable(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) return UNAVAILABLE_SQLSTATE.test(error.code ?? '');
  return true; // socket errors, timeouts, a connection ended: nothing the statement did
}

/** Where a URL points, without its user or password: `host:port/database`. */
function describeTarget(connectionString: string): string {
  const url = new URL(connectionString);
  return `${url.hostname}:${url.port || 5432}${url.pathname.length > 1 ? url.pathname : ''}`;
}

/**
 * A failure to open, as one line naming DATABASE_URL. Exit code 2 (ConfigError) when the configuration cannot work as
 * written; a plain Error (exit code 1) when the database is refusing or not answering, which may pass (it is starting).
 */
function openFailure(error: unknown, target: string): Error {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ConfigError) return error;
  if (error instanceof pg.DatabaseError) {
    const why =
      code === '28P01' || code === '28000'
        ? 'authentication failed'
        : code === '3D000'
          ? 'the database does not exist'
          : `the server refused: ${message}`;
    return new ConfigError(`DATABASE_URL: cannot open ${target}: ${why}`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new ConfigError(`DATABASE_URL: host not found (${target})`);
  if (code === 'ECONNREFUSED') return new Error(`DATABASE_URL: connection refused by ${target}`);
  if (/timeout/i.test(message)) {
    return new Error(`DATABASE_URL: ${target} did not answer within ${POSTGRES_TIMEOUTS.CONNECT_TIMEOUT_MS} ms`);
  }
  return new ConfigError(`DATABASE_URL: ${target} did not answer as PostgreSQL (${message})`);
}

/** An identifier quoted for SQL. */
const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * When the URL's search path (`?options=-c search_path=...`) names a schema that does not exist, tables would have
 * nowhere to go: the first schema of the path is created (idempotent, and only if the user may), else a clear error.
 */
async function ensureSearchPathSchema(pool: pg.Pool, logger: Logger | undefined): Promise<void> {
  const [row] = (
    await pool.query<{ current: string | null; path: string }>(
      `select current_schema() as current, current_setting('search_path') as path`,
    )
  ).rows;
  if (!row || row.current !== null) return;
  const first = row.path
    .split(',')
    .map((s) => s.trim())
    .find((s) => s && s !== '"$user"' && s !== '$user');
  if (!first) throw new ConfigError('DATABASE_URL: the search path names no schema');
  const schema = first.startsWith('"') ? first.slice(1, -1).replaceAll('""', '"') : first;
  try {
    await pool.query(`create schema if not exists ${quoteIdent(schema)}`);
  } catch (error) {
    if (error instanceof pg.DatabaseError && error.code === '42501') {
      throw new ConfigError(
        `DATABASE_URL: schema "${schema}" (search_path) does not exist and this user may not create it; create it first`,
      );
    }
    throw error;
  }
  logger?.info('created the schema named by the search path', { schema });
}

/**
 * The PostgreSQL backend (`pg` pool), for several instances sharing one card log. Tables go where the connection's
 * search path points (`public`, or `?options=-c search_path=...` in the URL, created if missing); `schema`, when given,
 * is created if missing and set as the search path of every connection, so that test runs can each use their own.
 * Every call is bounded by POSTGRES_TIMEOUTS; a call that finds the database unreachable throws StoreUnavailableError.
 */
export async function openPostgresExecutor(
  connectionString: string,
  options: { schema?: string; max?: number; logger?: Logger; timeouts?: Partial<typeof POSTGRES_TIMEOUTS> } = {},
): Promise<SqlExecutor> {
  const { schema, logger } = options;
  const timeouts = { ...POSTGRES_TIMEOUTS, ...options.timeouts };
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error('Invalid schema name');
  const target = describeTarget(connectionString);
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: timeouts.CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: timeouts.IDLE_CLIENT_MS,
    query_timeout: timeouts.STATEMENT_TIMEOUT_MS,
    statement_timeout: timeouts.STATEMENT_TIMEOUT_MS,
    idle_in_transaction_session_timeout: timeouts.IDLE_IN_TRANSACTION_MS,
    keepAlive: true,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client that loses its connection emits 'error'; without a listener that would crash the process. So does
  // a client taken from the pool in the moment its connection died (a database restart): its query fails on its own,
  // and the 'error' event needs a listener of its own, or the process dies with it.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    await startUpPhase(logger, 'connecting to PostgreSQL', { target }, async () => {
      if (schema) await pool.query(`create schema if not exists ${schema}`);
      else await ensureSearchPathSchema(pool, logger);
    });
  } catch (error) {
    await pool.end().catch(() => {});
    throw openFailure(error, target);
  }

  // After a failure that says the database is unreachable, calls fail at once until `retryAt`: a stalled database
  // then costs one statement timeout per BACKOFF_MS, not one per call.
  let retryAt = 0;
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    if (Date.now() < retryAt) throw new StoreUnavailableError(`PostgreSQL ${target} unavailable`);
    try {
      return await work();
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      retryAt = Date.now() + timeouts.BACKOFF_MS;
      const why = error instanceof Error ? error.message : String(error);
      throw new StoreUnavailableError(`PostgreSQL ${target} unavailable: ${why}`);
    }
  };

  const queryable = (q: pg.Pool | pg.PoolClient): SqlQueryable => ({
    async query<T>(sql: string, params: unknown[] = []) {
      return (await q.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  });
  const pooled = queryable(pool);
  return {
    backend: 'postgres',
    query: (sql, params) => guarded(() => pooled.query(sql, params)),
    exec: (sql) => guarded(() => pooled.exec(sql)),
    transaction: (work) =>
      guarded(async () => {
        const client = await pool.connect();
        // A checked-out client whose connection drops emits 'error'; the statement in flight fails with it anyway.
        const ignore = () => {};
        client.on('error', ignore);
        let failed: unknown;
        try {
          await client.query('begin');
          const result = await work(queryable(client));
          await client.query('commit');
          return result;
        } catch (error) {
          failed = error;
          await client.query('rollback').catch(() => {});
          throw error;
        } finally {
          // A client whose statement timed out may still be mid-statement: it is destroyed, never reused.
          client.off('error', ignore);
          client.release(failed !== undefined && isUnavailable(failed) ? (failed as Error) : undefined);
        }
      }),
    close: () => pool.end(),
  };
}
