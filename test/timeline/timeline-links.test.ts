import { describe, expect, test } from 'vitest';
import { createMemoryLogger } from '../../src/log/logger.ts';
import { createMemoryTimelineStore } from '../../src/timeline/memory-timeline-store.ts';
import { createTimelineLinks } from '../../src/timeline/timeline-links.ts';
import type { StoredTimeline, TimelineStore } from '../../src/timeline/timeline-store.ts';
import { timelineKey } from '../../src/timeline/timeline-token.ts';
import { candidateAssessment, PATIENT_ID } from './sample-assessments.ts';

const E = '2026-11-23';
const BASE = 'https://cds.example.org';
const HOOK_INSTANCE = 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea';

/** A memory store that also lets the test look at what was saved. */
function recordingStore(): TimelineStore & { saved: StoredTimeline[] } {
  const inner = createMemoryTimelineStore();
  const saved: StoredTimeline[] = [];
  return {
    saved,
    save: async (entry) => {
      saved.push(entry);
      await inner.save(entry);
    },
    load: (key, now) => inner.load(key, now),
    purgeExpired: (now) => inner.purgeExpired(now),
  };
}

function setup(ttlSeconds = 600) {
  let now = new Date(`${E}T09:00:00Z`);
  const store = recordingStore();
  const logger = createMemoryLogger();
  const links = createTimelineLinks({ publicBaseUrl: BASE, ttlSeconds, clock: () => now, store, logger });
  const issue = () =>
    links.timeline({ patientId: PATIENT_ID, hookInstance: HOOK_INSTANCE, payload: candidateAssessment(E) });
  const tokenOf = (url: string | undefined) => url!.slice(`${BASE}/timeline/`.length);
  return {
    links,
    store,
    logger,
    issue,
    tokenOf,
    advance: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)),
  };
}

describe('timeline links', () => {
  test('the URL is the public base, /timeline/, and a 256-bit base64url token', async () => {
    const { issue, tokenOf } = setup();
    const url = await issue();
    expect(url).toMatch(/^https:\/\/cds\.example\.org\/timeline\/[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(tokenOf(url), 'base64url')).toHaveLength(32);
  });

  test('tokens do not repeat and use the whole base64url alphabet evenly', async () => {
    const { issue, tokenOf } = setup();
    const tokens = await Promise.all(Array.from({ length: 400 }, () => issue().then(tokenOf)));
    expect(new Set(tokens).size).toBe(tokens.length);
    const counts = new Map<string, number>();
    for (const ch of tokens.join('')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(64);
    // 400 x 43 characters over 64 symbols: about 269 each; a biased generator would leave symbols far off that.
    for (const n of counts.values()) expect(n).toBeGreaterThan(150);
  });

  test('a link opens its snapshot until the TTL ends, then never again', async () => {
    const { links, issue, tokenOf, advance } = setup(600);
    const token = tokenOf(await issue());
    expect((await links.open(token))?.assessment.status).toBe('candidate');
    advance(599);
    expect(await links.open(token)).toBeDefined();
    advance(1);
    expect(await links.open(token)).toBeUndefined();
    advance(-300);
    expect(await links.open(token)).toBeUndefined();
  });

  test('the view carries the snapshot lifetime and the policy parameters in force', async () => {
    const { links, issue, tokenOf } = setup(3600);
    const view = await links.open(tokenOf(await issue()));
    expect(view?.createdAt).toBe(`${E}T09:00:00.000Z`);
    expect(view?.expiresAt).toBe(`${E}T10:00:00.000Z`);
    expect(view?.parameters?.minHeadacheDays).toBe(15);
  });

  test('an unknown or malformed token opens nothing', async () => {
    const { links, issue, tokenOf } = setup();
    const token = tokenOf(await issue());
    const other = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await links.open(other)).toBeUndefined();
    expect(await links.open('')).toBeUndefined();
    expect(await links.open(`${token}x`)).toBeUndefined();
    expect(await links.open('../../etc/passwd')).toBeUndefined();
  });

  test('the store holds a hash of the token and no patient id', async () => {
    const { store, issue, tokenOf } = setup();
    const token = tokenOf(await issue());
    const [entry] = store.saved;
    expect(entry?.key).toBe(timelineKey(token));
    expect(JSON.stringify(entry)).not.toContain(token);
    expect(JSON.stringify(entry)).not.toContain(PATIENT_ID);
    expect(entry?.snapshot).toContain('Observation/[patient]-diary-1');
    expect(entry?.hookInstance).toBe(HOOK_INSTANCE);
  });

  test('a payload that is not an assessment gets no link, and the log names paths, never values', async () => {
    const { links, logger } = setup();
    const url = await links.timeline({
      patientId: PATIENT_ID,
      hookInstance: HOOK_INSTANCE,
      payload: { status: 'candidate', criteria: 'Jane Doe' },
    });
    expect(url).toBeUndefined();
    const logged = logger.lines.join('\n');
    expect(logged).toContain('timeline snapshot not taken');
    expect(logged).not.toContain('Jane Doe');
  });
});
