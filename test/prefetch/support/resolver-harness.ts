import { randomUUID } from 'node:crypto';
import type { CdsRequest, PatientViewContext } from '../../../src/cds/schemas/request.ts';
import { loadConfig } from '../../../src/config.ts';
import { createMetrics } from '../../../src/http/metrics.ts';
import { createMemoryLogger } from '../../../src/log/logger.ts';
import {
  createFhirPrefetchResolver,
  type FhirPrefetchResolverDeps,
} from '../../../src/prefetch/fhir-prefetch-resolver.ts';
import { PATIENT_ID } from './patient-record.ts';

/** A token shaped like a real SMART access token; it must reach the FHIR server and never the logs. */
export const ACCESS_TOKEN = 'eyJhbGciOiJSUzM4NCJ9.eyJzdWIiOiJjZHMtc2VydmljZSJ9.c2lnbmF0dXJlLW5vdC1yZWFs';
export const OPAQUE_TOKEN = 'opaque-access-token-5f2c9a1e7b3d';

/** A resolver with test configuration, a memory logger and its own metrics. */
export function resolverUnderTest(
  env: Record<string, string> = {},
  extra: Partial<Pick<FhirPrefetchResolverDeps, 'fetch' | 'lookup'>> & { production?: boolean } = {},
) {
  const { production, ...injected } = extra;
  const loaded = loadConfig({ NODE_ENV: 'test', PUBLIC_BASE_URL: 'http://cds.test', EMBEDDED_FHIR: 'off', ...env });
  // Production behaviour without production's other start-up requirements (secrets, auth), which are not at issue here.
  const config = production ? { ...loaded, production: true } : loaded;
  const logger = createMemoryLogger();
  const metrics = createMetrics();
  const resolver = createFhirPrefetchResolver({ config, logger, metrics, ...injected });
  return { resolver, logger, metrics, config };
}

/** A patient-view request as an EHR sends it. */
export function patientViewRequest(input: {
  fhirServer?: string;
  token?: string;
  prefetch?: Record<string, unknown>;
  patientId?: string;
}): CdsRequest<PatientViewContext> {
  const patientId = input.patientId ?? PATIENT_ID;
  return {
    hook: 'patient-view',
    hookInstance: randomUUID(),
    ...(input.fhirServer ? { fhirServer: input.fhirServer } : {}),
    ...(input.token
      ? {
          fhirAuthorization: {
            access_token: input.token,
            token_type: 'Bearer',
            expires_in: 300,
            scope: 'patient/*.read',
            subject: 'migraine-cds',
            patient: patientId,
          },
        }
      : {}),
    context: { userId: 'Practitioner/COREPRACTITIONER1', patientId },
    ...(input.prefetch ? { prefetch: input.prefetch } : {}),
  };
}
