import autocannon from 'autocannon';
import { afterAll, describe, expect, test } from 'vitest';
import { panelAt, type Route, requestFor, SERVICES } from './support/panel-requests.ts';
import { type SpawnedService, spawnService } from './support/spawn-service.ts';

/**
 * The real service under a fixed request rate on loopback, mixing the 18 fixture patients over the three services
 * and feedback: zero errors, bounded p99, no memory growth after warm-up. 10 s by default, 60 s with
 * RELIABILITY_LONG=1. Bounds are generous (a shared 2-core CI machine); the real figures are printed.
 */
const LONG = process.env.RELIABILITY_LONG === '1';
const SECONDS = LONG ? 60 : 10;
const RATE = 40;
const WARMUP_SECONDS = 3;
const P99_BOUND_MS = 1500;
const HEAP_GROWTH_BOUND = 64 * 1024 * 1024;
const RSS_GROWTH_BOUND = 160 * 1024 * 1024;

const E = new Date().toISOString().slice(0, 10);
const panel = panelAt(E);
const mix: { route: Route; body: string }[] = [];
for (const patient of panel) {
  for (const route of ['candidacy', 'candidacy', 'orderSign', 'orderSelect', 'feedback'] as Route[]) {
    mix.push({ route, body: JSON.stringify(requestFor(route, patient)) });
  }
}

let service: SpawnedService | undefined;
afterAll(() => service?.dispose());

async function memory(base: string): Promise<{ rss: number; heap: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  return { rss: value('process_resident_memory_bytes'), heap: value('nodejs_heap_size_used_bytes') };
}

function run(base: string, seconds: number) {
  let i = 0;
  return autocannon({
    url: base,
    connections: 8,
    overallRate: RATE,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          const next = mix[i++ % mix.length] as (typeof mix)[number];
          return { ...req, path: SERVICES[next.route], body: next.body };
        },
      },
    ],
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

describe('sustained load on loopback', () => {
  test(`${RATE} requests/s for ${SECONDS} s: zero errors, bounded p99, no memory growth`, async () => {
    service = await spawnService({ EVALUATION_DATE: E, LOG_LEVEL: 'warn' });
    const warm = await run(service.base, WARMUP_SECONDS);
    expect(warm.errors + warm.non2xx).toBe(0);
    const before = await memory(service.base);
    const result = await run(service.base, SECONDS);
    const after = await memory(service.base);
    console.log(
      `sustained load: ${result.requests.total} requests in ${SECONDS} s at ${RATE}/s (mix of ${mix.length} ` +
        `fixture requests); errors ${result.errors}, non-2xx ${result.non2xx}, timeouts ${result.timeouts}; ` +
        `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; ` +
        `heap ${mb(before.heap)} -> ${mb(after.heap)}, RSS ${mb(before.rss)} -> ${mb(after.rss)}`,
    );
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(result.requests.total).toBeGreaterThanOrEqual(RATE * SECONDS * 0.9);
    expect(result.latency.p99).toBeLessThan(P99_BOUND_MS);
    expect(after.heap - before.heap).toBeLessThan(HEAP_GROWTH_BOUND);
    expect(after.rss - before.rss).toBeLessThan(RSS_GROWTH_BOUND);
  }, 150_000);
});
