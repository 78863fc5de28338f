import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { Resource } from '@medplum/fhirtypes';
import { afterAll, describe, expect, test } from 'vitest';
import { openSqlCardStore } from '../../src/store/open-card-store.ts';
import { type LocalServer, sendFhir, startFaultServer } from '../prefetch/support/local-servers.ts';
import { chronicMigraineRecord, PATIENT_ID, searchset } from '../prefetch/support/patient-record.ts';
import { ACCESS_TOKEN, patientViewRequest } from '../prefetch/support/resolver-harness.ts';
import { type SpawnedService, spawnService } from './support/spawn-service.ts';

/**
 * SIGTERM on the real service (src/main.ts): requests in flight finish with 200, feedback whose body is still
 * arriving is committed, new connections are refused, the process exits 0, and the card log written behind the
 * responses is flushed to disk. The kill -9 case is test/store/kill-durability.test.ts.
 */
const E = new Date().toISOString().slice(0, 10);
const FHIR_DELAY_MS = 1200;
const record = chronicMigraineRecord(E);
const patient = record.find((r) => r.id === PATIENT_ID) as Resource;

let service: SpawnedService | undefined;
let fhir: LocalServer | undefined;
afterAll(async () => {
  await service?.dispose();
  await fhir?.close();
});

/** A POST on its own connection whose body is sent in two halves, the second when `release` resolves. */
function postInTwoHalves(url: string, body: string, release: Promise<void>) {
  const half = Math.floor(body.length / 2);
  return new Promise<{ status: number; body: string }>((done, fail) => {
    const req = httpRequest(url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c) => {
        text += String(c);
      });
      res.on('end', () => done({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', fail);
    req.write(body.slice(0, half));
    void release.then(() => req.end(body.slice(half)));
  });
}

/** Tries a fresh TCP connection: 'refused' once the service stopped listening. */
function freshConnection(url: string): Promise<'refused' | 'accepted'> {
  return new Promise((done) => {
    const req = httpRequest(`${url}/healthz`, { agent: false }, (res) => {
      res.resume();
      done('accepted');
    });
    req.on('error', (e: NodeJS.ErrnoException) => done(e.code === 'ECONNREFUSED' ? 'refused' : 'accepted'));
    req.end();
  });
}

describe('graceful shutdown', () => {
  test('SIGTERM drains in-flight calls, commits pending feedback, refuses new connections, exits 0', async () => {
    fhir = await startFaultServer((req, res) => {
      const path = req.url ?? '';
      const type = /^\/fhir\/([A-Za-z]+)\?/.exec(path)?.[1] ?? '';
      const body = path.startsWith('/fhir/Patient/')
        ? patient
        : searchset(record.filter((r) => r.resourceType === type && r.id !== 'other-dx'));
      setTimeout(() => sendFhir(res, 200, body), FHIR_DELAY_MS).unref();
    });
    service = await spawnService({ EVALUATION_DATE: E, FHIR_FETCH_TIMEOUT_MS: '8000' });
    const { base } = service;

    // Four patient-view calls that wait on the slow FHIR server, so that they are in flight at SIGTERM.
    const slow = Array.from({ length: 4 }, () =>
      fetch(`${base}/cds-services/botox-candidacy`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(patientViewRequest({ fhirServer: fhir?.base, token: ACCESS_TOKEN })),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as { cards: { uuid: string }[] } })),
    );
    // Three feedback posts whose bodies are half sent when SIGTERM arrives.
    let release = () => {};
    const released = new Promise<void>((r) => {
      release = r;
    });
    const feedbackCards = [randomUUID(), randomUUID(), randomUUID()];
    const feedback = feedbackCards.map((card) =>
      postInTwoHalves(
        `${base}/cds-services/botox-candidacy/feedback`,
        JSON.stringify({ feedback: [{ card, outcome: 'overridden', outcomeTimestamp: new Date().toISOString() }] }),
        released,
      ),
    );
    const waitStart = Date.now();
    while ((fhir.seen.filter((s) => s.path.startsWith('/fhir/Patient/')).length ?? 0) < 4) {
      if (Date.now() - waitStart > 10_000) throw new Error('the slow calls never reached the FHIR server');
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 100));

    const signalledAt = performance.now();
    service.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    const afterSignal = await freshConnection(base);
    release();

    const slowResults = await Promise.all(slow);
    const feedbackResults = await Promise.all(feedback);
    const exit = await service.exited;
    const drainMs = performance.now() - signalledAt;
    console.log(
      `graceful shutdown: ${slowResults.length} slow calls and ${feedbackResults.length} half-sent feedback posts ` +
        `in flight; exit ${exit.code} ${drainMs.toFixed(0)} ms after SIGTERM; new connection ${afterSignal}`,
    );

    expect(afterSignal).toBe('refused');
    expect(slowResults.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    for (const r of slowResults) expect(r.body.cards).toHaveLength(1);
    expect(feedbackResults.map((r) => r.status)).toEqual([200, 200, 200]);
    for (const r of feedbackResults) expect(JSON.parse(r.body)).toMatchObject({ stored: 1 });
    expect(exit).toEqual({ code: 0, signal: null });
    expect(service.output()).toContain('"msg":"stopped"');

    const store = await openSqlCardStore({ DATA_DIR: service.dataDir });
    try {
      const stored = await store.db.query<{ card_uuid: string }>('select card_uuid from card_feedback');
      expect(stored.map((r) => r.card_uuid).sort()).toEqual([...feedbackCards].sort());
      // The card log is written behind the responses: shutdown flushed it.
      const issued = await store.db.query<{ card_uuid: string }>('select card_uuid from issued_card');
      const cardUuids = slowResults.map((r) => r.body.cards[0]?.uuid);
      expect(issued.map((r) => r.card_uuid).sort()).toEqual([...cardUuids].sort());
    } finally {
      await store.close();
    }
  }, 90_000);
});
