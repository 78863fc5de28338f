import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { SERVICE_NODE_FLAGS } from '../../src/runtime-flags.ts';
import { freePort } from '../../test/support/free-port.ts';
import { round } from './load.ts';
import { canPin } from './spawn-server.ts';

const ROOT = resolve(import.meta.dirname, '../..');

export type BudgetStore = 'embedded-new' | 'embedded-existing' | 'postgres';

/** One start of the built service (`node <flags> dist/main.js`, as `npm start` runs it) on one store. */
export interface StoreBudgetRun {
  store: BudgetStore;
  /** From spawn to the "listening" line (the service answers from then on). */
  readyMs: number;
  /** From spawn to the first card (200) of the bench patient. */
  firstCardMs: number;
  /** The start-up phases the service logged, with their durations. */
  phases: Record<string, number>;
  rssIdleMb: number;
  /** p99 at a fixed arrival rate, the service pinned to one core. */
  fixedRate: { callsPerSecond: number; seconds: number; p50Ms: number; p99Ms: number; non2xx: number };
  calls: number;
  rssHalfMb: number;
  rssEndMb: number;
  /** RSS growth over the second half of the calls, in % of the RSS at half-way. */
  secondHalfGrowthPercent: number;
}

export interface BudgetOptions {
  quick: boolean;
  body: string;
  evaluationDate: string;
  databaseUrl?: string;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return round(kb / 1024, 1);
}

async function post(url: string, body: string): Promise<number> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await res.arrayBuffer();
  return res.status;
}

async function runAmount(url: string, body: string, amount: number, overallRate?: number, seconds?: number) {
  return autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: 10,
    pipelining: 1,
    timeout: 10,
    ...(overallRate ? { overallRate, duration: seconds } : { amount }),
  });
}

async function startAndMeasure(
  store: BudgetStore,
  env: Record<string, string>,
  options: BudgetOptions,
): Promise<StoreBudgetRun> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const nodeArgv = [process.execPath, ...SERVICE_NODE_FLAGS, 'dist/main.js'];
  const [command, ...args] = canPin ? ['taskset', '-c', '0', ...nodeArgv] : nodeArgv;
  const started = performance.now();
  const child: ChildProcess = spawn(command as string, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      CDS_AUTH: 'off',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_BASE_URL: base,
      EVALUATION_DATE: options.evaluationDate,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let head = '';
  let readyMs: number | undefined;
  child.stdout?.on('data', (chunk: Buffer) => {
    if (readyMs !== undefined) return;
    head += chunk.toString('utf8');
    if (head.includes('"msg":"listening"')) readyMs = performance.now() - started;
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  try {
    while (readyMs === undefined) {
      if (child.exitCode !== null) throw new Error(`service exited before it was ready: ${stderr.slice(-1000)}`);
      if (performance.now() - started > 180_000) throw new Error('service not ready within 180 s');
      await new Promise((r) => setTimeout(r, 5));
    }
    const url = `${base}/cds-services/botox-candidacy`;
    const status = await post(url, options.body);
    if (status !== 200) throw new Error(`first card: HTTP ${status}`);
    const firstCardMs = performance.now() - started;
    const phases: Record<string, number> = {};
    for (const line of head.split('\n')) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as { phase?: string; ms?: number };
      if (entry.phase && entry.ms !== undefined) phases[entry.phase] = entry.ms;
    }
    await new Promise((r) => setTimeout(r, 1000));
    const pid = child.pid as number;
    const rssIdleMb = rssMb(pid);

    const rate = 200;
    const seconds = options.quick ? 5 : 15;
    const fixed = await runAmount(url, options.body, 0, rate, seconds);
    const calls = options.quick ? 2_000 : 10_000;
    await runAmount(url, options.body, calls / 2);
    const rssHalfMb = rssMb(pid);
    await runAmount(url, options.body, calls / 2);
    const rssEndMb = rssMb(pid);
    return {
      store,
      readyMs: Math.round(readyMs),
      firstCardMs: Math.round(firstCardMs),
      phases,
      rssIdleMb,
      fixedRate: {
        callsPerSecond: rate,
        seconds,
        p50Ms: fixed.latency.p50,
        p99Ms: fixed.latency.p99,
        non2xx: fixed.non2xx,
      },
      calls,
      rssHalfMb,
      rssEndMb,
      secondHalfGrowthPercent: round(((rssEndMb - rssHalfMb) / rssHalfMb) * 100, 1),
    };
  } finally {
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

/**
 * Issue 20's budgets: time to ready and to the first card, RSS idle and after many calls, and p99 at a fixed arrival
 * rate, for each store: the embedded store created, the embedded store reopened, and PostgreSQL when a URL is given.
 */
export async function benchServiceBudgets(options: BudgetOptions): Promise<StoreBudgetRun[]> {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  const runs: StoreBudgetRun[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'migraine-cds-bench-budgets-'));
  try {
    runs.push(await startAndMeasure('embedded-new', { DATA_DIR: dataDir }, options));
    runs.push(await startAndMeasure('embedded-existing', { DATA_DIR: dataDir }, options));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (options.databaseUrl) {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const url = new URL(options.databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    try {
      runs.push(await startAndMeasure('postgres', { DATABASE_URL: url.toString() }, options));
    } finally {
      const client = new pg.Client({ connectionString: options.databaseUrl });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    }
  }
  return runs;
}
