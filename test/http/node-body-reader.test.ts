import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { startLiveApp } from '../support/live-app.ts';

const patientView = {
  hook: 'patient-view',
  hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
  context: { userId: 'Practitioner/1', patientId: 'p1' },
  // conditions queried, nothing there: enough data to answer (with no data at all the answer is a 412).
  prefetch: { patient: { resourceType: 'Patient', id: 'p1', birthDate: '1980-01-01' }, conditions: null },
};

/** POSTs `chunks` over a real socket, chunked (no content-length) unless `contentLength` is given. */
function post(
  base: string,
  chunks: string[],
  options: { contentLength?: number; abortAfterChunks?: boolean } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL('/cds-services/botox-candidacy', base);
    // A connection of its own: an earlier test's unfinished upload must not hold this request back.
    const req = request(url, {
      agent: false,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.contentLength !== undefined ? { 'content-length': String(options.contentLength) } : {}),
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    if (options.abortAfterChunks) {
      setTimeout(() => {
        req.destroy();
        resolve({ status: 0, body: '' });
      }, 50);
      return;
    }
    req.end();
  });
}

describe('request bodies read from the Node socket (the path @hono/node-server takes)', () => {
  let live: Awaited<ReturnType<typeof startLiveApp>>;
  beforeAll(async () => {
    live = await startLiveApp({ BODY_LIMIT_BYTES: '4000' });
  });
  afterAll(() => live.close());

  test('a body sent in many chunks is read whole', async () => {
    const text = JSON.stringify(patientView);
    const chunks = text.match(/.{1,7}/gs) ?? [];
    const res = await post(live.base, chunks);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toHaveProperty('cards');
  });

  test('a streamed body over the limit gets 413 without reading the rest', async () => {
    const res = await post(
      live.base,
      Array.from({ length: 20 }, () => 'x'.repeat(500)),
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).resourceType).toBe('OperationOutcome');
    expect(res.body).not.toContain('xxxx');
  });

  test('a declared length over the limit gets 413', async () => {
    const res = await post(live.base, ['{}'], { contentLength: 10_000 }).catch(() => ({ status: -1, body: '' }));
    expect(res.status).toBe(413);
  });

  test('a client that goes away mid-body leaves the server answering, counted as a client abort, not a 500', async () => {
    await post(live.base, ['{"hook":"patient-view",'], { abortAfterChunks: true });
    await vi.waitFor(() => expect(live.logger.lines.join('\n')).toContain('client aborted the request'), {
      timeout: 60_000,
    });
    const res = await post(live.base, [JSON.stringify(patientView)]);
    expect(res.status).toBe(200);
    const metrics = await (await fetch(`${live.base}/metrics`)).text();
    expect(metrics).toContain('cds_http_client_aborts_total{route="invoke",service="botox-candidacy"} 1');
    expect(metrics).not.toMatch(/status="5\d\d"/);
    const logs = live.logger.lines.join('\n');
    expect(logs).not.toContain('unhandled error');
    expect(logs).not.toMatch(/"status":5\d\d/);
    expect(live.logger.lines.find((l) => l.includes('client aborted'))).toMatch(/"level":"info"/);
  });
});
