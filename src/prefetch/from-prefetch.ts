import type { Bundle, Resource } from '@medplum/fhirtypes';
import { hasNextLink, searchsetResources } from './fetch-search-pages.ts';
import type { PrefetchOutcome } from './types.ts';

/** What one prefetch value means under CDS Hooks 2.0 ("Prefetch semantics" in cds-hooks.md). */
export type PrefetchValue =
  /** Absent, or an OperationOutcome (the client failed): the service must fetch it itself. */
  | { kind: 'fetch' }
  /** `null`, an empty searchset, a full searchset or a resource: use it, never refetch. */
  | { kind: 'given'; resources: Resource[] }
  /** The first page of a paged searchset: the remaining pages must be fetched with the same token. */
  | { kind: 'paged'; bundle: Bundle; resources: Resource[] };

/** Classifies one prefetch value. */
export function classifyPrefetchValue(value: unknown): PrefetchValue {
  if (value === undefined) return { kind: 'fetch' };
  if (value === null) return { kind: 'given', resources: [] };
  const resource = value as Resource;
  if (resource.resourceType === 'OperationOutcome') return { kind: 'fetch' };
  if (resource.resourceType === 'Bundle') {
    const bundle = resource as Bundle;
    const resources = searchsetResources(bundle);
    return hasNextLink(bundle) ? { kind: 'paged', bundle, resources } : { kind: 'given', resources };
  }
  return { kind: 'given', resources: [resource] };
}

/**
 * Reads one prefetch value as the spec defines it. `undefined` means "absent": the resolver must fetch it.
 * `null` and an empty searchset mean "queried, nothing there". An OperationOutcome means the client failed.
 * A paged searchset gives its first page here; the FHIR resolver fetches the rest.
 */
export function readPrefetchValue(value: unknown): PrefetchOutcome | undefined {
  const classified = classifyPrefetchValue(value);
  if (classified.kind === 'fetch') return undefined;
  return { status: 'ok', source: 'prefetch', resources: classified.resources };
}
