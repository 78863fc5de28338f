import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../log/logger.ts';
import { startUpPhase } from '../log/start-up-phase.ts';
import { lockDataDir } from './data-dir-lock.ts';
import type { SqlExecutor, SqlQueryable } from './sql-executor.ts';

type Reply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { message: string; code?: string } };
type Ready = { ready: true } | { ready: false; error: { message: string } };

/** An error the embedded store raised, with PostgreSQL's SQLSTATE `code` when it has one. */
export class EmbeddedStoreError extends Error {
  override name = 'EmbeddedStoreError';
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const startWorker = (dir: string) =>
  new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: { dir } });

/** Resolves when the thread has opened the store; rejects with its error. */
function workerReady(worker: Worker): Promise<void> {
  return new Promise<void>((ready, failed) => {
    worker.once('message', (m: Ready) => (m.ready ? ready() : failed(new EmbeddedStoreError(m.error.message))));
    worker.once('error', failed);
  });
}

/**
 * The embedded backend: PGlite (PostgreSQL compiled to WebAssembly, no server, no native build) keeping its files in
 * `<dataDir>/card-store`. Same SQL dialect as the PostgreSQL backend, so both share one schema and one set of queries.
 * PGlite runs in a worker thread (src/store/pglite-worker.mjs): its WebAssembly runs synchronously, and on the request
 * thread a batch of card-log inserts would hold every waiting request up for as long as it takes.
 *
 * Durability: a commit is written to the WAL through the operating system before the query resolves, so an
 * acknowledged write survives a killed process (proven by test/store/kill-durability.test.ts). PGlite runs with
 * `fsync=off`, so a power loss of the host may lose recent commits: deployments that need that guarantee set
 * DATABASE_URL. One process per data directory: a pid lock file refuses a second live process.
 */
export async function openPgliteExecutor(dataDir: string, options: { logger?: Logger } = {}): Promise<SqlExecutor> {
  const dir = join(resolve(dataDir), 'card-store');
  mkdirSync(dirname(dir), { recursive: true });
  const release = lockDataDir(`${dir}.lock`);
  // A creation that was interrupted (a signal during the first start) left a directory without a database in it: the
  // marker says so, and it is created again from scratch (nothing was ever written to it).
  const creatingMarker = `${dir}.creating`;
  if (existsSync(creatingMarker)) rmSync(dir, { recursive: true, force: true });
  const creating = !existsSync(join(dir, 'PG_VERSION'));
  if (creating) writeFileSync(creatingMarker, String(process.pid));
  mkdirSync(dir, { recursive: true });
  if (creating) {
    // Creating runs initdb too, whose WebAssembly instance stays in its thread's memory (some 500 MB of RSS): the
    // thread that created the store is ended, and a fresh one opens it.
    await startUpPhase(options.logger, 'creating the embedded store', { path: dir }, async () => {
      const creator = startWorker(dir);
      try {
        await workerReady(creator);
        await new Promise<void>((closed, failed) => {
          creator.once('message', (m: Reply) => (m.ok ? closed() : failed(new EmbeddedStoreError(m.error.message))));
          creator.postMessage({ id: 0, op: 'close' });
        });
      } finally {
        await creator.terminate();
      }
    }).catch((error) => {
      release();
      throw error;
    });
    rmSync(creatingMarker, { force: true });
  }
  const worker = startWorker(dir);
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let stopped: Error | undefined;

  const stop = (error: Error) => {
    stopped ??= error;
    for (const p of pending.values()) p.reject(stopped);
    pending.clear();
  };
  worker.on('error', (error) => stop(new EmbeddedStoreError(`embedded store stopped: ${error.message}`)));
  worker.on('exit', () => {
    stop(new EmbeddedStoreError('embedded store stopped'));
    release();
  });

  try {
    await startUpPhase(options.logger, 'opening the embedded store', { path: dir }, () => workerReady(worker));
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  worker.unref();
  worker.on('message', (m: Reply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (pending.size === 0) worker.unref();
    if (m.ok) p.resolve(m.result);
    else p.reject(new EmbeddedStoreError(m.error.message, m.error.code));
  });

  const call = <T>(message: { op: string; sql?: string; params?: unknown[]; tx?: number }): Promise<T> => {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    // The thread keeps the process alive only while an answer is awaited, as an in-process database would.
    if (pending.size === 0) worker.ref();
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, ...message });
    });
  };
  const queryable = (tx?: number): SqlQueryable => ({
    query: <T>(sql: string, params: unknown[] = []) => call<T[]>({ op: 'query', sql, params, tx }),
    exec: (sql: string) => call<void>({ op: 'exec', sql, tx }),
  });

  return {
    backend: 'embedded',
    ...queryable(),
    async transaction(work) {
      const tx = await call<number>({ op: 'begin' });
      let result: Awaited<ReturnType<typeof work>>;
      try {
        result = await work(queryable(tx));
      } catch (error) {
        await call({ op: 'rollback', tx }).catch(() => {});
        throw error;
      }
      await call({ op: 'commit', tx });
      return result;
    },
    async close() {
      if (stopped) return;
      try {
        await call({ op: 'close' });
      } finally {
        await worker.terminate();
      }
    },
  };
}
