import { z } from 'zod';
import { catalogCodeSchema } from '../../medications/drug-catalog-schema.ts';
import raw from './cholinesterase-inhibitors.json' with { type: 'json' };

const sourced = { source: z.array(z.string().min(1)).min(1), verify: z.boolean() };

const schema = z.strictObject({
  title: z.string().min(1),
  source: z.array(z.string().min(1)).min(1),
  drugs: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9-]+$/),
        names: z.array(z.string().min(2)).min(1),
        brands: z.array(z.string().min(2)),
        codes: z.array(catalogCodeSchema),
        ...sourced,
      }),
    )
    .min(1),
});

export type CholinesteraseInhibitor = z.infer<typeof schema>['drugs'][number];

/** Pyridostigmine and neostigmine, as data (validated on first use). */
let drugs: CholinesteraseInhibitor[] | undefined;
export function cholinesteraseInhibitors(): CholinesteraseInhibitor[] {
  drugs ??= schema.parse(raw).drugs;
  return drugs;
}
