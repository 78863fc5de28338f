import type { Policy } from '../engine/policy/policy-schema.ts';
import type { Logger } from '../log/logger.ts';
import type { PrefetchData, PrefetchKeySpec } from '../prefetch/types.ts';
import type { PriorAuthSummary } from '../prior-auth/prior-auth-summary.ts';
import type { CdsRequest, Hook, HookContext } from './schemas/request.ts';
import type { CdsResponse } from './schemas/response.ts';

/** Everything a service handler may use. No clock, no environment: the evaluation date is given. */
export interface ServiceInput<C extends HookContext = HookContext> {
  request: CdsRequest<C>;
  /**
   * The patient's record (prefetch, completed from the FHIR server). Lazy, so that a call with nothing to check (an
   * order without a Botox draft) neither fetches nor fails on missing data; memoised within the call.
   */
  data: () => Promise<PrefetchData>;
  /** The instant of this call (ISO 8601): the date of a prior-authorization DocumentReference. */
  assessedAt?: string;
  /** The evaluation date E (YYYY-MM-DD, today in SITE_TIME_ZONE unless fixed by configuration). */
  evaluationDate: string;
  siteTimeZone: string;
  policy: Policy;
  /** Builds absolute URLs for card links (timeline), or undefined when links are disabled. */
  links?: CardLinkFactory;
  logger: Logger;
}

export interface CardLinkFactory {
  /** An absolute capability URL to the timeline for this patient's assessment. */
  timeline(input: { patientId: string; hookInstance: string; payload: unknown }): Promise<string | undefined>;
  /** An absolute capability URL to the printable prior-authorization summary (src/prior-auth), when enabled. */
  priorAuth?(input: {
    patientId: string;
    hookInstance: string;
    summary: PriorAuthSummary;
  }): Promise<string | undefined>;
}

export interface CdsServiceDefinition<C extends HookContext = HookContext> {
  id: string;
  hook: Hook;
  title: string;
  description: string;
  usageRequirements?: string;
  prefetch: Record<string, PrefetchKeySpec>;
  handle(input: ServiceInput<C>): Promise<CdsResponse> | CdsResponse;
}
