import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { PrefetchOutcome } from './types.ts';

/**
 * Reads one prefetch value as the spec defines it. `undefined` means "absent": the resolver must fetch it.
 * `null` and an empty searchset mean "queried, nothing there". An OperationOutcome means the client failed.
 */
export function readPrefetchValue(value: unknown): PrefetchOutcome | undefined {
  if (value === undefined) return undefined;
  if (value === null) return { status: 'ok', source: 'prefetch', resources: [] };
  const resource = value as Resource;
  if (resource.resourceType === 'OperationOutcome') return undefined;
  if (resource.resourceType === 'Bundle') {
    const resources = ((resource as Bundle).entry ?? [])
      .map((e) => e.resource)
      .filter((r): r is Resource => !!r && typeof r === 'object' && typeof r.resourceType === 'string')
      .filter((r) => r.resourceType !== 'OperationOutcome');
    return { status: 'ok', source: 'prefetch', resources };
  }
  return { status: 'ok', source: 'prefetch', resources: [resource] };
}
