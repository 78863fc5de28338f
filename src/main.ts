import type { Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { type AppConfig, ConfigError, loadConfig } from './config.ts';
import type { AppDeps } from './deps.ts';
import { createJsonLogger, type Logger } from './log/logger.ts';

/** Longest a shutdown waits for in-flight calls and the card log before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * Exit codes (docs/operations.md): 0 stopped by a signal, cleanly; 1 failed at run time or a dependency was unavailable
 * at start (retrying may help); 2 the configuration cannot work as written (fix it first). One line, no stack trace.
 */
function failStart(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ConfigError) {
    process.stderr.write(`${message.replace(/\s*\n\s*/g, ' ')}\n`);
    process.exit(2);
  }
  process.stderr.write(`Failed to start: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(1);
}

/** Fails with a ConfigError naming PORT when HOST:PORT cannot be listened on, before anything else is opened. */
function checkPortFree(config: AppConfig): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, config)));
    probe.listen({ port: config.PORT, host: config.HOST, exclusive: true }, () => probe.close(() => resolve()));
  });
}

function listenError(error: NodeJS.ErrnoException, config: AppConfig): Error {
  const where = `${config.HOST}:${config.PORT}`;
  if (error.code === 'EADDRINUSE') return new ConfigError(`PORT: ${where} is already in use`);
  if (error.code === 'EACCES') return new ConfigError(`PORT: not allowed to listen on ${where}`);
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return new ConfigError(`HOST: ${config.HOST} is not an address of this machine`);
  }
  return new Error(`cannot listen on ${where}: ${error.message}`);
}

/** Checks what the service depends on but can run without (Redis): a warning line each, never a failed start. */
async function warnUnavailable(deps: AppDeps, logger: Logger): Promise<void> {
  for (const { name, check } of deps.readinessChecks ?? []) {
    try {
      await check();
    } catch (error) {
      logger.warn(`${name} unavailable at start: calls that need it are refused until it answers`, {
        check: name,
        error,
      });
    }
  }
}

/** The only place that reads the environment and listens. */
async function main() {
  // 1. Configuration, fully validated before anything is opened (exit 2 on a mistake).
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
    await checkPortFree(config);
  } catch (error) {
    failStart(error);
  }
  const logger = createJsonLogger(config.LOG_LEVEL);

  // 2. Signals are handled from here on: during start-up, the service stops once what it is opening is open.
  let stopping: string | undefined;
  let stop: (() => Promise<void>) | undefined;
  const shutdown = (signal: string) => {
    if (stopping) {
      logger.warn('second signal: exiting now', { signal });
      process.exit(1);
    }
    stopping = signal;
    logger.info('shutting down', { signal });
    setTimeout(() => {
      logger.error('shutdown timed out; exiting', { afterMs: SHUTDOWN_TIMEOUT_MS });
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    void stop?.();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  // 3. The stores and everything else (each phase that takes time is logged with its duration). Loaded only now, so
  // that a configuration mistake is reported before the whole service is even loaded.
  const [{ createAdaptorServer }, { createApp }, { buildDeps }, { closeAuthenticator }] = await Promise.all([
    import('@hono/node-server'),
    import('./app.ts'),
    import('./build-deps.ts'),
    import('./trust/build-client-trust.ts'),
  ]);
  let deps: AppDeps;
  try {
    deps = await buildDeps(config, { logger });
  } catch (error) {
    failStart(error);
  }
  const closeDeps = async () => {
    await deps.store.close().catch((error) => logger.error('store close failed', { error }));
    await closeAuthenticator(deps.authenticator).catch((error) =>
      logger.error('authenticator close failed', { error }),
    );
  };
  if (stopping) {
    await closeDeps();
    logger.info('stopped');
    process.exit(0);
  }

  // 4. Listen; "listening" is logged once the service answers over its socket.
  const server = createAdaptorServer({ fetch: createApp(deps).fetch }) as Server;
  await new Promise<void>((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => failStart(listenError(error, config)));
    server.listen({ port: config.PORT, host: config.HOST }, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;

  // SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish (feedback is committed before its 200),
  // then flush the card log and close the stores (releasing the data-dir lock).
  stop = () =>
    new Promise<void>((done) => {
      server.close(async () => {
        await closeDeps();
        logger.info('stopped');
        done();
        process.exit(0);
      });
      // Keep-alive connections go idle as their last response is sent: close them then, not at the keep-alive timeout.
      setInterval(() => server.closeIdleConnections(), 100).unref();
    });
  if (stopping) {
    await stop();
    return;
  }

  await warnUnavailable(deps, logger);
  await selfCheck(`http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`, config);
  logger.info('listening', {
    port,
    host: config.HOST,
    publicBaseUrl: config.publicBaseUrl,
    policy: `${deps.policy.id}@${deps.policy.version}`,
    discovery: `${config.publicBaseUrl}/cds-services`,
    startedInMs: Math.round(performance.now()),
  });
}

/**
 * Calls the service as a client would, so that "listening" is true when it is logged: the discovery document, and the
 * embedded FHIR server's metadata when it serves one (which waits for its patients to be loaded).
 */
async function selfCheck(base: string, config: AppConfig): Promise<void> {
  const paths = ['/healthz', ...(config.EMBEDDED_FHIR ? ['/fhir/metadata'] : [])];
  for (const path of paths) {
    await fetch(`${base}${path}`)
      .then((r) => r.arrayBuffer())
      .catch(() => {});
  }
}

main().catch(failStart);
