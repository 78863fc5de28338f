import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeExampleRequests } from '../../cds-hooks/write-requests.ts';
import { fixturePanel } from '../../fhir-fixtures/index.ts';
import { replay } from '../../scripts/replay/run-replay.ts';
import { createApp } from '../../src/app.ts';
import { buildDeps } from '../../src/build-deps.ts';
import { loadConfig } from '../../src/config.ts';
import { createMemoryLogger } from '../../src/log/logger.ts';

const E = '2026-11-23';
let server: ServerType;
let base: string;
let dir: string;

beforeAll(async () => {
  // The port is only known after listening, and PUBLIC_BASE_URL must name it: listen first, then build the app.
  let handler: (req: Request) => Response | Promise<Response> = () => new Response(null, { status: 503 });
  server = await new Promise<ServerType>((ok) => {
    const s = serve({ fetch: (req) => handler(req), port: 0, hostname: '127.0.0.1' }, () => ok(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    EMBEDDED_FHIR: 'on',
    EVALUATION_DATE: E,
    PUBLIC_BASE_URL: base,
    LOG_LEVEL: 'error',
    // The service calls its own embedded server in this one process; leave room for a slow CI machine.
    FHIR_FETCH_TIMEOUT_MS: '10000',
  });
  const deps = await buildDeps(
    config,
    { logger: createMemoryLogger() },
    { embeddedFhirResources: (e) => fixturePanel(e).resources },
  );
  const app = createApp(deps);
  handler = (req) => app.fetch(req);
  // The first FHIR request loads the panel into the in-memory repository: do it before the timed service call.
  expect((await fetch(`${base}/fhir/Patient/cm-candidate-daily`)).status).toBe(200);
  dir = mkdtempSync(resolve(tmpdir(), 'replay-fhir-'));
  writeExampleRequests(dir, E);
}, 180_000);

afterAll(async () => {
  await new Promise((ok) => server.close(ok));
  rmSync(dir, { recursive: true, force: true });
});

test('the request without prefetch is answered from the embedded FHIR server named by --fhir-server', async () => {
  const lines: string[] = [];
  const code = await replay({
    base,
    paths: [resolve(dir, 'patient-view-fhir-server')],
    fhirServer: `${base}/fhir`,
    write: (l) => lines.push(l),
  });
  const out = lines.join('\n');
  expect(code, out).toBe(0);
  expect(out).toContain('== patient-view-fhir-server/cm-candidate-daily.json -> botox-candidacy');
  expect(out).toMatch(/1 request\(s\), [1-9]\d* card\(s\)/);
  expect(out).toContain('status: candidate');
});
