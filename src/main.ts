import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { buildDeps } from './build-deps.ts';
import { type AppConfig, ConfigError, loadConfig } from './config.ts';
import type { AppDeps } from './deps.ts';
import { createJsonLogger } from './log/logger.ts';
import { closeAuthenticator } from './trust/build-client-trust.ts';

function failStart(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

/** The only place that reads the environment and listens. */
async function main() {
  let config: AppConfig;
  let deps: AppDeps;
  try {
    config = loadConfig(process.env);
    deps = await buildDeps(config, { logger: createJsonLogger(config.LOG_LEVEL) });
  } catch (error) {
    failStart(error);
  }
  const { logger } = deps;
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    logger.info('listening', {
      port: info.port,
      host: config.HOST,
      publicBaseUrl: config.publicBaseUrl,
      policy: `${deps.policy.id}@${deps.policy.version}`,
      discovery: `${config.publicBaseUrl}/cds-services`,
    });
  }) as Server;

  // SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish (feedback is committed before its 200),
  // then close the stores. A second signal or 10 s without draining forces the exit.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      process.exit(1);
    }
    stopping = true;
    logger.info('shutting down', { signal });
    setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, 10_000).unref();
    server.close(async () => {
      await deps.store.close().catch((error) => logger.error('store close failed', { error }));
      await closeAuthenticator(deps.authenticator).catch((error) =>
        logger.error('authenticator close failed', { error }),
      );
      logger.info('stopped');
      process.exit(0);
    });
    // Keep-alive connections go idle as their last response is sent: close them then, not at the keep-alive timeout.
    setInterval(() => server.closeIdleConnections(), 100).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch(failStart);
