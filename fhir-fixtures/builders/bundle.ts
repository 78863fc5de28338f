import type { Bundle, Resource } from '@medplum/fhirtypes';

/**
 * A transaction Bundle that creates or replaces every resource under its own id (`PUT Type/id`), so that the export
 * loads into any R4 server as is; references are relative (`Patient/<id>`).
 */
export function transactionBundle(id: string, resources: Resource[]): Bundle {
  return {
    resourceType: 'Bundle',
    id,
    type: 'transaction',
    entry: resources.map((resource) => ({
      resource,
      request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` },
    })),
  };
}

/** A searchset Bundle, as a FHIR server answers a search (used for prefetch values). */
export function searchsetBundle(resources: Resource[], baseUrl = 'http://localhost:8080/fhir'): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    entry: resources.map((resource) => ({
      fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}
