import { describeZodError } from '../http/describe-zod-error.ts';
import { badRequest } from '../http/operation-outcome.ts';
import { type CdsRequest, cdsRequestEnvelope, contextSchemas } from './schemas/request.ts';
import type { CdsServiceDefinition } from './service.ts';

/**
 * Validates the envelope, the hook and the hook's context; every failure is a 400 naming the field (by the schema's
 * name for it, never a key or value the client chose).
 */
export function parseRequest(body: unknown, service: CdsServiceDefinition): CdsRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('Request body must be a JSON object');
  }
  const envelope = cdsRequestEnvelope.safeParse(body);
  if (!envelope.success) {
    // Prefetch keys are the client's; only those this service declares may be named in the error.
    const { diagnostics, expression } = describeZodError(envelope.error, {
      schema: cdsRequestEnvelope,
      knownRecordKeys: Object.keys(service.prefetch),
    });
    throw badRequest(`Invalid CDS Hooks request: ${diagnostics}`, expression);
  }
  if (envelope.data.hook !== service.hook) {
    throw badRequest(`Service "${service.id}" answers the "${service.hook}" hook`, ['hook']);
  }
  const context = contextSchemas[service.hook].safeParse(envelope.data.context);
  if (!context.success) {
    const { diagnostics, expression } = describeZodError(context.error, {
      prefix: 'context',
      schema: contextSchemas[service.hook],
    });
    throw badRequest(`Invalid ${service.hook} context: ${diagnostics}`, expression);
  }
  const { hook, hookInstance, fhirServer, fhirAuthorization, prefetch } = envelope.data;
  return { hook, hookInstance, fhirServer, fhirAuthorization, prefetch, context: context.data };
}
