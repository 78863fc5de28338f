import type { CdsRequest } from '../cds/schemas/request.ts';
import type { AppConfig } from '../config.ts';
import type { Metrics } from '../http/metrics.ts';
import { preconditionFailed } from '../http/operation-outcome.ts';
import type { Logger } from '../log/logger.ts';
import {
  type FetchedKey,
  type FhirFetchContext,
  fetchPrefetchQuery,
  fetchRemainingPages,
} from './fetch-search-pages.ts';
import type { FetchFailure } from './fhir-read.ts';
import { normalisedBase } from './fhir-server-allowlist.ts';
import { createFhirServerGuard, type HostLookup } from './fhir-server-guard.ts';
import { classifyPrefetchValue } from './from-prefetch.ts';
import { type PinnedFetch, pinnedFetch } from './pinned-fetch.ts';
import { fillPrefetchTemplate } from './prefetch-template.ts';
import type { PrefetchData, PrefetchKeySpec, PrefetchOutcome, PrefetchResolver } from './types.ts';

export interface FhirPrefetchResolverDeps {
  config: Pick<
    AppConfig,
    | 'production'
    | 'publicBaseUrls'
    | 'EMBEDDED_FHIR'
    | 'FHIR_FETCH_TIMEOUT_MS'
    | 'FHIR_MAX_PAGES'
    | 'FHIR_SERVER_ALLOWLIST'
  >;
  logger: Logger;
  metrics: Pick<Metrics, 'prefetchFetch'>;
  /** The HTTP client (global fetch by default). */
  fetch?: typeof fetch;
  /** Host-name resolution for the SSRF guard (DNS by default). */
  lookup?: HostLookup;
}

/** What the log keeps of one key: where it came from and how the fetch went. Never URLs, ids, tokens or bodies. */
interface KeyLog {
  source: 'prefetch' | 'fetched' | 'none';
  count?: number;
  ms?: number;
  pages?: number;
  outcome?: string;
  status?: number;
  /** Why a fetch failed, in the plain words of FetchFailure (never a URL, token or response content). */
  reason?: string;
}

/**
 * The prefetch resolver of every service. Keys the client prefetched are used as given (`null` and empty searchsets
 * included); absent keys and OperationOutcome keys are fetched from `fhirServer` with the client's bearer token, all
 * in parallel under one deadline (FHIR_FETCH_TIMEOUT_MS), searchsets through their `next` links (FHIR_MAX_PAGES).
 * A required key that cannot be had is a 412 naming it; an optional one becomes `unavailable` with a plain reason.
 */
export function createFhirPrefetchResolver(deps: FhirPrefetchResolverDeps): PrefetchResolver {
  const { config, logger, metrics } = deps;
  const fetchFn = deps.fetch ?? globalThis.fetch;
  const guard = createFhirServerGuard({
    production: config.production,
    allowlist: config.FHIR_SERVER_ALLOWLIST ?? [],
    trustedBases: config.EMBEDDED_FHIR ? config.publicBaseUrls.map((base) => `${base}/fhir`) : [],
    lookup: deps.lookup,
  });
  let warned = false;

  return {
    async resolve(spec, request) {
      const started = performance.now();
      // One deadline for every fetch of the call, started by the first key that needs one: a call whose prefetch
      // is complete sets no timer.
      let fetching: { stop: AbortController; deadline: AbortSignal; signal: AbortSignal } | undefined;
      const startFetching = () => {
        if (!fetching) {
          const stop = new AbortController();
          const deadline = AbortSignal.timeout(config.FHIR_FETCH_TIMEOUT_MS);
          fetching = { stop, deadline, signal: AbortSignal.any([stop.signal, deadline]) };
        }
        return fetching;
      };
      // One guard decision per call; when it rests on resolved addresses, every fetch of the call connects to those.
      let access: Promise<Access> | undefined;
      const allowed = (fhirServer: string, signal: AbortSignal) => {
        if (!guard.enforced && !warned) {
          warned = true;
          logger.warn('FHIR_SERVER_ALLOWLIST is not set: any FHIR server may be fetched from (development only)');
        }
        access ??= guard.check(fhirServer, signal).then((decision): Access => {
          if (!decision.allowed) return decision;
          if (!decision.addresses) return { allowed: true, fetch: fetchFn };
          return { allowed: true, pinned: pinnedFetch(fetchFn, new URL(fhirServer).hostname, decision.addresses) };
        });
        return access;
      };

      const settle = async ([key, keySpec]: [string, PrefetchKeySpec]) => {
        const [outcome, log] = await resolveKey(key, keySpec, request);
        if (outcome.status === 'unavailable' && keySpec.required) fetching?.stop.abort();
        return { key, keySpec, outcome, log };
      };

      const resolveKey = async (
        key: string,
        keySpec: PrefetchKeySpec,
        req: CdsRequest,
      ): Promise<[PrefetchOutcome, KeyLog]> => {
        const value = classifyPrefetchValue(req.prefetch?.[key]);
        if (value.kind === 'given') {
          return [
            { status: 'ok', source: 'prefetch', resources: value.resources },
            { source: 'prefetch', count: value.resources.length },
          ];
        }
        if (!req.fhirServer) {
          const reason =
            value.kind === 'paged'
              ? 'only the first page was prefetched and the request named no FHIR server for the rest'
              : 'not prefetched, and the request named no FHIR server to fetch it from';
          return [
            { status: 'unavailable', reason },
            { source: 'none', outcome: 'no-fhir-server' },
          ];
        }
        const fetchStarted = performance.now();
        const result = await fetchKey(req.fhirServer, value, keySpec, req);
        const ms = performance.now() - fetchStarted;
        const outcome = result.ok ? 'ok' : result.failure.kind;
        if (outcome !== 'template') metrics.prefetchFetch.observe({ outcome }, ms / 1000);
        const log: KeyLog = { source: 'fetched', ms: Math.round(ms * 10) / 10, pages: result.pages, outcome };
        if (!result.ok) {
          log.reason = result.failure.reason;
          if (result.failure.status) log.status = result.failure.status;
          return [{ status: 'unavailable', reason: result.failure.reason }, log];
        }
        log.count = result.resources.length;
        return [{ status: 'ok', source: 'fetched', resources: result.resources }, log];
      };

      const fetchKey = async (
        fhirServer: string,
        value: ReturnType<typeof classifyPrefetchValue>,
        keySpec: PrefetchKeySpec,
        req: CdsRequest,
      ): Promise<FetchedKey> => {
        const { stop, deadline, signal } = startFetching();
        try {
          const verdict = await allowed(fhirServer, signal);
          if (!verdict.allowed) return failed('refused', verdict.reason);
          const ctx: FhirFetchContext = {
            fetch: 'pinned' in verdict ? verdict.pinned.fetch : verdict.fetch,
            base: normalisedBase(new URL(fhirServer)),
            accessToken: req.fhirAuthorization?.access_token,
            signal,
            maxPages: config.FHIR_MAX_PAGES,
          };
          if (value.kind === 'paged') return await fetchRemainingPages(ctx, value.bundle, value.resources);
          const filled = fillPrefetchTemplate(keySpec.template, req.context);
          if (!filled.ok) return failed('template', filled.reason);
          return await fetchPrefetchQuery(ctx, filled.query);
        } catch (error) {
          if (deadline.aborted) {
            return failed('timeout', `the FHIR server did not answer within ${config.FHIR_FETCH_TIMEOUT_MS} ms`);
          }
          if (stop.signal.aborted) return failed('cancelled', 'not fetched: required data could not be obtained');
          throw error;
        }
      };

      let settled: Awaited<ReturnType<typeof settle>>[];
      try {
        settled = await Promise.all(Object.entries(spec).map(settle));
      } finally {
        const done = await access?.catch(() => undefined);
        if (done && 'pinned' in done) void done.pinned.close().catch(() => undefined);
      }
      const data: PrefetchData = {};
      const keys: Record<string, KeyLog> = {};
      for (const { key, outcome, log } of settled) {
        data[key] = outcome;
        keys[key] = log;
      }
      // A call answered wholly from its prefetch is the common case and says nothing new: debug. Any fetch or
      // missing key is worth a line at info.
      const quiet = settled.every((s) => s.log.source === 'prefetch');
      logger[quiet ? 'debug' : 'info']('prefetch resolved', {
        hookInstance: request.hookInstance,
        fhirServer: originOf(request.fhirServer),
        ms: Math.round((performance.now() - started) * 10) / 10,
        keys,
      });
      const missing = settled.filter((s) => s.keySpec.required && s.outcome.status === 'unavailable');
      if (missing.length) {
        const what = missing
          .map((s) => `"${s.key}" (${s.keySpec.label}): ${clientReason(s.outcome, s.log)}`)
          .join('; ');
        throw preconditionFailed(
          `Required prefetch could not be obtained: ${what}`,
          missing.map((s) => `prefetch.${s.key}`),
        );
      }
      return data;
    },
  };
}

function failed(kind: FetchFailure['kind'], reason: string): FetchedKey {
  return { ok: false, failure: { kind, reason }, pages: 0 };
}

/**
 * What the 412 says of a key: why it was not fetched when that lies in the request (no FHIR server, a context value
 * missing for the template); for anything that came from contacting the FHIR server one text alone, so that a caller
 * cannot tell a closed port from a 404 or a non-FHIR answer and use the service to scan a network. The log keeps
 * the detail (`keys` of "prefetch resolved").
 */
function clientReason(outcome: PrefetchOutcome, log: KeyLog): string {
  if (outcome.status !== 'unavailable') return 'obtained';
  if (log.source === 'fetched' && log.outcome !== 'template') return FETCH_FAILED;
  return outcome.reason;
}

const FETCH_FAILED = 'the FHIR server named in the request did not provide it (the service log has the reason)';

type Access =
  | { allowed: false; reason: string }
  | { allowed: true; fetch: typeof fetch }
  | { allowed: true; pinned: PinnedFetch };

function originOf(fhirServer: string | undefined): string | undefined {
  if (!fhirServer) return undefined;
  try {
    return new URL(fhirServer).origin;
  } catch {
    return undefined;
  }
}
