import type { Hono } from 'hono';
import type { CardLinkFactory, CdsServiceDefinition } from './cds/service.ts';
import type { AppConfig } from './config.ts';
import type { Policy } from './engine/policy/policy-schema.ts';
import type { Metrics } from './http/metrics.ts';
import type { Logger } from './log/logger.ts';
import type { PrefetchResolver } from './prefetch/types.ts';
import type { CardStore } from './store/card-store.ts';
import type { TimelineStore } from './timeline/timeline-store.ts';
import type { RequestAuthenticator } from './trust/authenticator.ts';

/** Everything the app depends on, passed in once, so that tests swap parts without mocking modules. */
export interface AppDeps {
  config: AppConfig;
  /** The wall clock; the evaluation date is derived from it in SITE_TIME_ZONE unless EVALUATION_DATE fixes it. */
  clock: () => Date;
  logger: Logger;
  metrics: Metrics;
  policy: Policy;
  services: CdsServiceDefinition[];
  prefetch: PrefetchResolver;
  store: CardStore;
  authenticator: RequestAuthenticator;
  /** Keyed hash of a patient id for the card log (never the id itself). */
  patientKey: (patientId: string, fhirServer: string | undefined) => string;
  links?: CardLinkFactory;
  /** Where capability-link snapshots are kept (timeline pages, prior-authorization summaries); set by buildDeps. */
  linkStore?: TimelineStore;
  /** Extra sub-apps mounted at a path (embedded FHIR server, timeline pages, analytics). */
  mounts?: { path: string; app: Hono }[];
  /** Readiness checks besides the store (e.g. the replay store). */
  readinessChecks?: { name: string; check: () => Promise<void> }[];
}
