import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeExampleRequests } from '../../cds-hooks/write-requests.ts';
import { replay } from '../../scripts/replay/run-replay.ts';
import { createApp } from '../../src/app.ts';
import { buildDeps } from '../../src/build-deps.ts';
import { loadConfig } from '../../src/config.ts';
import { createMemoryLogger } from '../../src/log/logger.ts';

const E = '2026-11-23';
const ROOT = resolve(import.meta.dirname, '../..');
let server: ServerType;
let base: string;
let dir: string;

beforeAll(async () => {
  const config = loadConfig({ NODE_ENV: 'test', EMBEDDED_FHIR: 'off', EVALUATION_DATE: E, LOG_LEVEL: 'error' });
  const app = createApp(await buildDeps(config, { logger: createMemoryLogger() }));
  server = await new Promise<ServerType>((ok) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => ok(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(resolve(tmpdir(), 'replay-'));
  writeExampleRequests(dir, E);
});

afterAll(async () => {
  await new Promise((ok) => server.close(ok));
  rmSync(dir, { recursive: true, force: true });
});

async function run(paths: string[], options: { base?: string; check?: boolean } = {}) {
  const lines: string[] = [];
  const code = await replay({ base: options.base ?? base, paths, check: options.check, write: (l) => lines.push(l) });
  return { code, out: lines.join('\n') };
}

const PREFETCHED = ['patient-view', 'order-select', 'order-sign'];

test('replaying every prefetched example request succeeds and prints one block per request', async () => {
  const { code, out } = await run(PREFETCHED.map((d) => resolve(dir, d)));
  expect(code).toBe(0);
  const manifest = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as { requests: { file: string }[] };
  for (const { file } of manifest.requests.filter((r) => !r.file.startsWith('patient-view-fhir-server/'))) {
    expect(out).toContain(`== ${file} -> `);
  }
  expect(out).toContain('-> botox-candidacy (patient cm-candidate-daily)');
  expect(out).toContain('-> botox-order-sign (patient cm-on-treatment-too-early)');
  expect(out).toMatch(/30 request\(s\), \d+ card\(s\); .*HTTP\/file errors: 0/);
});

test('the command line `npm run replay` script exits 0 against the running service', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'scripts/replay.ts', '--base', base, resolve(dir, 'order-sign')],
    { cwd: ROOT },
  );
  expect(stdout).toContain('== order-sign/too-early.json -> botox-order-sign');
  expect(stdout).toMatch(/4 request\(s\)/);
});

test('an HTTP error makes the replay exit non-zero and shows the OperationOutcome', async () => {
  const bad = resolve(dir, 'bad');
  mkdirSync(bad, { recursive: true });
  writeFileSync(
    resolve(bad, 'no-patient.json'),
    JSON.stringify({ hook: 'patient-view', hookInstance: 'a1b2c3', context: { userId: 'Practitioner/1' } }),
  );
  const { code, out } = await run([bad]);
  expect(code).toBe(1);
  expect(out).toContain('HTTP 400');
  expect(out).toMatch(/HTTP\/file errors: 1/);
});

test('an unreachable service makes the replay exit non-zero', async () => {
  const closed = serve({ fetch: () => new Response(), port: 0, hostname: '127.0.0.1' });
  await new Promise((ok) => closed.once('listening', ok));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((ok) => closed.close(ok));
  const { code, out } = await run([resolve(dir, 'order-sign')], { base: `http://127.0.0.1:${port}` });
  expect(code).toBe(1);
  expect(out).toContain('Cannot read');
});

test('with --check, a status that differs from the manifest exits 3', async () => {
  const checked = resolve(dir, 'checked');
  mkdirSync(resolve(checked, 'patient-view'), { recursive: true });
  writeFileSync(
    resolve(checked, 'patient-view/cm-minor.json'),
    readFileSync(resolve(dir, 'patient-view/cm-minor.json')),
  );
  writeFileSync(
    resolve(checked, 'manifest.json'),
    JSON.stringify({
      evaluationDate: E,
      requests: [
        {
          file: 'patient-view/cm-minor.json',
          hook: 'patient-view',
          patientId: 'cm-minor',
          expect: 'x',
          expectStatus: 'no-such-status',
        },
      ],
    }),
  );
  expect((await run([checked])).code).toBe(0);
  const { code, out } = await run([checked], { check: true });
  expect(code).toBe(3);
  expect(out).toContain('MISMATCH: expected no-such-status');
});
