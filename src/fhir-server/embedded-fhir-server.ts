import { getSearchParameter, getStatus, isOk, isResourceType } from '@medplum/core';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { operationOutcome } from '../http/operation-outcome.ts';
import { readRequestText } from '../http/read-request-text.ts';
import { capabilityStatement } from './capability-statement.ts';
import { ensureFhirDefinitionsIndexed } from './fhir-definitions.ts';
import { confinedPatient, patientOf } from './patient-partitions.ts';
import { prepareSearchQuery, type SearchPaging } from './search-query.ts';
import { withPagingLinks } from './searchset-links.ts';
import { sortResources } from './searchset-sort.ts';

export interface EmbeddedFhirServerOptions {
  /** The resources served (the fixture panel). Copied at start-up; never written to. */
  resources: Resource[];
  /** The server's public base URL, e.g. `http://localhost:8080/fhir`: `fullUrl`s and paging links are built on it. */
  baseUrl: string;
  paging?: Partial<SearchPaging>;
  /** Load right after start-up (next tick) instead of on the first request, which would otherwise take seconds. */
  warm?: boolean;
}

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
/** Largest form-encoded search body; read with this bound, never whole first. */
const MAX_SEARCH_BODY_BYTES = 64 * 1024;
const DEFAULT_PAGING: SearchPaging = { defaultCount: 50, maxCount: 200 };
const EMPTY = new MemoryRepository();

interface Store {
  /** Every resource: reads and searches not confined to one patient. */
  repo: MemoryRepository;
  /** Each patient's resources (by `subject`/`patient`): searches for one patient run here. */
  byPatient: Map<string, MemoryRepository>;
  metadata: Resource;
}

/**
 * A read-only FHIR R4 server over Medplum's MemoryRepository and FhirRouter, to be mounted at `/fhir`: `metadata`,
 * read, type search by GET and by form-encoded `POST {Type}/_search`, with paging links. Writes are 405. The FHIR
 * definitions are indexed and the resources loaded on the first request (once per process for the definitions).
 *
 * @example app.route('/fhir', createEmbeddedFhirServer({ resources, baseUrl: `${publicBaseUrl}/fhir` }))
 */
export function createEmbeddedFhirServer(options: EmbeddedFhirServerOptions): Hono {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const paging: SearchPaging = { ...DEFAULT_PAGING, ...options.paging };
  const router = new FhirRouter();
  let store: Promise<Store> | undefined;
  const ready = () => {
    store ??= (async () => {
      ensureFhirDefinitionsIndexed();
      const repo = new MemoryRepository();
      const byPatient = new Map<string, MemoryRepository>();
      for (const resource of options.resources) {
        await repo.createResource(resource);
        const patient = patientOf(resource);
        if (!patient) continue;
        const own = byPatient.get(patient) ?? new MemoryRepository();
        byPatient.set(patient, own);
        await own.createResource(resource);
      }
      const metadata = capabilityStatement({
        baseUrl,
        resourceTypes: options.resources.map((r) => r.resourceType),
        date: new Date().toISOString(),
        maxCount: paging.maxCount,
      });
      return { repo, byPatient, metadata };
    })();
    return store;
  };

  if (options.warm) {
    setImmediate(() => {
      ready().catch(() => {
        store = undefined; // the first request retries and reports the failure
      });
    });
  }

  const fhir = new Hono();
  fhir.get('/metadata', async (c) => fhirJson(c, (await ready()).metadata, 200));

  fhir.get('/:type', async (c) => search(c, c.req.param('type'), queryPairs(c)));

  fhir.post('/:type/_search', async (c) => {
    const contentType = c.req.header('content-type') ?? '';
    if (contentType && !contentType.startsWith('application/x-www-form-urlencoded')) {
      return fhirJson(c, operationOutcome('not-supported', 'Send search parameters form-encoded'), 415);
    }
    const body = await readRequestText(c, MAX_SEARCH_BODY_BYTES);
    if (body === undefined) {
      return fhirJson(c, operationOutcome('too-long', `Search parameters exceed ${MAX_SEARCH_BODY_BYTES} bytes`), 413);
    }
    return search(c, c.req.param('type'), [...queryPairs(c), ...new URLSearchParams(body)]);
  });

  fhir.get('/:type/:id', async (c) => {
    const type = c.req.param('type');
    const { repo } = await ready();
    if (!isResourceType(type)) return fhirJson(c, operationOutcome('not-found', 'Unknown resource type'), 404);
    const url = `/${type}/${encodeURIComponent(c.req.param('id'))}`;
    const [outcome, resource] = await router.handleRequest(
      { method: 'GET', url, pathname: '', params: {}, query: {}, body: undefined },
      repo,
    );
    return resource && isOk(outcome) ? fhirJson(c, resource, 200) : failure(c, outcome);
  });

  const search = async (c: Context, type: string, input: [string, string][]) => {
    const { repo, byPatient } = await ready();
    // isResourceType and the search parameters need the definitions that ready() indexes.
    if (!isResourceType(type)) return fhirJson(c, operationOutcome('not-found', 'Unknown resource type'), 404);
    const prepared = prepareSearchQuery(type, input, paging);
    if (!prepared.ok) return fhirJson(c, operationOutcome('invalid', prepared.diagnostics), 400);
    const confined = getSearchParameter(type, 'patient') ? confinedPatient(prepared.params) : undefined;
    const sort = prepared.params.find(([name]) => name === '_sort')?.[1];
    const query: Record<string, string[]> = {};
    for (const [name, value] of confined?.rest ?? prepared.params) {
      if (name !== '_sort') query[name] = [...(query[name] ?? []), value];
    }
    if (!sort) {
      query._count = [String(prepared.count)];
      query._offset = [String(prepared.offset)];
    }
    const [outcome, found] = await router.handleRequest(
      { method: 'GET', url: `/${type}`, pathname: '', params: {}, query, body: undefined },
      confined ? (byPatient.get(confined.id) ?? EMPTY) : repo,
    );
    if (found?.resourceType !== 'Bundle' || !isOk(outcome)) return failure(c, outcome);
    const bundle = sort ? sortedPage(found as Bundle, type, sort, prepared.offset, prepared.count) : (found as Bundle);
    const page = {
      baseUrl,
      resourceType: type,
      params: prepared.params,
      count: prepared.count,
      offset: prepared.offset,
    };
    return fhirJson(c, withPagingLinks(bundle, page), 200);
  };

  fhir.on(['POST', 'PUT', 'PATCH', 'DELETE'], '*', (c) =>
    fhirJson(c, operationOutcome('not-supported', 'This FHIR server is read-only'), 405, {
      Allow: 'GET, POST, OPTIONS',
    }),
  );
  fhir.all('*', (c) => fhirJson(c, operationOutcome('not-found', 'No such FHIR endpoint'), 404));
  return fhir;
}

/** Sorts a whole searchset (see searchset-sort.ts) and keeps one page of it. */
function sortedPage(bundle: Bundle, type: string, sort: string, offset: number, count: number): Bundle {
  const resources = (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
  const page = sortResources(resources, type, sort).slice(offset, offset + count);
  return { ...bundle, entry: page.map((resource) => ({ resource })) };
}

/** Query parameters in order, repeated names kept (FHIR ANDs them). */
function queryPairs(c: Context): [string, string][] {
  return [...new URL(c.req.url).searchParams];
}

/** Our own OperationOutcome for a Medplum failure: its texts may quote the request. */
function failure(c: Context, outcome: OperationOutcome) {
  const status = getStatus(outcome);
  if (status === 404 || status === 410) return fhirJson(c, operationOutcome('not-found', 'No such resource'), 404);
  if (status >= 400 && status < 500) return fhirJson(c, operationOutcome('invalid', 'Invalid FHIR request'), 400);
  return fhirJson(c, operationOutcome('exception', 'The FHIR server failed'), 500);
}

function fhirJson(c: Context, body: unknown, status: ContentfulStatusCode, headers: Record<string, string> = {}) {
  return c.body(JSON.stringify(body), status, { 'Content-Type': FHIR_JSON, ...headers });
}
