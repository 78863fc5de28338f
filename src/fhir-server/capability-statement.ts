import { getSearchParameter } from '@medplum/core';
import type { CapabilityStatement, CapabilityStatementRestResourceSearchParam } from '@medplum/fhirtypes';
import { MAX_SEARCH_PARAMS, MAX_SORT_KEYS } from './search-query.ts';

/** The search parameters this server documents per type (those the type has); others work too when Medplum knows them. */
const DOCUMENTED_PARAMS = ['_id', 'patient', 'subject', 'code', 'date', 'status', 'clinical-status', 'category'];

/** The resource types every prefetch template of this service reads, served even when the panel has none of them. */
export const PREFETCH_RESOURCE_TYPES = [
  'Patient',
  'Condition',
  'Observation',
  'MedicationStatement',
  'MedicationRequest',
  'MedicationAdministration',
  'Procedure',
  'AllergyIntolerance',
];

/**
 * The CapabilityStatement of the embedded read-only server (FHIR 4.0.1: the sandbox checks `fhirVersion`).
 * Requires the FHIR definitions to be indexed.
 */
export function capabilityStatement(input: {
  baseUrl: string;
  resourceTypes: readonly string[];
  date: string;
  /** The largest page served (a larger `_count` is lowered to it). */
  maxCount: number;
}): CapabilityStatement {
  const types = [...new Set([...PREFETCH_RESOURCE_TYPES, ...input.resourceTypes])].sort();
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: input.date,
    publisher: 'migraine-cds',
    kind: 'instance',
    software: { name: 'migraine-cds embedded FHIR server (synthetic fixtures, read-only)' },
    implementation: {
      description: `Synthetic test patients for demos; not for real patient data. A search takes at most ${MAX_SEARCH_PARAMS} parameters besides _count, _offset and _sort.`,
      url: input.baseUrl,
    },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        resource: types.map((type) => ({
          type,
          interaction: [{ code: 'read' }, { code: 'search-type' }],
          searchParam: searchParams(type, input.maxCount),
        })),
      },
    ],
  } as CapabilityStatement;
}

function searchParams(type: string, maxCount: number): CapabilityStatementRestResourceSearchParam[] {
  const documented = DOCUMENTED_PARAMS.flatMap((code) => {
    const definition = getSearchParameter(type, code);
    return definition?.type ? [{ name: code, type: definition.type }] : [];
  });
  return [
    ...documented,
    { name: '_count', type: 'number', documentation: `Page size, at most ${maxCount} (a larger value is lowered)` },
    { name: '_sort', type: 'string', documentation: `At most ${MAX_SORT_KEYS} keys` },
  ] as CapabilityStatementRestResourceSearchParam[];
}
