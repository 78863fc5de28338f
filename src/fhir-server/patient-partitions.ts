import type { Resource } from '@medplum/fhirtypes';

/**
 * The patient a resource belongs to, read from `subject` or `patient` (the fields that every `patient` search
 * parameter of the served types points at), as a bare id; undefined for resources outside a patient compartment.
 */
export function patientOf(resource: Resource): string | undefined {
  if (resource.resourceType === 'Patient') return undefined;
  const fields = resource as { subject?: { reference?: string }; patient?: { reference?: string } };
  const reference = fields.subject?.reference ?? fields.patient?.reference;
  const match = reference ? /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(reference) : null;
  return match?.[1];
}

/**
 * The patient a search is confined to, when it names exactly one patient by `patient` or `subject` without a
 * modifier (`patient=Patient/123`, already normalised from the bare id). The search can then run over that
 * patient's resources only, without the costly reference filter: Medplum evaluates the `patient` parameter's
 * FHIRPath (with `resolve()`) for every resource of the type, several milliseconds each.
 */
export function confinedPatient(
  params: readonly [string, string][],
): { id: string; rest: [string, string][] } | undefined {
  const refs = params.filter(([name]) => name === 'patient' || name === 'subject');
  if (refs.length !== 1) return undefined;
  const match = /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(refs[0]?.[1] ?? '');
  if (!match) return undefined;
  return { id: match[1] as string, rest: params.filter(([name]) => name !== 'patient' && name !== 'subject') };
}
