import { z } from 'zod';
import { HOOKS } from './request.ts';

/** CDS Hooks 2.0 prefetch tokens; `{{today()}}` and nested paths are 3.0-only and not allowed here. */
const PREFETCH_TOKEN = /\{\{([^}]*)\}\}/g;
const ALLOWED_TOKENS = new Set([
  'context.patientId',
  'context.userId',
  'context.encounterId',
  'userPractitionerId',
  'userPractitionerRoleId',
  'userPatientId',
  'userRelatedPersonId',
]);

export const prefetchTemplateSchema = z.string().superRefine((template, ctx) => {
  for (const m of template.matchAll(PREFETCH_TOKEN)) {
    if (!ALLOWED_TOKENS.has((m[1] ?? '').trim())) {
      ctx.addIssue({ code: 'custom', message: `prefetch token {{${m[1]}}} is not a CDS Hooks 2.0 token` });
    }
  }
});

export const discoveryServiceSchema = z.strictObject({
  hook: z.enum(HOOKS),
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1).optional(),
  description: z.string().min(1),
  prefetch: z.record(z.string(), prefetchTemplateSchema).optional(),
  usageRequirements: z.string().min(1).optional(),
  version: z.string().min(1).optional(),
  hookVersion: z.string().min(1).optional(),
});

export const discoveryResponseSchema = z.strictObject({ services: z.array(discoveryServiceSchema).min(1) });
export type DiscoveryService = z.infer<typeof discoveryServiceSchema>;
