import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { cdsRoutes } from './cds/routes.ts';
import type { AppDeps } from './deps.ts';
import type { AppEnv } from './http/app-env.ts';
import { isClientAbort } from './http/client-abort.ts';
import { corsHeaders, corsPreflight } from './http/cors.ts';
import { jsonResponse } from './http/json-response.ts';
import { HttpProblem, operationOutcome } from './http/operation-outcome.ts';

/** Builds the HTTP app from its dependencies. No environment reads and no listening here (see main.ts). */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const { logger, metrics } = deps;
  const app = new Hono<AppEnv>();
  const corsFor = corsHeaders(deps.config.corsOrigins);

  app.use('*', async (c, next) => {
    const started = performance.now();
    const requestId = randomUUID();
    c.set('requestId', requestId);
    c.set('timings', {});
    const standardHeaders = { 'X-Request-Id': requestId, ...corsFor(c.req.header('origin')) };
    c.set('standardHeaders', standardHeaders);
    await next();
    if (!c.get('standardHeadersSent')) setStandardHeaders(c.res.headers, standardHeaders);
    const status = c.res.status;
    const seconds = (performance.now() - started) / 1000;
    const route = c.get('route') ?? 'other';
    const service = c.get('serviceId') ?? '';
    if (c.get('clientAborted')) {
      metrics.clientAborts.inc({ route, service });
      logger.info('client aborted the request', {
        requestId,
        method: c.req.method,
        route,
        service: c.get('serviceId'),
        ms: Math.round(seconds * 10_000) / 10,
      });
      return;
    }
    if (c.req.method !== 'OPTIONS' && route !== 'metrics' && route !== 'health') {
      metrics.requests.inc({ route, service, status: String(status) });
      metrics.duration.observe({ route, service }, seconds);
      if (status >= 400) metrics.errors.inc({ route, service, status: String(status) });
      logger.info('request', {
        requestId,
        method: c.req.method,
        route,
        service: c.get('serviceId'),
        hook: c.get('hook'),
        hookInstance: c.get('hookInstance'),
        status,
        ms: Math.round(seconds * 10_000) / 10,
        timings: c.get('timings'),
        problem: c.get('problem'),
      });
    }
  });
  app.use('*', corsPreflight);

  // c.json, not jsonResponse: headers a route set before it threw (WWW-Authenticate, no-store) stay on the error.
  app.onError((err, c) => {
    if (err instanceof HttpProblem) {
      if (err.logDetail) c.set('problem', err.logDetail);
      else c.set('problem', err.outcome.issue[0]?.diagnostics ?? err.message);
      return c.json(err.outcome, err.status);
    }
    if (isClientAbort(err)) {
      // Nobody is listening for this response; 499 (as nginx logs it) only so that nothing reads it as a success.
      c.set('clientAborted', true);
      return new Response(null, { status: 499 });
    }
    logger.error('unhandled error', { requestId: c.get('requestId'), error: err });
    return c.json(operationOutcome('exception', 'Internal error; the request id identifies it in the server log'), 500);
  });
  app.notFound((c) => jsonResponse(c, operationOutcome('not-found', 'No such route'), 404));

  app.get('/healthz', (c) => {
    c.set('route', 'health');
    return jsonResponse(c, { status: 'ok' });
  });
  app.get('/readyz', async (c) => {
    c.set('route', 'health');
    const checks = [{ name: 'store', check: () => deps.store.ping() }, ...(deps.readinessChecks ?? [])];
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await check();
          return [name, 'ok'] as const;
        } catch (error) {
          logger.warn('readiness check failed', { check: name, error });
          return [name, 'unavailable'] as const;
        }
      }),
    );
    const ready = results.every(([, r]) => r === 'ok');
    return jsonResponse(
      c,
      { status: ready ? 'ready' : 'not-ready', checks: Object.fromEntries(results) },
      ready ? 200 : 503,
    );
  });
  app.get('/metrics', async (c) => {
    c.set('route', 'metrics');
    return c.text(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType });
  });

  app.route('/cds-services', cdsRoutes(deps));
  for (const mount of deps.mounts ?? []) app.route(mount.path, mount.app);
  return app;
}

/** The standard headers on a response made without them (HTML pages, FHIR routes, metrics); `Vary` is added to. */
function setStandardHeaders(headers: Headers, standard: Record<string, string>): void {
  for (const [name, value] of Object.entries(standard)) {
    if (name === 'Vary') headers.append(name, value);
    else headers.set(name, value);
  }
}
