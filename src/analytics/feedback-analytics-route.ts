import { Hono } from 'hono';
import { describeZodError } from '../http/describe-zod-error.ts';
import { badRequest, HttpProblem, operationOutcome, unauthorized } from '../http/operation-outcome.ts';
import type { FeedbackAnalyticsSource } from '../store/card-store.ts';
import { isAdminBearer } from './admin-token.ts';
import { dateRangeSchema, lastDays } from './date-range.ts';

/** Days covered when the query names no range: the last 30 UTC days, today included. */
export const DEFAULT_RANGE_DAYS = 30;

/**
 * `GET /feedback?from=YYYY-MM-DD&to=YYYY-MM-DD`: acceptance and override figures (JSON) for the cards issued in that
 * inclusive range of UTC days. Mount it at `/analytics` only when ADMIN_TOKEN is configured (otherwise the route does
 * not exist: 404); a request without `Authorization: Bearer <ADMIN_TOKEN>` gets a bare 401.
 */
export function feedbackAnalyticsRoutes(deps: {
  source: FeedbackAnalyticsSource;
  adminToken: string;
  clock: () => Date;
}): Hono {
  const routes = new Hono();
  routes.get('/feedback', async (c) => {
    if (!isAdminBearer(c.req.header('authorization'), deps.adminToken)) {
      c.header('WWW-Authenticate', 'Bearer');
      throw unauthorized('analytics: missing or wrong admin token');
    }
    const from = c.req.query('from');
    const to = c.req.query('to');
    const fallback = lastDays(deps.clock(), DEFAULT_RANGE_DAYS);
    const parsed = dateRangeSchema.safeParse({
      from: from ?? (to ? undefined : fallback.from),
      to: to ?? (from ? undefined : fallback.to),
    });
    if (!parsed.success) {
      const { diagnostics, expression } = describeZodError(parsed.error, { schema: dateRangeSchema });
      throw badRequest(`Invalid range (from and to are YYYY-MM-DD, both or neither): ${diagnostics}`, expression);
    }
    try {
      return c.json(await deps.source.feedbackAnalytics(parsed.data));
    } catch (error) {
      // The card store stalled or refused (its own timeouts bound the wait): an answer the client can retry.
      throw new HttpProblem(
        503,
        operationOutcome('transient', 'Analytics are unavailable: the card store did not answer; retry later'),
        `card store: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });
  return routes;
}
