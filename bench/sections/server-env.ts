import { createServer } from 'node:net';
import type { BenchOptions } from '../bench-options.ts';

/** A free loopback port, so that the service knows its own public URL before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * The service's environment: production settings (CDS_AUTH off, since no JWT is sent: the bench measures the service,
 * not jose), the fixed evaluation date, info-level request logs (discarded by the runner), the chosen card store.
 */
export function serviceEnv(options: BenchOptions, port: number, dataDir: string, extra: Record<string, string> = {}) {
  return {
    NODE_ENV: 'production',
    CDS_AUTH: 'off',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    EVALUATION_DATE: options.evaluationDate,
    LOG_LEVEL: 'info',
    DATA_DIR: dataDir,
    ...(options.store === 'postgres' && options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...(options.store === 'memory' ? { BENCH_STORE: 'memory' } : {}),
    ...extra,
  };
}
