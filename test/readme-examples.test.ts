import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startLiveApp } from './support/live-app.ts';

/** The README's curl examples, run as written against a live app (localhost:8080 replaced by its address). */
const readme = readFileSync(resolve(import.meta.dirname, '../README.md'), 'utf8');
const curls = [
  ...readme.matchAll(
    /curl -s -X POST http:\/\/localhost:8080(\S+) \\\n\s+-H 'content-type: application\/json' \\\n\s+-d '([^']+)'/g,
  ),
].map((m) => ({ path: m[1]!, body: m[2]! }));
let live: Awaited<ReturnType<typeof startLiveApp>>;

beforeAll(async () => {
  live = await startLiveApp();
}, 180_000);
afterAll(() => live.close());

test('the README has the curl examples this test runs', () => {
  expect(curls.map((c) => c.path)).toEqual(['/cds-services/botox-candidacy', '/cds-services/botox-candidacy/feedback']);
  expect(readme).toContain('curl -s http://localhost:8080/cds-services');
});

test('the README curl examples work as written', async () => {
  const discovery = await fetch(`${live.base}/cds-services`);
  expect(discovery.status).toBe(200);
  let cardUuid = '';
  for (const { path, body } of curls) {
    const res = await fetch(`${live.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body.replaceAll('http://localhost:8080', live.base).replace('<card uuid>', cardUuid),
    });
    expect(res.status, path).toBe(200);
    const json = (await res.json()) as { cards?: { uuid: string; summary: string }[]; stored?: number };
    if (json.cards) {
      expect(json.cards[0]?.summary).toMatch(/Botox candidate/);
      cardUuid = json.cards[0]!.uuid;
    } else {
      expect(json.stored).toBe(1);
    }
  }
});
