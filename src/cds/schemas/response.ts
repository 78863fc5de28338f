import type { Resource } from '@medplum/fhirtypes';
import { z } from 'zod';
import { fhirResource } from './fhir.ts';

/** A FHIR resource in an action: checked for shape here (tests check full R4 validity), typed as a Resource. */
const actionResource = fhirResource.transform((r) => r as unknown as Resource);

const nonEmpty = z.string().min(1);

/** Keys of `extension` objects must be namespaced (e.g. `org.migraine-cds.assessment`). */
export const extensionSchema = z
  .record(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'extension keys must be namespaced'), z.unknown())
  .refine((o) => Object.keys(o).length > 0, 'extension must not be empty');

export const codingSchema = z.strictObject({ system: nonEmpty, code: nonEmpty, display: nonEmpty.optional() });
export const overrideReasonSchema = z.strictObject({ system: nonEmpty, code: nonEmpty, display: nonEmpty });

export const sourceSchema = z.strictObject({
  label: nonEmpty,
  url: z.url().optional(),
  icon: z.url().optional(),
  topic: codingSchema.optional(),
});

export const actionSchema = z
  .strictObject({
    type: z.enum(['create', 'update', 'delete']),
    description: nonEmpty,
    resource: actionResource.optional(),
    resourceId: z
      .string()
      .regex(/^[A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/)
      .optional(),
  })
  .superRefine((a, ctx) => {
    if (a.type === 'delete' && (!a.resourceId || a.resource)) {
      ctx.addIssue({ code: 'custom', message: 'delete carries resourceId "Type/id" and no resource' });
    }
    if (a.type !== 'delete' && !a.resource) {
      ctx.addIssue({ code: 'custom', message: `${a.type} carries a resource` });
    }
  });

export const suggestionSchema = z.strictObject({
  label: nonEmpty,
  uuid: z.uuid(),
  isRecommended: z.boolean().optional(),
  actions: z.array(actionSchema).min(1).optional(),
});

export const linkSchema = z
  .strictObject({
    label: nonEmpty,
    url: z.url(),
    type: z.enum(['absolute', 'smart']),
    appContext: nonEmpty.optional(),
  })
  .refine((l) => l.type === 'smart' || l.appContext === undefined, 'appContext only on smart links');

export const cardSchema = z
  .strictObject({
    uuid: z.uuid(),
    summary: nonEmpty.max(139, 'summary must be shorter than 140 characters'),
    detail: nonEmpty.optional(),
    indicator: z.enum(['info', 'warning', 'critical']),
    source: sourceSchema,
    suggestions: z.array(suggestionSchema).min(1).optional(),
    selectionBehavior: z.enum(['at-most-one', 'any']).optional(),
    overrideReasons: z.array(overrideReasonSchema).min(1).optional(),
    links: z.array(linkSchema).min(1).optional(),
    extension: extensionSchema.optional(),
  })
  .superRefine((card, ctx) => {
    if (card.suggestions && !card.selectionBehavior) {
      ctx.addIssue({ code: 'custom', path: ['selectionBehavior'], message: 'required when suggestions are present' });
    }
    if (
      card.selectionBehavior === 'at-most-one' &&
      (card.suggestions ?? []).filter((s) => s.isRecommended).length > 1
    ) {
      ctx.addIssue({ code: 'custom', path: ['suggestions'], message: 'at most one recommended suggestion' });
    }
  });

export const systemActionSchema = actionSchema;

export const cdsResponseSchema = z.strictObject({
  cards: z.array(cardSchema),
  systemActions: z.array(systemActionSchema).min(1).optional(),
});

export type Coding = z.infer<typeof codingSchema>;
export type OverrideReason = z.infer<typeof overrideReasonSchema>;
export type CardAction = z.infer<typeof actionSchema>;
export type Suggestion = z.infer<typeof suggestionSchema>;
export type CardLink = z.infer<typeof linkSchema>;
export type Card = z.infer<typeof cardSchema>;
export type CdsResponse = z.infer<typeof cdsResponseSchema>;

/** Paths of `null`, `""`, `[]` and `{}` values: CDS Hooks validators reject them (except the top-level `cards: []`). */
export function findEmptyValues(value: unknown): string[] {
  const found: string[] = [];
  // The path is built only for what is reported: a response has hundreds of values and is checked on every call.
  const steps: (string | number)[] = [];
  const pathOf = () => `$${steps.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')}`;
  const walk = (v: unknown): void => {
    if (v === null || v === '') {
      found.push(pathOf());
    } else if (Array.isArray(v)) {
      if (v.length === 0 && !(steps.length === 1 && steps[0] === 'cards')) found.push(pathOf());
      for (let i = 0; i < v.length; i++) {
        steps.push(i);
        walk(v[i]);
        steps.pop();
      }
    } else if (typeof v === 'object') {
      let keys = 0;
      for (const k in v as object) {
        if (!Object.hasOwn(v as object, k)) continue;
        keys++;
        const child = (v as Record<string, unknown>)[k];
        if (child === undefined) continue;
        steps.push(k);
        walk(child);
        steps.pop();
      }
      if (keys === 0) found.push(pathOf());
    }
  };
  walk(value);
  return found;
}

/** Every rule a CDS Hooks validator applies to a response; returns the problems found (empty when valid). */
export function checkCdsResponse(body: unknown): string[] {
  const parsed = cdsResponseSchema.safeParse(body);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '$'}: ${i.message}`);
  return [...problems, ...findEmptyValues(body).map((p) => `${p}: empty value`)];
}
