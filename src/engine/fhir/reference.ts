import type { Resource } from '@medplum/fhirtypes';

/** `Type/id` of a resource, used as evidence; undefined for resources without an id. */
export function refOf(resource: Resource | undefined): string | undefined {
  // Only well-formed FHIR ids are cited: evidence is shown in cards, and an id is client-supplied text.
  return resource?.id && FHIR_ID.test(resource.id) && /^[A-Za-z]{1,64}$/.test(resource.resourceType)
    ? `${resource.resourceType}/${resource.id}`
    : undefined;
}

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** The evidence refs of several resources, without duplicates or id-less resources. */
export function refsOf(resources: (Resource | undefined)[]): string[] {
  return [...new Set(resources.map(refOf).filter((r): r is string => !!r))];
}

/** The `Type/id` a FHIR reference string points to (absolute URLs and `_history` are reduced). */
export function targetOf(reference: string | undefined): string | undefined {
  if (!reference) return undefined;
  const m = /([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference);
  return m ? `${m[1]}/${m[2]}` : undefined;
}
