// The embedded store's thread: PGlite (PostgreSQL in WebAssembly) runs here, so that its synchronous WebAssembly
// work never holds up the request thread. Plain JavaScript: Node loads it as it is, under tsx, vitest or a build.
// Protocol (src/store/pglite-executor.ts): { id, op, sql?, params?, tx? } -> { id, ok, result } | { id, ok: false, error }.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/** Open transactions by id: PGlite's `transaction` callback stays pending until the main thread commits or rolls back. */
const transactions = new Map();
let nextTx = 1;

const reply = (id, result) => parentPort.postMessage({ id, ok: true, result });
const fail = (id, error) =>
  parentPort.postMessage({
    id,
    ok: false,
    error: { message: error instanceof Error ? error.message : String(error), code: error?.code },
  });

function begin(db) {
  return new Promise((started, failedToStart) => {
    const entry = {};
    entry.done = db
      .transaction(
        (tx) =>
          new Promise((commit, rollback) => {
            entry.tx = tx;
            entry.commit = commit;
            entry.rollback = rollback;
            const txId = nextTx++;
            transactions.set(txId, entry);
            started(txId);
          }),
      )
      .catch((error) => {
        if (!entry.tx) failedToStart(error);
        throw error;
      });
  });
}

async function handle(db, message) {
  const target = message.tx === undefined ? db : transactions.get(message.tx)?.tx;
  if (!target) throw new Error('no such transaction');
  switch (message.op) {
    case 'query':
      return (await target.query(message.sql, message.params ?? [])).rows;
    case 'exec':
      await target.exec(message.sql);
      return undefined;
    case 'begin':
      return begin(db);
    case 'commit': {
      const entry = transactions.get(message.tx);
      transactions.delete(message.tx);
      entry.commit();
      await entry.done;
      return undefined;
    }
    case 'rollback': {
      const entry = transactions.get(message.tx);
      transactions.delete(message.tx);
      entry.rollback(new Error('rolled back'));
      await entry.done.catch(() => {});
      return undefined;
    }
    case 'close':
      await db.close();
      return undefined;
    default:
      throw new Error(`unknown operation ${message.op}`);
  }
}

try {
  // PostgreSQL's default 128 MB of shared buffers is reserved in the WebAssembly heap at start (about 130 MB of RSS);
  // the card log writes small batches and reads little, so 16 MB is plenty (docs/performance.md has the figures).
  const db = await PGlite.create(workerData.dir, {
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
  });
  parentPort.on('message', (message) => {
    handle(db, message).then(
      (result) => reply(message.id, result),
      (error) => fail(message.id, error),
    );
  });
  parentPort.postMessage({ ready: true });
} catch (error) {
  parentPort.postMessage({ ready: false, error: { message: error instanceof Error ? error.message : String(error) } });
}
