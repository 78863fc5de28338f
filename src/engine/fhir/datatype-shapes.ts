import { z } from 'zod';

/**
 * zod shapes of the FHIR R4 data types as far as the engine reads them. Loose: fields the engine does not read pass
 * whatever they hold; every field is optional (absence is handled by the engine), only a wrong JSON type fails.
 * `z.object` (not `z.looseObject`): it too lets unknown keys pass; the engine gets the resource as sent, never a parsed
 * copy. The shapes are compiled by src/engine/fhir/shape-checker.ts, so only object, optional, array and the three
 * primitive types may be used here.
 */

export const codingShape = z.object({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
});

export const codeableConceptShape = z.object({
  coding: z.array(codingShape).optional(),
  text: z.string().optional(),
});

export const referenceShape = z.object({
  reference: z.string().optional(),
  display: z.string().optional(),
});

export const periodShape = z.object({
  start: z.string().optional(),
  end: z.string().optional(),
});

/** Quantity, and Duration (same shape). */
export const quantityShape = z.object({
  value: z.number().optional(),
  unit: z.string().optional(),
  code: z.string().optional(),
  system: z.string().optional(),
});

/** An element present only for its presence (abatementAge, abatementRange): any object. */
export const presentShape = z.object({});

export const dosageShape = z.object({
  text: z.string().optional(),
  patientInstruction: z.string().optional(),
  route: codeableConceptShape.optional(),
  timing: z
    .looseObject({
      code: codeableConceptShape.optional(),
      repeat: z
        .looseObject({
          frequency: z.number().optional(),
          period: z.number().optional(),
          periodUnit: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  doseAndRate: z.array(z.object({ doseQuantity: quantityShape.optional() })).optional(),
});

export const concepts = z.array(codeableConceptShape).optional();
export const references = z.array(referenceShape).optional();
