import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { freePort } from '../support/free-port.ts';
import { type BackendLocation, storeBackends } from './store-backends.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const MAX_REQUESTS = 3000;
const MAX_MS = 30_000;
const CONCURRENCY = 4;
/** Kill once this many feedback posts have been acknowledged, with more in flight. */
const KILL_AFTER_ACKS = 150;

async function waitUntilReady(base: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('service did not become ready');
}

describe.each(storeBackends())('a killed service keeps every acknowledged feedback ($name)', (backend) => {
  let location: BackendLocation | undefined;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await location?.destroy();
  });

  test('SIGKILL while feedback is being posted loses nothing that got a 200', async () => {
    location = backend.create();
    // Create the schema (and, embedded, the database files) first, then hand the store to the service.
    await (await location.open()).close();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // A clean environment: only what the service needs, so that nothing from the test runner leaks in.
    const env: Record<string, string | undefined> = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      EMBEDDED_FHIR: 'off',
      CDS_AUTH: 'off',
      ...location.env,
    };
    let stderr = '';
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const exited = new Promise<void>((done) => child?.once('exit', () => done()));
    const spawnedAt = Date.now();
    try {
      await waitUntilReady(base, child, 60_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${stderr.slice(-2000)}`);
    }

    const acknowledged: string[] = [];
    let sent = 0;
    let killed = false;
    const started = Date.now();
    const worker = async () => {
      while (!killed && sent < MAX_REQUESTS && Date.now() - started < MAX_MS) {
        sent++;
        const card = randomUUID();
        const body = { feedback: [{ card, outcome: 'overridden', outcomeTimestamp: new Date().toISOString() }] };
        try {
          const res = await fetch(`${base}/cds-services/botox-candidacy/feedback`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          if (res.status === 200) acknowledged.push(card);
          await res.arrayBuffer();
        } catch {
          // the connection died with the process: not acknowledged
        }
        if (!killed && acknowledged.length >= KILL_AFTER_ACKS) {
          killed = true;
          child?.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await exited;
    expect(killed).toBe(true);
    expect(child.signalCode).toBe('SIGKILL');

    const store = await location.open();
    try {
      const rows = await store.db.query<{ card_uuid: string }>('select card_uuid from card_feedback');
      const stored = new Set(rows.map((r) => r.card_uuid));
      const lost = acknowledged.filter((card) => !stored.has(card));
      console.log(
        `kill test (${backend.name}): ready in ${started - spawnedAt} ms; ${sent} posts, ${acknowledged.length} ` +
          `acknowledged, ${stored.size} stored (in flight at the kill may be stored without a 200), lost ${lost.length}`,
      );
      expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
      expect(lost).toEqual([]);
    } finally {
      await store.close();
    }
  }, 120_000);
});
