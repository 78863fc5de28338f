import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { buildDeps } from './build-deps.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createJsonLogger } from './log/logger.ts';

/** The only place that reads the environment and listens. */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createJsonLogger(config.LOG_LEVEL);
  const deps = await buildDeps(config, { logger });
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    logger.info('listening', {
      port: info.port,
      host: config.HOST,
      publicBaseUrl: config.publicBaseUrl,
      policy: `${deps.policy.id}@${deps.policy.version}`,
      discovery: `${config.publicBaseUrl}/cds-services`,
    });
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(async () => {
      await deps.store.close().catch((error) => logger.error('store close failed', { error }));
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
