import type { Resource } from '@medplum/fhirtypes';
import type { CdsRequest } from '../cds/schemas/request.ts';

/** What a service asks the client to prefetch, and whether it can answer without it. */
export interface PrefetchKeySpec {
  /** A CDS Hooks 2.0 prefetch template (only 2.0 tokens, only the allowed query subset). */
  template: string;
  /** Required keys that cannot be obtained make the call fail with 412; optional ones become "unavailable" facts. */
  required: boolean;
  /** Plain-words name used in cards and errors ("allergies", "conditions"). */
  label: string;
}

export type PrefetchOutcome =
  | { status: 'ok'; source: 'prefetch' | 'fetched'; resources: Resource[] }
  | { status: 'unavailable'; reason: string };

/** Key -> what was obtained. An instance read gives one resource; a search gives the searchset's resources. */
export type PrefetchData = Record<string, PrefetchOutcome>;

export interface PrefetchResolver {
  /** Resolves every key of `spec`; throws an HttpProblem 412 when a required key cannot be obtained. */
  resolve(spec: Record<string, PrefetchKeySpec>, request: CdsRequest): Promise<PrefetchData>;
}
