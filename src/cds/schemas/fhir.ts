import { z } from 'zod';

/** FHIR logical id (R4 `id` datatype). */
export const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
export const fhirId = z.string().regex(FHIR_ID, 'must be a FHIR id (letters, digits, "-" and ".", at most 64)');

/** Any FHIR resource, kept as sent: the engine reads it defensively. */
export const fhirResource = z.looseObject({ resourceType: z.string().min(1) });

export const fhirBundle = z.looseObject({
  resourceType: z.literal('Bundle'),
  type: z.string().optional(),
  entry: z.array(z.looseObject({ resource: fhirResource.optional() })).optional(),
});
