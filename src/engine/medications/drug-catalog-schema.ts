import { z } from 'zod';

const sourced = { source: z.array(z.string().min(1)).min(1), verify: z.boolean() };

/** A code as data; `verify: true` marks codes from secondary sources or memory, used but awaiting confirmation. */
export const catalogCodeSchema = z.strictObject({
  system: z.url(),
  code: z.string().min(1),
  display: z.string().min(1).optional(),
  verify: z.boolean(),
});

export const drugRoleSchema = z.enum(['preventive', 'acute']);

/** One ingredient of the class map (clinical-rules 6). */
export const drugIngredientSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  class: z.string().regex(/^[a-z0-9-]+$/),
  role: drugRoleSchema,
  /** Ingredient codes (RxNorm IN). */
  codes: z.array(catalogCodeSchema),
  /** Curated product codes (RxNorm SCD/SBD, NDC product `labeler-product`) known to contain only this ingredient. */
  productCodes: z.array(catalogCodeSchema),
  /** Ingredient names and synonyms, matched as whole words, case-insensitive. */
  names: z.array(z.string().min(2)).min(1),
  brands: z.array(z.string().min(2)),
  /** For `cgrpPathwayOneClass: false`: the class a CGRP-pathway drug counts in. */
  subclass: z.enum(['cgrp-antibody', 'gepant']).optional(),
  /** Raises the `concurrent-cgrp` caution when active. */
  concurrentCgrp: z.boolean().optional(),
  /**
   * A MedicationAdministration keeps the drug active this many days (two dosing intervals); with
   * `activeAfterAdministrationByDose`, the window when the dose given is not one listed there (or not known).
   */
  activeAfterAdministrationDays: z.number().int().min(1).optional(),
  /**
   * When the schedule follows the dose (fremanezumab: 225 mg monthly, 675 mg quarterly): the window for a dose given
   * on one day (same-day injections added up), in mg.
   */
  activeAfterAdministrationByDose: z
    .array(z.strictObject({ doseMg: z.number().positive(), days: z.number().int().min(1) }))
    .min(1)
    .optional(),
  /** Rimegepant: a preventive only when dosed every other day or given with a prevention reason. */
  preventiveOnlyWhen: z.literal('every-other-day-or-prevention-reason').optional(),
  ...sourced,
});

export const drugCatalogSchema = z
  .strictObject({
    title: z.string().min(1),
    source: z.array(z.string().min(1)).min(1),
    classes: z.array(z.strictObject({ id: z.string().regex(/^[a-z0-9-]+$/), role: drugRoleSchema })).min(1),
    ingredients: z.array(drugIngredientSchema).min(1),
  })
  .superRefine((doc, ctx) => {
    const classes = new Map(doc.classes.map((c) => [c.id, c.role]));
    const ids = new Set<string>();
    doc.ingredients.forEach((ing, i) => {
      if (ids.has(ing.id)) ctx.addIssue({ code: 'custom', path: ['ingredients', i, 'id'], message: 'duplicate id' });
      ids.add(ing.id);
      if (classes.get(ing.class) !== ing.role) {
        ctx.addIssue({
          code: 'custom',
          path: ['ingredients', i, 'class'],
          message: `unknown class or role ${ing.class}`,
        });
      }
    });
  });

export const neuromuscularDrugSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  group: z.string().min(1),
  names: z.array(z.string().min(2)).min(1),
  codes: z.array(catalogCodeSchema).default([]),
  /** Which routes count: `parenteral-or-inhaled` (aminoglycosides), `systemic` (not local), `any`. */
  route: z.enum(['parenteral-or-inhaled', 'systemic', 'any']),
  /** When set, statements and requests count only when their use reaches into the last N days (aminoglycosides: 14). */
  activeWindowDays: z.number().int().min(1).optional(),
  ...sourced,
});

export const neuromuscularCatalogSchema = z.strictObject({
  title: z.string().min(1),
  source: z.array(z.string().min(1)).min(1),
  /** A MedicationAdministration of such a drug counts this many days. */
  administrationWindowDays: z.number().int().min(1),
  drugs: z.array(neuromuscularDrugSchema).min(1),
});

export const routeCategorySchema = z.enum(['parenteral-or-inhaled', 'systemic-other', 'local']);

export const routeCatalogSchema = z.strictObject({
  title: z.string().min(1),
  source: z.array(z.string().min(1)).min(1),
  routes: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        category: routeCategorySchema,
        codes: z.array(catalogCodeSchema),
        text: z.array(z.string().min(1)),
        ...sourced,
      }),
    )
    .min(1),
});

export const preventiveOutcomeSchema = z.enum(['inadequate-response', 'intolerance', 'contraindicated']);

/** Site mapping of statusReason codes and text to trial outcomes (clinical-rules 2.2: "sites map their own"). */
export const outcomeMappingSchema = z.strictObject({
  title: z.string().min(1),
  source: z.array(z.string().min(1)).min(1),
  codes: z.array(
    z.strictObject({ system: z.url(), code: z.string().min(1), outcome: preventiveOutcomeSchema, ...sourced }),
  ),
  text: z.array(z.strictObject({ pattern: z.string().min(1), outcome: preventiveOutcomeSchema, ...sourced })),
});

export const neutralReasonSchema = z.strictObject({
  title: z.string().min(1),
  source: z.array(z.string().min(1)).min(1),
  verify: z.boolean(),
  codes: z.array(z.strictObject({ system: z.url(), code: z.string().min(1), match: z.enum(['exact', 'prefix']) })),
  text: z.array(z.string().min(1)),
  excludeText: z.array(z.string().min(1)),
});

export type DrugIngredient = z.infer<typeof drugIngredientSchema>;
export type DrugCatalog = z.infer<typeof drugCatalogSchema>;
export type NeuromuscularDrug = z.infer<typeof neuromuscularDrugSchema>;
export type NeuromuscularCatalog = z.infer<typeof neuromuscularCatalogSchema>;
export type RouteCatalog = z.infer<typeof routeCatalogSchema>;
export type RouteCategory = z.infer<typeof routeCategorySchema>;
export type OutcomeMapping = z.infer<typeof outcomeMappingSchema>;
export type PreventiveOutcomeCode = z.infer<typeof preventiveOutcomeSchema>;
export type NeutralReasons = z.infer<typeof neutralReasonSchema>;
