import { createHmac, randomBytes } from 'node:crypto';
import { createServices } from './cds/services/registry.ts';
import type { AppConfig } from './config.ts';
import type { AppDeps } from './deps.ts';
import { loadPolicy } from './engine/policy/load-policy.ts';
import { createMetrics } from './http/metrics.ts';
import { createJsonLogger, type Logger } from './log/logger.ts';
import { createPrefetchOnlyResolver } from './prefetch/prefetch-only-resolver.ts';
import { createMemoryCardStore } from './store/memory-card-store.ts';
import { allowAllAuthenticator } from './trust/authenticator.ts';

/**
 * Wires the production dependencies from a validated configuration. Tests call it with overrides instead of mocking.
 */
export async function buildDeps(config: AppConfig, overrides: Partial<AppDeps> = {}): Promise<AppDeps> {
  const logger: Logger = overrides.logger ?? createJsonLogger(config.LOG_LEVEL);
  const secret = config.PATIENT_KEY_SECRET ?? randomBytes(32).toString('hex');
  const deps: AppDeps = {
    config,
    clock: () => new Date(),
    logger,
    metrics: createMetrics({ defaultMetrics: config.NODE_ENV !== 'test' }),
    policy: loadPolicy(config.CDS_POLICY),
    services: createServices(),
    prefetch: createPrefetchOnlyResolver(),
    store: createMemoryCardStore(),
    authenticator: allowAllAuthenticator,
    patientKey: (patientId, fhirServer) =>
      createHmac('sha256', secret)
        .update(`${fhirServer ?? ''}|${patientId}`)
        .digest('base64url')
        .slice(0, 32),
    ...overrides,
  };
  return deps;
}
