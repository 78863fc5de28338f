import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { PATIENT_RECORD_PREFETCH } from '../../src/cds/services/patient-prefetch.ts';
import { HttpProblem } from '../../src/http/operation-outcome.ts';
import { type LocalServer, sendFhir, startFaultServer } from './support/local-servers.ts';
import { chronicMigraineRecord, PATIENT_ID, searchset } from './support/patient-record.ts';
import { ACCESS_TOKEN, patientViewRequest, resolverUnderTest } from './support/resolver-harness.ts';

const evaluationDate = new Date().toISOString().slice(0, 10);
const patient = chronicMigraineRecord(evaluationDate).find((r) => r.id === PATIENT_ID) as Resource;
const PHI_MARKER = 'Okafor-PHI-marker';

type Handler = (req: IncomingMessage, res: ServerResponse, base: string) => void;
/** Patient reads and empty searches by default; a test swaps in a fault for the paths it names. */
const healthy: Handler = (req, res) =>
  req.url?.startsWith('/fhir/Patient/') ? sendFhir(res, 200, patient) : sendFhir(res, 200, searchset([]));
let handler: Handler = healthy;

let server: LocalServer;
let elsewhere: LocalServer;
beforeAll(async () => {
  server = await startFaultServer((req, res, base) => handler(req, res, base));
  elsewhere = await startFaultServer((_req, res) => sendFhir(res, 200, searchset([])));
});
afterAll(async () => {
  await server.close();
  await elsewhere.close();
});
beforeEach(() => {
  handler = healthy;
  server.seen.length = 0;
  elsewhere.seen.length = 0;
});

const onPath =
  (prefix: string, fault: Handler): Handler =>
  (req, res, base) =>
    req.url?.startsWith(`/fhir/${prefix}`) ? fault(req, res, base) : healthy(req, res, base);

async function resolveWith(env: Record<string, string> = {}, prefetch?: Record<string, unknown>) {
  const harness = resolverUnderTest(env);
  const request = patientViewRequest({ fhirServer: server.base, token: ACCESS_TOKEN, prefetch });
  const started = performance.now();
  const result = await harness.resolver.resolve(PATIENT_RECORD_PREFETCH, request).catch((e: unknown) => e);
  return { result, ms: performance.now() - started, ...harness };
}

describe('FHIR server faults', () => {
  test('401 on the required patient read is a 412 that names the key and never the token', async () => {
    handler = onPath('Patient/', (_req, res) => sendFhir(res, 401, { resourceType: 'OperationOutcome', issue: [] }));
    const { result, logger } = await resolveWith();
    expect(result).toBeInstanceOf(HttpProblem);
    const problem = result as HttpProblem;
    expect(problem.status).toBe(412);
    // One text for every failure of the FHIR server (no port scanning through the 412); the log says which.
    expect(problem.outcome.issue[0]?.diagnostics).toMatch(/"patient".*did not provide it/);
    expect(logger.lines.join('\n')).toMatch(/"outcome":"unauthorized","reason":"[^"]*\(401\)"/);
    expect(JSON.stringify(problem.outcome)).not.toContain(ACCESS_TOKEN);
    expect(logger.lines.join('\n')).not.toContain(ACCESS_TOKEN);
  });

  test('401 and 403 on optional searches make those keys unavailable with the reason', async () => {
    handler = (req, res, base) => {
      if (req.url?.startsWith('/fhir/AllergyIntolerance')) return sendFhir(res, 401, {});
      if (req.url?.startsWith('/fhir/Procedure')) return sendFhir(res, 403, {});
      return healthy(req, res, base);
    };
    const { result } = await resolveWith();
    expect(result).toMatchObject({
      allergies: { status: 'unavailable', reason: 'the FHIR server did not accept the access token (401)' },
      procedures: { status: 'unavailable', reason: 'the FHIR server denied access to this data (403)' },
      conditions: { status: 'ok', source: 'fetched', resources: [] },
    });
  });

  test('500 makes the key unavailable after a single attempt (no retries eating the deadline)', async () => {
    handler = onPath('Observation', (_req, res) => sendFhir(res, 500, {}));
    const { result } = await resolveWith();
    expect(result).toMatchObject({
      observations: { status: 'unavailable', reason: 'the FHIR server answered with an error (HTTP 500)' },
    });
    expect(server.seen.filter((s) => s.path.startsWith('/fhir/Observation'))).toHaveLength(1);
  });

  test('a server slower than the deadline makes that key unavailable and the call still ends on time', async () => {
    handler = onPath('Observation', (_req, res) => {
      setTimeout(() => sendFhir(res, 200, searchset([])), 10_000).unref();
    });
    const { result, ms } = await resolveWith({ FHIR_FETCH_TIMEOUT_MS: '300' });
    expect(result).toMatchObject({
      observations: { status: 'unavailable', reason: 'the FHIR server did not answer within 300 ms' },
      conditions: { status: 'ok' },
    });
    // Well before the 10 s server: the deadline held (a loaded machine adds seconds, never the whole 10 s).
    expect(ms).toBeLessThan(5000);
  });

  test('a slow required read is a 412 within the deadline', async () => {
    handler = onPath('Patient/', (_req, res) => {
      setTimeout(() => sendFhir(res, 200, patient), 10_000).unref();
    });
    const { result, ms, logger } = await resolveWith({ FHIR_FETCH_TIMEOUT_MS: '300' });
    expect((result as HttpProblem).status).toBe(412);
    expect((result as HttpProblem).outcome.issue[0]?.diagnostics).toContain('did not provide it');
    expect(logger.lines.join('\n')).toContain('did not answer within 300 ms');
    // Well before the 10 s server: the deadline held (a loaded machine adds seconds, never the whole 10 s).
    expect(ms).toBeLessThan(5000);
  });

  test('garbage JSON makes the key unavailable, and the body is never logged', async () => {
    handler = onPath('Condition', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.end(`{"resourceType":"Bundle","entry":[{"resource":{"name":"${PHI_MARKER}"`);
    });
    const { result, logger } = await resolveWith();
    expect(result).toMatchObject({
      conditions: { status: 'unavailable', reason: "the FHIR server's answer was unusable: the answer was not JSON" },
    });
    expect(logger.lines.join('\n')).not.toContain(PHI_MARKER);
  });

  test('a searchset nested deeper than 64 levels is unusable, not parsed', async () => {
    handler = (req, res, base) => {
      if (!req.url?.startsWith('/fhir/Condition')) return healthy(req, res, base);
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.end(`{"resourceType":"Bundle","type":"searchset","entry":[${'{"x":'.repeat(10_000)}1${'}'.repeat(10_000)}]}`);
    };
    const { result } = await resolveWith();
    expect(result).toMatchObject({
      conditions: { status: 'unavailable', reason: expect.stringContaining('nested too deep') },
    });
  });

  test('JSON that is not a FHIR resource, or a search answered with a resource, is unusable', async () => {
    handler = (req, res, base) => {
      if (req.url?.startsWith('/fhir/Condition')) return sendFhir(res, 200, ['not', 'a', 'resource']);
      if (req.url?.startsWith('/fhir/Procedure')) return sendFhir(res, 200, patient);
      return healthy(req, res, base);
    };
    const { result } = await resolveWith();
    expect(result).toMatchObject({
      conditions: { status: 'unavailable', reason: expect.stringContaining('not a FHIR resource') },
      procedures: { status: 'unavailable', reason: expect.stringContaining('was not a Bundle') },
    });
  });

  test('a read that answers with another patient is unusable, so the required key is a 412', async () => {
    handler = onPath('Patient/', (_req, res) => sendFhir(res, 200, { ...patient, id: 'someone-else' }));
    const { result } = await resolveWith();
    expect((result as HttpProblem).status).toBe(412);
  });

  test('redirects are not followed', async () => {
    handler = onPath('Condition', (_req, res) => {
      res.writeHead(302, { location: `${elsewhere.base}/Condition` });
      res.end();
    });
    const { result } = await resolveWith();
    expect(result).toMatchObject({
      conditions: { status: 'unavailable', reason: expect.stringContaining('redirect') },
    });
    expect(elsewhere.seen).toHaveLength(0);
  });

  test('a next link that leaves the FHIR server is not followed (the token stays home)', async () => {
    handler = onPath('Condition', (_req, res) =>
      sendFhir(res, 200, { ...searchset([]), link: [{ relation: 'next', url: `${elsewhere.base}/Condition?page=2` }] }),
    );
    const { result } = await resolveWith();
    expect(result).toMatchObject({
      conditions: { status: 'unavailable', reason: "the FHIR server's next-page link leads outside the FHIR server" },
    });
    expect(elsewhere.seen).toHaveLength(0);
  });

  test('paging stops at FHIR_MAX_PAGES and the truncated search is unavailable rather than partial', async () => {
    handler = onPath('Observation', (req, res, base) =>
      sendFhir(res, 200, {
        ...searchset([]),
        link: [{ relation: 'next', url: `${base}/Observation?patient=${PATIENT_ID}&page=${req.url?.length}` }],
      }),
    );
    const { result } = await resolveWith({ FHIR_MAX_PAGES: '3' });
    expect(result).toMatchObject({
      observations: { status: 'unavailable', reason: 'the search had more than 3 pages (FHIR_MAX_PAGES)' },
    });
    expect(server.seen.filter((s) => s.path.startsWith('/fhir/Observation'))).toHaveLength(3);
  });

  test('five missing keys are fetched in parallel: the server answers none until all five have asked', async () => {
    // A barrier instead of a stopwatch: fetched one after another, the first would wait for the others until its
    // deadline and the keys would be unavailable. No figure here depends on how busy the machine is.
    const waiting: (() => void)[] = [];
    handler = (req, res, base) => {
      waiting.push(() => healthy(req, res, base));
      if (waiting.length >= 5) for (const answer of waiting.splice(0)) answer();
    };
    const prefetch = { patient, conditions: searchset([]), observations: searchset([]) };
    const { result, metrics } = await resolveWith({ FHIR_FETCH_TIMEOUT_MS: '30000' }, prefetch);
    const fetched = Object.values(result as object).filter((o: { source?: string }) => o.source === 'fetched');
    expect(fetched).toHaveLength(5);
    expect(server.seen).toHaveLength(5);
    const histogram = await metrics.prefetchFetch.get();
    const count = histogram.values.find((v) => v.metricName?.endsWith('_count') && v.labels.outcome === 'ok');
    expect(count?.value).toBe(5);
  });
});
