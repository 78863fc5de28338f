import { createApp } from '../../src/app.ts';
import { buildDeps } from '../../src/build-deps.ts';
import { loadConfig } from '../../src/config.ts';
import type { AppDeps } from '../../src/deps.ts';
import { createMemoryLogger } from '../../src/log/logger.ts';

export const TEST_BASE_URL = 'http://cds.test';

/** An app with test configuration and in-memory parts; `env` and `overrides` adjust it per test. */
export async function createTestApp(options: { env?: Record<string, string>; overrides?: Partial<AppDeps> } = {}) {
  const config = loadConfig({
    NODE_ENV: 'test',
    PUBLIC_BASE_URL: TEST_BASE_URL,
    EMBEDDED_FHIR: 'off',
    ...options.env,
  });
  const logger = createMemoryLogger();
  const deps = await buildDeps(config, { logger, ...options.overrides });
  const app = createApp(deps);
  const call = (path: string, init?: RequestInit) => app.request(`${TEST_BASE_URL}${path}`, init);
  const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    call(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { app, deps, logger, call, postJson };
}
