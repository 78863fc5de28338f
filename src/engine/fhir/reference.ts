import type { Resource } from '@medplum/fhirtypes';

/** `Type/id` of a resource, used as evidence; undefined for resources without an id. */
export function refOf(resource: Resource | undefined): string | undefined {
  // Only well-formed FHIR ids are cited: evidence is shown in cards, and an id is client-supplied text.
  const id = resource?.id;
  if (!id) return undefined;
  const type = resource.resourceType;
  return isFhirId(id) && isResourceType(type) ? `${type}/${id}` : undefined;
}

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const RESOURCE_TYPE = /^[A-Za-z]{1,64}$/;

// Strings are checked code unit by code unit (refs are built for every cited diary entry); anything else goes through
// the patterns, which read it as a string as before.

function isFhirId(id: unknown): boolean {
  if (typeof id !== 'string') return FHIR_ID.test(id as string);
  if (id.length < 1 || id.length > 64) return false;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (!(isLetter(c) || (c >= 48 && c <= 57) || c === 45 || c === 46)) return false;
  }
  return true;
}

function isResourceType(type: unknown): boolean {
  if (typeof type !== 'string') return RESOURCE_TYPE.test(type as string);
  if (type.length < 1 || type.length > 64) return false;
  for (let i = 0; i < type.length; i++) if (!isLetter(type.charCodeAt(i))) return false;
  return true;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

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
