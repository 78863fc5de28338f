import { Hono } from 'hono';
import { describeZodError } from '../http/describe-zod-error.ts';
import { badRequest, HttpProblem, operationOutcome, unauthorized } from '../http/operation-outcome.ts';
import type { Logger } from '../log/logger.ts';
import type { FeedbackAnalyticsSource } from '../store/card-store.ts';
import { isAdminBearer } from './admin-token.ts';
import { dateRangeSchema, FIRST_DAY, LAST_DAY, lastDays } from './date-range.ts';

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
  logger: Logger;
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
      throw badRequest(
        `Invalid range (from and to are YYYY-MM-DD between ${FIRST_DAY} and ${LAST_DAY}, both or neither): ${diagnostics}`,
        expression,
      );
    }
    // The range is valid, so a failing query is the store's: down, refusing connections, or out of connections.
    let report: Awaited<ReturnType<FeedbackAnalyticsSource['feedbackAnalytics']>>;
    try {
      report = await deps.source.feedbackAnalytics(parsed.data);
    } catch (error) {
      deps.logger.error('analytics query failed', { error });
      throw new HttpProblem(503, operationOutcome('transient', 'The card store is unavailable; retry later'));
    }
    return c.json(report);
  });
  return routes;
}
