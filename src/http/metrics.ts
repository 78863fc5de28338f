import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one app instance (its own registry, so tests can build many apps). */
export function createMetrics(options: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'cds_http_requests_total',
    help: 'HTTP requests by route, service and status',
    labelNames: ['route', 'service', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'cds_http_request_duration_seconds',
    help: 'HTTP request latency by route and service',
    labelNames: ['route', 'service'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'cds_http_errors_total',
    help: 'Responses with status >= 400 by route, service and status',
    labelNames: ['route', 'service', 'status'] as const,
    registers: [registry],
  });
  const prefetchFetch = new Histogram({
    name: 'cds_prefetch_fetch_duration_seconds',
    help: 'Latency of FHIR fetches for prefetch keys the client did not provide',
    labelNames: ['outcome'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [registry],
  });
  const cards = new Counter({
    name: 'cds_cards_total',
    help: 'Cards issued by service, status and indicator',
    labelNames: ['service', 'status', 'indicator'] as const,
    registers: [registry],
  });
  const cardLogDropped = new Counter({
    name: 'cds_card_log_dropped_total',
    help: 'Card log entries never written: the write-behind queue was full (store unavailable) or a write failed',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const clientAborts = new Counter({
    name: 'cds_http_client_aborts_total',
    help: 'Requests the client abandoned before its body was complete (not responses: no status)',
    labelNames: ['route', 'service'] as const,
    registers: [registry],
  });
  return { registry, requests, duration, errors, prefetchFetch, cards, cardLogDropped, clientAborts };
}

export type Metrics = ReturnType<typeof createMetrics>;
