/**
 * The service under test, built exactly as src/main.ts builds it (loadConfig + buildDeps + createApp) from the
 * environment the runner passes. BENCH_STORE=memory swaps in the volatile card store; otherwise the configured one
 * (embedded under DATA_DIR, or PostgreSQL with DATABASE_URL) is opened as in production.
 */
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from '../../src/app.ts';
import { buildDeps } from '../../src/build-deps.ts';
import { loadConfig } from '../../src/config.ts';
import { createMemoryCardStore } from '../../src/store/memory-card-store.ts';
import { controlChild, failChild } from './child-control.ts';

try {
  const config = loadConfig(process.env);
  const deps = await buildDeps(config, process.env.BENCH_STORE === 'memory' ? { store: createMemoryCardStore() } : {});
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }) as Server;
  controlChild(server, () => deps.store.close());
} catch (error) {
  failChild(error);
}
