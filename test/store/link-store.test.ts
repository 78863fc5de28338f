import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMemoryLogger } from '../../src/log/logger.ts';
import { openCardStore } from '../../src/store/open-card-store.ts';
import type { SqlCardStore } from '../../src/store/sql-card-store.ts';
import type { StoredTimeline } from '../../src/timeline/timeline-store.ts';
import { timelineKey } from '../../src/timeline/timeline-token.ts';
import { createTestApp, TEST_BASE_URL } from '../support/test-app.ts';
import { candidateAssessment, PATIENT_ID } from '../timeline/sample-assessments.ts';
import { type BackendLocation, storeBackends } from './store-backends.ts';

/** The instant every date in this file is relative to. */
const NOW = new Date();
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const HOOK_INSTANCE = '2d8f3a0e-5a41-4c57-9a4b-0f4a7c1e9b11';

let counter = 0;
function entry(ttlSeconds: number, overrides: Partial<StoredTimeline> = {}): StoredTimeline {
  return {
    kind: 'timeline',
    key: `key-${process.pid}-${++counter}-${Math.random().toString(36).slice(2)}`,
    hookInstance: HOOK_INSTANCE,
    createdAt: NOW.toISOString(),
    expiresAt: at(ttlSeconds).toISOString(),
    snapshot: JSON.stringify({ assessment: { status: 'candidate', note: 'ünïcödé ✓' } }),
    ...overrides,
  };
}

describe.each(storeBackends())('link snapshots in the card store ($name)', (backend) => {
  let location: BackendLocation;
  let store: SqlCardStore;
  const rowCount = async (key: string) =>
    (await store.db.query<{ n: number }>('select count(*)::int as n from link_snapshot where key = $1', [key]))[0]?.n;

  beforeAll(async () => {
    location = backend.create();
    store = await location.open();
  });
  afterAll(async () => {
    await store?.close();
    await location?.destroy();
  });

  test('an entry loads exactly as saved, kind included, until its expiry', async () => {
    const timeline = entry(60);
    const priorAuth = entry(60, { kind: 'prior-auth', snapshot: '{"summary":"x"}' });
    await store.links.save(timeline);
    await store.links.save(priorAuth);
    expect(await store.links.load(timeline.key, at(59))).toEqual(timeline);
    expect(await store.links.load(priorAuth.key, at(0))).toEqual(priorAuth);
    expect(await store.links.load('unknown', at(0))).toBeUndefined();
  });

  test('a read at or after the expiry answers nothing and deletes the row', async () => {
    const e = entry(60);
    await store.links.save(e);
    expect(await rowCount(e.key)).toBe(1);
    expect(await store.links.load(e.key, at(60))).toBeUndefined();
    expect(await rowCount(e.key)).toBe(0);
  });

  test('saving under an existing key replaces the entry', async () => {
    const first = entry(60);
    const second = { ...first, kind: 'prior-auth' as const, expiresAt: at(120).toISOString(), snapshot: '{"v":2}' };
    await store.links.save(first);
    await store.links.save(second);
    expect(await store.links.load(first.key, at(90))).toEqual(second);
  });

  test('purgeExpired deletes the expired entries only and counts them', async () => {
    await store.links.purgeExpired(at(10_000));
    const short = [entry(10), entry(20)];
    const long = entry(3600);
    for (const e of [...short, long]) await store.links.save(e);
    expect(await store.links.purgeExpired(at(20))).toBe(2);
    expect(await rowCount(short[0]!.key)).toBe(0);
    expect(await store.links.load(long.key, at(20))).toEqual(long);
    expect(await store.links.purgeExpired(at(20))).toBe(0);
  });

  test('other calls never evict a live entry (bounded by time to live only)', async () => {
    const kept = entry(3600);
    await store.links.save(kept);
    for (let i = 0; i < 2500; i += 250) {
      await Promise.all(Array.from({ length: 250 }, () => store.links.save(entry(3600))));
    }
    expect(await store.links.load(kept.key, at(3599))).toEqual(kept);
  });

  test('the service schedule purges expired entries when the store opens', async () => {
    const expired = entry(-1);
    await store.links.save(expired);
    const config = { ...location.env, DATA_DIR: location.env.DATA_DIR ?? '', CARD_LOG_RETENTION_DAYS: 365 };
    if (backend.name === 'embedded') await store.close(); // one process at a time holds the embedded store
    const service = await openCardStore(config, { logger: createMemoryLogger(), clock: () => NOW });
    try {
      const deadline = Date.now() + 30_000;
      let left = 1;
      while (left && Date.now() < deadline) {
        left = (
          await (service as unknown as SqlCardStore).db.query<{ n: number }>(
            'select count(*)::int as n from link_snapshot where key = $1',
            [expired.key],
          )
        )[0]!.n;
        if (left) await new Promise((r) => setTimeout(r, 50));
      }
      expect(left).toBe(0);
    } finally {
      await service.close();
      if (backend.name === 'embedded') store = await location.open();
    }
  });

  test('a link issued through one app instance opens through another sharing the database', async () => {
    // Two instances at once on PostgreSQL; the embedded store admits one process at a time, so there the second
    // instance opens the data directory after the first has closed it (a restart).
    const sameTime = backend.name === 'postgres';
    const otherStore = sameTime ? await location.open() : store;
    const first = await createTestApp({ overrides: { store: otherStore } });
    const url = await first.deps.links!.timeline({
      patientId: PATIENT_ID,
      hookInstance: HOOK_INSTANCE,
      payload: candidateAssessment(NOW.toISOString().slice(0, 10)),
    });
    expect(url).toMatch(/\/timeline\/[A-Za-z0-9_-]{43}$/);
    const path = url!.slice(TEST_BASE_URL.length);
    const token = path.slice('/timeline/'.length);
    if (!sameTime) {
      await store.close();
      store = await location.open();
    }
    const second = await createTestApp({ overrides: { store } });
    const res = await second.call(path);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<html/i);
    // The row holds the token's hash and no patient id.
    const [row] = await store.db.query<{ kind: string; snapshot: string }>(
      'select kind, snapshot from link_snapshot where key = $1',
      [timelineKey(token)],
    );
    expect(row?.kind).toBe('timeline');
    expect(row?.snapshot).not.toContain(PATIENT_ID);
    expect(await store.db.query('select 1 from link_snapshot where key = $1', [token])).toEqual([]);
    if (sameTime) await otherStore.close();
  });
});
