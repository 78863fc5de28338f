import { z } from 'zod';
import toxinProducts from '../../terminology/toxin-products/toxin-products.json' with { type: 'json' };
import { parseCatalog } from '../medications/drug-catalog.ts';

const sourced = { source: z.array(z.string().min(1)).min(1), verify: z.boolean() };

export const toxinProductKindSchema = z.enum(['botox-therapeutic', 'botox-cosmetic', 'other-toxin', 'ambiguous-toxin']);

const toxinProductSchema = z.strictObject({
  id: z.string().min(1),
  kind: toxinProductKindSchema,
  product: z.string().min(1),
  /** Whether units of this product are onabotulinumtoxinA units (cumulative-dose check). */
  onabotulinumtoxinA: z.boolean(),
  codes: z.array(
    z.strictObject({
      system: z.url(),
      code: z.string().min(1),
      /** `ndc-product` compares the labeler+product part of an NDC (any package). */
      match: z.enum(['exact', 'ndc-product']),
      ...sourced,
    }),
  ),
  /** Case-insensitive patterns tried, in file order across products, when no code matched. */
  text: z.array(z.strictObject({ pattern: z.string().min(1), verify: z.boolean() })),
  excludeText: z.array(z.string().min(1)).default([]),
  ...sourced,
});

const toxinProcedureSchema = z.strictObject({
  system: z.url(),
  code: z.string().min(1),
  kind: z.enum(['chronic-migraine', 'other-chemodenervation']),
  display: z.string().min(1),
  ...sourced,
});

export const toxinCatalogSchema = z.strictObject({
  title: z.string().min(1),
  source: z.array(z.string().min(1)).min(1),
  products: z.array(toxinProductSchema).min(1),
  procedures: z.array(toxinProcedureSchema).min(1),
});

export type ToxinCatalog = z.infer<typeof toxinCatalogSchema>;
export type ToxinProductEntry = ToxinCatalog['products'][number];
export type ToxinProcedureEntry = ToxinCatalog['procedures'][number];

let cache: ToxinCatalog | undefined;

/** Loads and validates src/terminology/toxin-products/toxin-products.json once. */
export function toxinCatalog(): ToxinCatalog {
  cache ??= parseCatalog('toxin-products.json', toxinCatalogSchema, toxinProducts);
  return cache;
}
