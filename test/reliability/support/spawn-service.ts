import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SERVICE_NODE_FLAGS } from '../../../src/runtime-flags.ts';
import { freePort } from '../../support/free-port.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface SpawnedService {
  base: string;
  child: ChildProcess;
  dataDir: string;
  /** Everything the service wrote to stdout and stderr (JSON log lines). */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills the service if it still runs and removes its data directory. */
  dispose(): Promise<void>;
}

/**
 * Starts the real service from its sources (`node <SERVICE_NODE_FLAGS> --import tsx src/main.ts`; `npm start` runs the
 * build of the same code, test/runtime/service-process.test.ts) on 127.0.0.1 with a fresh DATA_DIR, a clean environment
 * and the given variables, and waits until /readyz answers 200.
 */
export async function spawnService(env: Record<string, string> = {}, timeoutMs = 60_000): Promise<SpawnedService> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'migraine-cds-reliability-'));
  const base = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, '--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: base,
      LOG_LEVEL: 'info',
      EMBEDDED_FHIR: 'off',
      CDS_AUTH: 'off',
      DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const dispose = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${base}/readyz`)).ok) return { base, child, dataDir, output: () => output, exited, dispose };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  await dispose();
  throw new Error(`service did not become ready:\n${output.slice(-2000)}`);
}
