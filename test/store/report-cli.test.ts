import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { FeedbackAnalytics } from '../../src/store/card-store.ts';
import { type BackendLocation, storeBackends } from './store-backends.ts';
import { accepted, dayBefore, daysBefore, invocation, loggedCard, overridden } from './store-fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const NOW = new Date();

/** Runs the README's command, `npm run report -- --from ... --to ...`, with only the environment it needs. */
function report(args: string[], env: Record<string, string>) {
  return spawnSync('npm', ['run', '--silent', 'report', '--', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development', ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
}

describe.each(storeBackends())('npm run report ($name)', (backend) => {
  let location: BackendLocation | undefined;
  afterAll(async () => {
    await location?.destroy();
  });

  test('prints the analytics of the range as JSON', async () => {
    location = backend.create();
    const store = await location.open();
    const serviceId = `svc-report-${randomUUID()}`;
    const shown = loggedCard();
    const dismissed = loggedCard({ status: 'not-eligible' });
    await store.recordInvocation(invocation(serviceId, daysBefore(NOW, 1), [shown, dismissed]));
    await store.recordFeedback(
      serviceId,
      [accepted(shown, daysBefore(NOW, 0.9)), overridden(dismissed.uuid, daysBefore(NOW, 0.9))],
      daysBefore(NOW, 0.9),
    );
    await store.close();

    const run = report(['--from', dayBefore(NOW, 7), '--to', dayBefore(NOW, 0)], location.env);
    expect(run.status, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout) as FeedbackAnalytics;
    expect(printed).toMatchObject({ from: dayBefore(NOW, 7), to: dayBefore(NOW, 0) });
    expect(printed.services.find((s) => s.serviceId === serviceId)).toMatchObject({
      issued: 2,
      accepted: 1,
      overridden: 1,
      ignored: 0,
    });
  }, 120_000);

  test('a missing or malformed range exits 2 with the usage', () => {
    const run = report(['--from', '2026-02-30'], location?.env ?? {});
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('usage: npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD');
  }, 180_000);
});
