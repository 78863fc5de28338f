import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMemoryLogger } from '../../src/log/logger.ts';
import { openSqlCardStore } from '../../src/store/open-card-store.ts';
import type { SqlCardStore } from '../../src/store/sql-card-store.ts';
import { allowAllAuthenticator } from '../../src/trust/authenticator.ts';
import { createTestApp } from '../support/test-app.ts';
import { type BackendLocation, storeBackends } from './store-backends.ts';

const ADMIN_TOKEN = 'analytics-admin-token-for-tests-0123456789';
const postgres = storeBackends().find((b) => b.name === 'postgres');

/** A TCP relay to PostgreSQL: the store connects through it, and closing it makes the database refuse connections. */
async function relayTo(target: URL): Promise<{ url: string; refuse(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(typeof address === 'object' && address ? address.port : 0);
  return {
    url: url.toString(),
    refuse: async () => {
      await new Promise<void>((done) => {
        server.close(() => done());
        for (const s of sockets) s.destroy();
      });
    },
  };
}

describe.skipIf(!postgres)('analytics while PostgreSQL refuses connections', () => {
  let location: BackendLocation;
  let store: SqlCardStore;
  let relay: Awaited<ReturnType<typeof relayTo>>;

  beforeAll(async () => {
    location = postgres!.create();
    await (await location.open()).close(); // creates the schema and runs the migrations, directly
    const direct = new URL(location.env.DATABASE_URL as string);
    relay = await relayTo(direct);
    store = await openSqlCardStore({ DATABASE_URL: relay.url, DATA_DIR: '' });
  });
  afterAll(async () => {
    await store?.close().catch(() => {});
    await location?.destroy();
  });

  test('503 with a retry-later OperationOutcome, the failure logged, never a 500', async () => {
    const logger = createMemoryLogger();
    const { call } = await createTestApp({
      env: { ADMIN_TOKEN },
      overrides: { store, logger, authenticator: allowAllAuthenticator },
    });
    const auth = { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } };
    expect((await call('/analytics/feedback', auth)).status).toBe(200);
    await relay.refuse();
    // The first call may take a pooled connection that just died, the next ones are refused: each is a 503.
    for (let n = 0; n < 2; n++) {
      const res = await call('/analytics/feedback', auth);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ issue: [{ code: 'transient' }] });
    }
    expect(logger.lines.some((l) => l.includes('analytics query failed'))).toBe(true);
    expect(logger.lines.some((l) => l.includes('unhandled error'))).toBe(false);
  });
});
