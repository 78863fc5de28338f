import { type Context, Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { dateInZone } from '../engine/dates.ts';
import type { AppEnv } from '../http/app-env.ts';
import { describeZodError } from '../http/describe-zod-error.ts';
import { jsonResponse } from '../http/json-response.ts';
import { badRequest, HttpProblem, notFound, operationOutcome } from '../http/operation-outcome.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import type { PrefetchData } from '../prefetch/types.ts';
import { logCardsOf } from './card-log-summary.ts';
import { discoveryDocument } from './discovery-document.ts';
import { parseRequest } from './parse-request.ts';
import { feedbackRequestSchema } from './schemas/feedback.ts';
import { checkCdsResponse } from './schemas/response.ts';
import type { CdsServiceDefinition } from './service.ts';

/** The three CDS Hooks endpoints: discovery, invocation and feedback. */
export function cdsRoutes(deps: AppDeps): Hono<AppEnv> {
  const { config, logger } = deps;
  const byId = new Map(deps.services.map((s) => [s.id, s]));
  const discovery = discoveryDocument(deps.services);
  const routes = new Hono<AppEnv>();

  const timed = async <T>(c: Context<AppEnv>, phase: string, work: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      c.get('timings')[phase] = Math.round((performance.now() - t0) * 10) / 10;
    }
  };
  const authenticate = (c: Context<AppEnv>) =>
    timed(c, 'auth', () =>
      deps.authenticator.authenticate({
        authorization: c.req.header('authorization'),
        audience: config.publicBaseUrls.map((base) => `${base}${c.req.path}`),
      }),
    );
  const serviceFor = (c: Context<AppEnv>): CdsServiceDefinition => {
    const id = c.req.param('id') ?? '';
    const service = byId.get(id);
    if (!service) throw notFound('Unknown CDS service; GET /cds-services lists the services');
    c.set('serviceId', service.id);
    c.set('hook', service.hook);
    return service;
  };

  // Authentication comes first on every route here, before the service is looked up and before the method is
  // checked: a caller without a valid token gets a bare 401, never a 404 or 405 that would tell which service ids
  // exist. Preflights (OPTIONS) carry no token and are answered before this (src/http/cors.ts).
  routes.use('*', async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const route = routeOf(c.req.method, c.req.path);
    if (route) c.set('route', route);
    await authenticate(c);
    await next();
  });

  routes.get('/', async (c) => {
    c.set('route', 'discovery');
    return jsonResponse(c, discovery);
  });

  routes.post('/:id', async (c) => {
    c.set('route', 'invoke');
    const service = serviceFor(c);
    const body = await timed(c, 'read', () => readJsonBody(c, config.BODY_LIMIT_BYTES));
    const request = parseRequest(body, service);
    c.set('hookInstance', request.hookInstance);
    let pending: Promise<PrefetchData> | undefined;
    const data = () => {
      pending ??= timed(c, 'prefetch', () => deps.prefetch.resolve(service.prefetch, request));
      return pending;
    };
    const evaluationDate = config.EVALUATION_DATE ?? dateInZone(deps.clock(), config.SITE_TIME_ZONE);
    const response = await timed(c, 'engine', () =>
      Promise.resolve()
        .then(() =>
          service.handle({
            request,
            data,
            evaluationDate,
            siteTimeZone: config.SITE_TIME_ZONE,
            policy: deps.policy,
            links: deps.links,
            logger,
          }),
        )
        .catch(unreadableFhir),
    );
    const problems = checkCdsResponse(response);
    if (problems.length) {
      throw new HttpProblem(
        500,
        operationOutcome('exception', 'The service produced an invalid response; no cards were sent'),
        `invalid response: ${problems.slice(0, 5).join('; ')}`,
      );
    }
    const cards = logCardsOf(response);
    for (const card of cards) {
      deps.metrics.cards.inc({ service: service.id, status: card.status ?? 'none', indicator: card.indicator });
    }
    if (cards.length) {
      await timed(c, 'store', async () => {
        try {
          await deps.store.recordInvocation({
            hookInstance: request.hookInstance,
            serviceId: service.id,
            issuedAt: deps.clock().toISOString(),
            policy: { id: deps.policy.id, version: deps.policy.version },
            patientKey: deps.patientKey(request.context.patientId, request.fhirServer),
            cards,
          });
        } catch (error) {
          logger.error('card log write failed', { requestId: c.get('requestId'), error });
        }
      });
    }
    return jsonResponse(c, response);
  });

  routes.post('/:id/feedback', async (c) => {
    c.set('route', 'feedback');
    const service = serviceFor(c);
    const body = await timed(c, 'read', () => readJsonBody(c, config.BODY_LIMIT_BYTES));
    const parsed = feedbackRequestSchema.safeParse(body);
    if (!parsed.success) {
      const { diagnostics, expression } = describeZodError(parsed.error, { schema: feedbackRequestSchema });
      throw badRequest(`Invalid feedback: ${diagnostics}`, expression);
    }
    const result = await timed(c, 'store', async () => {
      try {
        return await deps.store.recordFeedback(service.id, parsed.data.feedback, deps.clock().toISOString());
      } catch (error) {
        logger.error('feedback write failed', { requestId: c.get('requestId'), error });
        throw new HttpProblem(503, operationOutcome('transient', 'Feedback could not be stored; retry later'));
      }
    });
    c.get('timings').feedbackStored = result.stored;
    return jsonResponse(c, { stored: result.stored, duplicates: result.duplicates, unknownCards: result.unknownCards });
  });

  routes.all('/', (c) =>
    jsonResponse(c, operationOutcome('not-supported', 'Method not allowed'), 405, { Allow: 'GET, OPTIONS' }),
  );
  routes.all('/:id', (c) =>
    jsonResponse(c, operationOutcome('not-supported', 'Method not allowed'), 405, { Allow: 'POST, OPTIONS' }),
  );
  routes.all('/:id/feedback', (c) =>
    jsonResponse(c, operationOutcome('not-supported', 'Method not allowed'), 405, { Allow: 'POST, OPTIONS' }),
  );
  return routes;
}

/**
 * The metrics and log label of a call, known before authentication so that a 401 is counted under its route: the
 * path is the app's (`/cds-services[/{id}[/feedback]]`); a method a route does not take is a 405 labelled `other`.
 */
function routeOf(method: string, path: string): 'discovery' | 'invoke' | 'feedback' | undefined {
  const [, , id, feedback, ...rest] = path.split('/');
  if (rest.length) return undefined;
  if (id === undefined) return method === 'GET' ? 'discovery' : undefined;
  if (method !== 'POST' || !id) return undefined;
  if (feedback === undefined) return 'invoke';
  return feedback === 'feedback' ? 'feedback' : undefined;
}

/**
 * The engine reads resources as FHIR R4 types. A field of the wrong JSON type (an object where a string belongs, a
 * string where a list belongs) makes it throw a TypeError: that is malformed input, so a 400, not a 500 and never a
 * card judged without the resource. The log keeps where it broke (file and line), never the data.
 */
function unreadableFhir(error: unknown): never {
  if (!(error instanceof TypeError)) throw error;
  const where = /\/src\/([\w/.-]+:\d+)/.exec(error.stack ?? '')?.[1] ?? 'unknown';
  throw new HttpProblem(
    400,
    operationOutcome(
      'structure',
      'A FHIR resource in prefetch or draftOrders has a field of the wrong type (not valid FHIR R4), so the record could not be read',
    ),
    `unreadable FHIR resource: TypeError at src/${where}`,
  );
}
