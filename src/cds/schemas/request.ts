import { z } from 'zod';
import { fhirBundle, fhirId, fhirResource } from './fhir.ts';

/** Hooks this service implements (hook library 1.0.1). Deprecated hooks are not registered. */
export const HOOKS = ['patient-view', 'order-select', 'order-sign'] as const;
export type Hook = (typeof HOOKS)[number];

/** `patientId` is a plain id; some clients send `Patient/123`, which is accepted and reduced to the id. */
const patientId = z.preprocess((v) => (typeof v === 'string' ? v.replace(/^Patient\//, '') : v), fhirId);
/** A relative reference `Type/id` (userId, selections): what the spec requires and what the sandbox sends. */
const TYPED_ID = /^[A-Z][A-Za-z]{0,63}\/[A-Za-z0-9\-.]{1,64}$/;
const typedId = z.string().regex(TYPED_ID, 'must be a relative reference Type/id');
const userId = typedId;

const patientViewContext = z.looseObject({
  userId,
  patientId,
  encounterId: fhirId.optional(),
});

const orderContext = patientViewContext.extend({
  draftOrders: fhirBundle,
});

export const contextSchemas = {
  'patient-view': patientViewContext,
  'order-select': orderContext.extend({ selections: z.array(typedId).min(1) }),
  'order-sign': orderContext,
} as const satisfies Record<Hook, z.ZodType>;

export type PatientViewContext = z.infer<(typeof contextSchemas)['patient-view']>;
export type OrderSelectContext = z.infer<(typeof contextSchemas)['order-select']>;
export type OrderSignContext = z.infer<(typeof contextSchemas)['order-sign']>;
export type HookContext = PatientViewContext | OrderSelectContext | OrderSignContext;

/**
 * CDS Hooks 2.0 requires every field but `patient`. The token is sent to the FHIR server as a Bearer token, so
 * `token_type` must be Bearer (case-insensitive: RFC 6750 auth schemes are).
 */
export const fhirAuthorizationSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().refine((t) => t.toLowerCase() === 'bearer', 'must be "Bearer"'),
  expires_in: z.number().int().nonnegative(),
  scope: z.string().min(1),
  subject: z.string().min(1),
  patient: z.string().optional(),
});
export type FhirAuthorization = z.infer<typeof fhirAuthorizationSchema>;

/**
 * A Bundle's `entry` and `link` are read as lists of objects: anything else is a malformed request (400), never
 * "nothing there", which could hide an allergy or a failed preventive.
 */
const prefetchResource = fhirResource.superRefine((r, ctx) => {
  if (r.resourceType !== 'Bundle') return;
  for (const field of ['entry', 'link'] as const) {
    const list = r[field];
    if (list === undefined) continue;
    // The message names the field: `entry` is not a field of the schema, so a path would show it as `<key>`.
    if (!Array.isArray(list)) ctx.addIssue({ code: 'custom', path: [], message: `Bundle.${field} must be an array` });
    else if (list.some((item) => typeof item !== 'object' || item === null || Array.isArray(item))) {
      ctx.addIssue({ code: 'custom', path: [], message: `Bundle.${field} must be an array of objects` });
    }
  }
});

/** A prefetch value: a resource, a searchset Bundle, `null` (queried, nothing there) or an OperationOutcome. */
export const prefetchSchema = z.record(z.string(), z.union([prefetchResource, z.null()]));

/**
 * The common envelope. `context` is checked per hook afterwards, so that the error can name the hook's fields.
 * Lenient where real clients deviate (no encounterId, extra fields), strict on what the service relies on.
 */
export const cdsRequestEnvelope = z
  .looseObject({
    hook: z.string().min(1),
    hookInstance: z.guid('must be a UUID'),
    fhirServer: z.url({ protocol: /^https?$/ }).optional(),
    fhirAuthorization: fhirAuthorizationSchema.optional(),
    context: z.record(z.string(), z.unknown()),
    prefetch: prefetchSchema.optional(),
  })
  .superRefine((req, ctx) => {
    if (req.fhirAuthorization && !req.fhirServer) {
      ctx.addIssue({ code: 'custom', path: ['fhirAuthorization'], message: 'fhirAuthorization requires fhirServer' });
    }
    const scope = req.fhirAuthorization?.scope ?? '';
    if (/(^|\s)patient\//.test(scope) && !req.fhirAuthorization?.patient) {
      ctx.addIssue({
        code: 'custom',
        path: ['fhirAuthorization', 'patient'],
        message: 'a patient/ scope requires fhirAuthorization.patient',
      });
    }
  });
export type CdsRequestEnvelope = z.infer<typeof cdsRequestEnvelope>;

/** A validated request: the envelope's fields with the hook's typed context. */
export interface CdsRequest<C extends HookContext = HookContext> {
  hook: string;
  hookInstance: string;
  fhirServer?: string;
  fhirAuthorization?: FhirAuthorization;
  context: C;
  prefetch?: Record<string, unknown>;
}
