import { type ServerType, serve } from '@hono/node-server';
import { createApp } from '../../src/app.ts';
import { buildDeps } from '../../src/build-deps.ts';
import { loadConfig } from '../../src/config.ts';
import { createMemoryLogger } from '../../src/log/logger.ts';
import { freePort } from './free-port.ts';

/** The app listening on a free loopback port, with the embedded FHIR server on and PUBLIC_BASE_URL set to it. */
export async function startLiveApp(
  env: Record<string, string> = {},
): Promise<{ base: string; logger: ReturnType<typeof createMemoryLogger>; close(): Promise<void> }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // The FHIR deadline of a live test app is generous (30 s, not the 2 s default): its FHIR server is this same busy
  // process, and a loaded machine must not turn a slow answer into a 412. Tests of the deadline set their own.
  const config = loadConfig({
    NODE_ENV: 'test',
    PUBLIC_BASE_URL: base,
    EMBEDDED_FHIR: 'on',
    FHIR_FETCH_TIMEOUT_MS: '30000',
    ...env,
  });
  const logger = createMemoryLogger();
  const app = createApp(await buildDeps(config, { logger }));
  const server: ServerType = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  return { base, logger, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
