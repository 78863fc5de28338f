import { request } from 'node:http';
import type { Bundle, CapabilityStatement, OperationOutcome } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createEmbeddedFhirServer } from '../../src/fhir-server/embedded-fhir-server.ts';
import { MAX_SEARCH_PARAMS, MAX_SORT_KEYS } from '../../src/fhir-server/search-query.ts';
import { type LocalServer, startEmbeddedFhir } from '../prefetch/support/local-servers.ts';
import { chronicMigraineRecord, PATIENT_ID } from '../prefetch/support/patient-record.ts';

const evaluationDate = new Date().toISOString().slice(0, 10);
const resources = chronicMigraineRecord(evaluationDate, 7);

describe('the search body is bounded while it is read', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startEmbeddedFhir(resources);
  });
  afterAll(() => server.close());

  /** Streams a chunked form body of up to `totalBytes` until the server answers; how much was sent by then. */
  function streamSearch(totalBytes: number): Promise<{ status: number; sent: number; body: string }> {
    const url = new URL(`${server.base}/Patient/_search`);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    return new Promise((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        answered = true;
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, sent, body: Buffer.concat(parts).toString('utf8') });
          req.destroy();
        });
      });
      req.on('error', (error) => {
        if (!answered) reject(error);
      });
      req.write('name=');
      const pump = () => {
        while (!answered && sent < totalBytes) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
  }

  test('a chunked 300 MB POST /fhir/Patient/_search is refused with 413 after little of it, memory flat', async () => {
    const rssBefore = process.memoryUsage().rss;
    const { status, sent, body } = await streamSearch(300 * 1024 * 1024);
    const grown = process.memoryUsage().rss - rssBefore;
    expect(status).toBe(413);
    expect((JSON.parse(body) as OperationOutcome).issue[0]?.code).toBe('too-long');
    // The server stopped at 64 KB; what the client got into socket buffers before the answer is all it sent.
    expect(sent).toBeLessThan(32 * 1024 * 1024);
    expect(grown).toBeLessThan(200 * 1024 * 1024);
  }, 120_000);

  test('a form body within the bound is searched', async () => {
    const res = await fetch(`${server.base}/Condition/_search`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `patient=${PATIENT_ID}`,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Bundle).total).toBeGreaterThan(0);
  });
});

describe('search parameters are bounded', () => {
  const fhir = createEmbeddedFhirServer({ resources, baseUrl: 'http://cds.test/fhir' });
  const get = async <T>(path: string) => {
    const res = await fhir.request(`http://cds.test${path}`);
    return { status: res.status, body: (await res.json()) as T };
  };
  beforeAll(async () => {
    await fhir.request('http://cds.test/metadata');
  });

  test('_sort with 500 keys is a 400 OperationOutcome, answered without sorting', async () => {
    const keys = ['date', 'code', 'status', 'category', 'patient'];
    const sort = Array.from({ length: 500 }, (_, i) => `${i % 2 ? '-' : ''}${keys[i % keys.length]}`).join(',');
    const { status, body } = await get<OperationOutcome>(`/Observation?_sort=${sort}`);
    expect(status).toBe(400);
    expect(body.issue[0]).toMatchObject({ code: 'invalid', diagnostics: `_sort takes at most ${MAX_SORT_KEYS} keys` });
  });

  test(`up to ${MAX_SORT_KEYS} distinct keys sort; a key repeated counts once`, async () => {
    expect((await get(`/Observation?patient=${PATIENT_ID}&_sort=-date,code,status`)).status).toBe(200);
    const repeated = Array.from({ length: 500 }, () => '-date').join(',');
    const { status, body } = await get<Bundle>(`/Observation?patient=${PATIENT_ID}&_sort=${repeated}&_count=5`);
    expect(status).toBe(200);
    expect(body.link?.find((l) => l.relation === 'self')?.url).toContain('_sort=-date&');
  });

  test(`more than ${MAX_SEARCH_PARAMS} filter parameters is a 400`, async () => {
    const filters = (n: number) => Array.from({ length: n }, (_, i) => `code=c${i}`).join('&');
    const { status, body } = await get<OperationOutcome>(`/Observation?patient=${PATIENT_ID}&${filters(200)}`);
    expect(status).toBe(400);
    expect(body.issue[0]?.diagnostics).toBe(`a search takes at most ${MAX_SEARCH_PARAMS} parameters`);
    expect((await get(`/Observation?${filters(MAX_SEARCH_PARAMS - 1)}&patient=${PATIENT_ID}`)).status).toBe(200);
  });

  test('a _count above the cap is lowered to it, and the CapabilityStatement says so', async () => {
    const { status, body } = await get<Bundle>(`/Observation?patient=${PATIENT_ID}&_count=100000`);
    expect(status).toBe(200);
    expect(body.entry?.length).toBeLessThanOrEqual(200);
    expect(body.link?.find((l) => l.relation === 'self')?.url).toContain('_count=200');
    const { body: metadata } = await get<CapabilityStatement>('/metadata');
    const params = metadata.rest?.[0]?.resource?.find((r) => r.type === 'Observation')?.searchParam ?? [];
    expect(params.find((p) => p.name === '_count')?.documentation).toContain('at most 200');
    expect(params.find((p) => p.name === '_sort')?.documentation).toContain(`At most ${MAX_SORT_KEYS} keys`);
  });
});
