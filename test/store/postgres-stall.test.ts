import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { CdsServiceDefinition } from '../../src/cds/service.ts';
import { SERVICE_IDS } from '../../src/cds/services/registry.ts';
import { createMemoryLogger } from '../../src/log/logger.ts';
import { openCardStore } from '../../src/store/open-card-store.ts';
import { POSTGRES_TIMEOUTS } from '../../src/store/postgres-executor.ts';
import { allowAllAuthenticator } from '../../src/trust/authenticator.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { createTestApp } from '../support/test-app.ts';

/**
 * Issue 20 item 5: PostgreSQL behind a proxy that stalls (accepts, never answers) or refuses. Cards keep coming without
 * waiting for the card log; feedback, /readyz and analytics answer 503 within 3 s; once the database answers again the
 * service recovers by itself and the card log queued during the outage is written.
 */
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
const ADMIN_TOKEN = 'analytics-admin-token-for-tests-0123456789';
/** The bound, with room for a busy machine on top of the pool's own limits. */
const ANSWER_WITHIN_MS = 3000 + 2000;

const fixedCardService = (cardUuid: () => string): CdsServiceDefinition => ({
  id: SERVICE_IDS.candidacy,
  hook: 'patient-view',
  title: 'Candidacy (stall test)',
  description: 'Answers one card',
  prefetch: {},
  handle: () => ({
    cards: [
      {
        uuid: cardUuid(),
        summary: 'Candidate for onabotulinumtoxinA',
        indicator: 'info',
        source: { label: 'migraine-cds' },
      },
    ],
  }),
});

function patientView(patientId: string) {
  return {
    hook: 'patient-view',
    hookInstance: randomUUID(),
    context: { userId: 'Practitioner/pr-1', patientId },
    prefetch: { patient: { resourceType: 'Patient', id: patientId } },
  };
}

async function timed<T>(work: () => T | Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

describe.skipIf(!TEST_DATABASE_URL)('a PostgreSQL that stalls or refuses is an answer, not a hang', () => {
  const schema = `cds_stall_${process.pid}_${randomBytes(4).toString('hex')}`;
  const logger = createMemoryLogger();
  const dropped: string[] = [];
  let proxy: TcpProxy;
  let store: Awaited<ReturnType<typeof openCardStore>>;
  let cardUuid = randomUUID();
  let app: Awaited<ReturnType<typeof createTestApp>>;

  beforeAll(async () => {
    const real = new URL(TEST_DATABASE_URL as string);
    proxy = await startTcpProxy({ host: real.hostname, port: Number(real.port || 5432) });
    const url = new URL(real);
    url.port = String(proxy.port);
    // The schema does not exist yet: the search path of the URL names it, and opening creates it.
    url.searchParams.set('options', `-c search_path=${schema}`);
    store = await openCardStore(
      { DATABASE_URL: url.toString(), DATA_DIR: '', CARD_LOG_RETENTION_DAYS: 365 },
      { logger, clock: () => new Date(), onCardLogDrop: (n, reason) => dropped.push(`${n} ${reason}`) },
    );
    app = await createTestApp({
      env: { ADMIN_TOKEN },
      overrides: { store, authenticator: allowAllAuthenticator, services: [fixedCardService(() => cardUuid)] },
    });
  });
  afterAll(async () => {
    proxy?.setMode('forward');
    await store?.close();
    await proxy?.close();
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  });

  const feedback = async (card: string) =>
    app.postJson(`/cds-services/${SERVICE_IDS.candidacy}/feedback`, {
      feedback: [{ card, outcome: 'overridden', outcomeTimestamp: new Date().toISOString() }],
    });
  const analytics = () => app.call('/analytics/feedback', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });

  test('the search path of DATABASE_URL names a schema that did not exist: it was created', async () => {
    expect(logger.lines.some((l) => l.includes('"created the schema named by the search path"'))).toBe(true);
    expect((await app.call('/readyz')).status).toBe(200);
  });

  test.each(['stall', 'refuse'] as const)(
    'the database %ss: cards flow, the rest answers 503, then it recovers',
    async (mode) => {
      proxy.setMode(mode);
      cardUuid = randomUUID();
      const stalledCard = cardUuid;
      const card = await timed(() => app.postJson(`/cds-services/${SERVICE_IDS.candidacy}`, patientView('pt-1')));
      expect(card.result.status).toBe(200);
      // The card did not wait for the card log (which would take a statement timeout at least).
      expect(card.ms).toBeLessThan(POSTGRES_TIMEOUTS.STATEMENT_TIMEOUT_MS);

      for (const [name, call] of [
        ['feedback', () => feedback(stalledCard)],
        ['readyz', async () => app.call('/readyz')],
        ['analytics', analytics],
      ] as const) {
        const { result, ms } = await timed(call);
        expect([name, result.status]).toEqual([name, 503]);
        expect(ms, name).toBeLessThan(ANSWER_WITHIN_MS);
      }

      proxy.setMode('forward');
      await vi.waitFor(async () => expect((await app.call('/readyz')).status).toBe(200), {
        timeout: 15_000,
        interval: 200,
      });
      const accepted = await feedback(stalledCard);
      expect(accepted.status).toBe(200);
      // The card issued during the outage was kept in the queue and written once the database came back.
      expect(await accepted.json()).toEqual({ stored: 1, duplicates: 0, unknownCards: 0 });
      expect((await analytics()).status).toBe(200);
      expect(dropped).toEqual([]);
    },
  );
});
