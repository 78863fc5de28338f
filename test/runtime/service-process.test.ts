import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePort } from '../support/free-port.ts';

/**
 * The built service as an operator runs it (issue 20 items 1 and 2): `npm start` (which builds when dist/ is stale)
 * and `node dist/main.js`, real processes on free ports. A card comes back; SIGTERM or SIGINT to the npm process or
 * to node stops it cleanly with no process left behind and the data-dir lock released; configuration mistakes stop it
 * at once with one line naming the variable, exit code 2, before anything is opened.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const MANIFEST = JSON.parse(readFileSync(join(ROOT, 'cds-hooks/requests/manifest.json'), 'utf8')) as {
  evaluationDate: string;
};
const CANDIDATE_REQUEST = readFileSync(join(ROOT, 'cds-hooks/requests/patient-view/cm-candidate-daily.json'), 'utf8');
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

interface Started {
  child: ChildProcess;
  base: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(command: string[], env: Record<string, string>): Started {
  const [file, ...args] = command as [string, ...string[]];
  const child = spawn(file, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      CDS_AUTH: 'off',
      EVALUATION_DATE: MANIFEST.evaluationDate,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c) => {
    output += String(c);
  });
  child.stderr?.on('data', (c) => {
    output += String(c);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return { child, base: `http://127.0.0.1:${env.PORT}`, output: () => output, exited };
}

/** Waits for the "listening" log line (the service answers from then on). */
async function listening(s: Started, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (s.output().includes('"msg":"listening"')) return;
    if (s.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`service did not start:\n${s.output().slice(-3000)}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pids of `pid`'s children (Linux /proc), so that a test can check none is left behind. */
function childrenOf(pid: number): number[] {
  const run = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  return run.stdout.split('\n').filter(Boolean).map(Number);
}

async function candidacyCard(base: string) {
  const res = await fetch(`${base}/cds-services/botox-candidacy`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: CANDIDATE_REQUEST,
  });
  return { status: res.status, body: (await res.json()) as { cards: { summary: string }[] } };
}

const logLines = (output: string) =>
  output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const dataDirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'migraine-cds-process-'));
  dataDirs.push(dir);
  return dir;
};
const running: Started[] = [];
afterAll(() => {
  for (const s of running) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

beforeAll(() => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  expect(existsSync(join(ROOT, 'dist/main.js'))).toBe(true);
}, 300_000);

describe('npm start: the build, a card, and a clean stop on a signal to the npm process', () => {
  const dataDir = tempDir();
  test.each(['SIGTERM', 'SIGINT'] as const)(
    '%s to npm start: in-flight work finishes, the lock is released, no process is left',
    async (signal) => {
      const port = String(await freePort());
      const s = start(['npm', 'start', '--silent'], {
        PORT: port,
        DATA_DIR: dataDir,
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      });
      running.push(s);
      await listening(s);
      const logs = logLines(s.output());
      const phases = logs.filter((l) => typeof l.phase === 'string' && String(l.msg).endsWith(': done'));
      expect(phases.map((l) => l.phase)).toEqual([
        ...(signal === 'SIGTERM' ? ['creating the embedded store'] : []),
        'opening the embedded store',
        'applying migrations',
        'loading FHIR definitions',
      ]);
      for (const phase of phases) expect(phase.ms).toEqual(expect.any(Number));
      expect(phases[0]?.path).toBe(join(dataDir, 'card-store'));

      const card = await candidacyCard(s.base);
      expect(card.status).toBe(200);
      expect(card.body.cards[0]?.summary).toMatch(/candidate/i);

      const node = childrenOf(s.child.pid as number);
      expect(node).toHaveLength(1); // `exec`: npm's child is node itself, no shell in between
      expect(existsSync(join(dataDir, 'card-store.lock'))).toBe(true);
      s.child.kill(signal);
      const exit = await s.exited;
      expect(exit.code).toBe(0);
      for (const pid of node) expect(alive(pid)).toBe(false);
      expect(existsSync(join(dataDir, 'card-store.lock'))).toBe(false);
      const after = logLines(s.output()).map((l) => l.msg);
      expect(after).toContain('shutting down');
      expect(after.at(-1)).toBe('stopped');
    },
    300_000,
  );
});

describe.skipIf(!TEST_DATABASE_URL)('node dist/main.js with PostgreSQL and an unreachable Redis', () => {
  test('starts with a warning for Redis, serves a card, and stops on SIGTERM', async () => {
    const closedPort = await freePort();
    const port = String(await freePort());
    const schema = `cds_proc_${process.pid}`;
    const url = new URL(TEST_DATABASE_URL as string);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const s = start(['node', 'dist/main.js'], {
      PORT: port,
      DATABASE_URL: url.toString(),
      REDIS_URL: `redis://127.0.0.1:${closedPort}`,
      EMBEDDED_FHIR: 'off',
    });
    running.push(s);
    await listening(s);
    const logs = logLines(s.output());
    expect(logs.find((l) => l.level === 'warn' && l.check === 'replay-store')?.msg).toMatch(/unavailable at start/);
    expect((await candidacyCard(s.base)).status).toBe(200);
    s.child.kill('SIGTERM');
    expect((await s.exited).code).toBe(0);
    expect(logLines(s.output()).at(-1)?.msg).toBe('stopped');
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  }, 120_000);
});

describe('configuration mistakes stop the service before anything is opened: one line, exit code 2', () => {
  let busy: Server;
  let busyPort: number;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    busyPort = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => busy.close(() => r())));

  test.each<[string, Record<string, string>, RegExp]>([
    ['CDS_POLICY', { CDS_POLICY: 'strict' }, /CDS_POLICY: unknown policy \(known: default/],
    ['DATABASE_URL', { DATABASE_URL: 'postgres//user:secret-pw@db/base' }, /DATABASE_URL: not a valid URL/],
    ['REDIS_URL', { REDIS_URL: 'http://127.0.0.1:6379' }, /REDIS_URL: not a valid URL/],
    ['PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'cds.example.org' }, /PUBLIC_BASE_URL: not a valid URL/],
    ['PORT in use', { PORT: 'busy' }, /PORT: 127\.0\.0\.1:\d+ is already in use/],
  ])(
    '%s',
    async (_, env, line) => {
      const dataDir = join(tempDir(), 'never-created');
      const port = env.PORT === 'busy' ? String(busyPort) : String(await freePort());
      const s = start(['node', 'dist/main.js'], { DATA_DIR: dataDir, ...env, PORT: port });
      const exit = await s.exited;
      expect(exit.code).toBe(2);
      const lines = s.output().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(line);
      expect(s.output()).not.toContain('secret-pw');
      expect(existsSync(dataDir)).toBe(false);
    },
    60_000,
  );

  test('DATABASE_URL naming a host that does not exist: one error line naming it, exit code 2', async () => {
    const s = start(['node', 'dist/main.js'], {
      PORT: String(await freePort()),
      DATA_DIR: join(tempDir(), 'unused'),
      DATABASE_URL: 'postgres://user:secret-pw@nonexistent.invalid/base',
    });
    expect((await s.exited).code).toBe(2);
    const errors = s
      .output()
      .split('\n')
      .filter((l) => l && !l.startsWith('{'));
    expect(errors).toEqual(['DATABASE_URL: host not found (nonexistent.invalid:5432/base)']);
    expect(s.output()).not.toContain('secret-pw');
  }, 60_000);

  test('DATABASE_URL at a server that accepts and never answers: one line naming it, exit code 1', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const silentPort = (silent.address() as { port: number }).port;
    const s = start(['node', 'dist/main.js'], {
      PORT: String(await freePort()),
      DATA_DIR: join(tempDir(), 'unused'),
      DATABASE_URL: `postgres://user@127.0.0.1:${silentPort}/base`,
    });
    const exit = await s.exited;
    silent.close();
    expect(exit.code).toBe(1);
    const errors = s
      .output()
      .split('\n')
      .filter((l) => l && !l.startsWith('{'));
    expect(errors).toEqual([
      expect.stringMatching(/^Failed to start: DATABASE_URL: 127\.0\.0\.1:\d+\/base did not answer within/),
    ]);
  }, 60_000);
});
