import type { Bundle, Resource } from '@medplum/fhirtypes';
import { type FetchFailure, readFhir } from './fhir-read.ts';
import { normalisedBase } from './fhir-server-allowlist.ts';

export interface FhirFetchContext {
  fetch: typeof fetch;
  /** The request's fhirServer, normalised (no trailing slash). Every URL fetched must lie under it. */
  base: string;
  accessToken: string | undefined;
  signal: AbortSignal;
  maxPages: number;
}

export type FetchedKey =
  | { ok: true; resources: Resource[]; pages: number }
  | { ok: false; failure: FetchFailure; pages: number };

const INSTANCE_READ = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;

/**
 * Fetches a filled prefetch query (`Patient/123`, `Condition?patient=123`) from the FHIR server: an instance read
 * gives its resource, a search gives the resources of every page, following `next` links with the same token.
 */
export async function fetchPrefetchQuery(ctx: FhirFetchContext, query: string): Promise<FetchedKey> {
  const url = `${ctx.base}/${query.replace(/^\/+/, '')}`;
  const read = INSTANCE_READ.exec(query);
  if (!read) return collectPages(ctx, url, [], 0);
  const result = await readFhir(ctx.fetch, url, ctx.accessToken, ctx.signal);
  if (!result.ok) return { ok: false, failure: result.failure, pages: 1 };
  const { resource } = result;
  if (resource.resourceType !== read[1] || (resource.id !== undefined && resource.id !== read[2])) {
    return {
      ok: false,
      pages: 1,
      failure: { kind: 'invalid-response', reason: "the FHIR server's answer was not the record asked for" },
    };
  }
  return { ok: true, resources: [resource], pages: 1 };
}

/** Completes a prefetched searchset that carries a `next` link (the client sent only its first page). */
export function fetchRemainingPages(ctx: FhirFetchContext, firstPage: Bundle, firstResources: Resource[]) {
  const next = nextLink(firstPage, ctx.base, ctx.base);
  if (!next.ok) return Promise.resolve<FetchedKey>({ ok: false, failure: next.failure, pages: 1 });
  return next.url
    ? collectPages(ctx, next.url, [...firstResources], 1)
    : Promise.resolve<FetchedKey>({ ok: true, resources: firstResources, pages: 1 });
}

/** Whether a searchset says that more pages follow. */
export function hasNextLink(bundle: Bundle): boolean {
  return !!bundle.link?.some((l) => l.relation === 'next' && l.url);
}

/** The resources of a searchset page, without OperationOutcome entries (`search.mode` `outcome`). */
export function searchsetResources(bundle: Bundle): Resource[] {
  const resources: Resource[] = [];
  for (const e of bundle.entry ?? []) {
    if (e.search?.mode === 'outcome') continue;
    const r = e.resource;
    if (r && typeof r === 'object' && typeof r.resourceType === 'string' && r.resourceType !== 'OperationOutcome') {
      resources.push(r);
    }
  }
  return resources;
}

async function collectPages(ctx: FhirFetchContext, first: string, resources: Resource[], pages: number) {
  let url: string | undefined = first;
  while (url) {
    if (pages >= ctx.maxPages) {
      // Clinically safer than using what came: a truncated record could hide an allergy or a failed preventive.
      return fail(pages, 'too-many-pages', `the search had more than ${ctx.maxPages} pages (FHIR_MAX_PAGES)`);
    }
    const result = await readFhir(ctx.fetch, url, ctx.accessToken, ctx.signal);
    pages++;
    if (!result.ok) return { ok: false, failure: result.failure, pages } as const;
    if (result.resource.resourceType !== 'Bundle') {
      return fail(pages, 'invalid-response', "the FHIR server's answer to a search was not a Bundle");
    }
    const bundle = result.resource as Bundle;
    resources.push(...searchsetResources(bundle));
    const next = nextLink(bundle, url, ctx.base);
    if (!next.ok) return { ok: false, failure: next.failure, pages } as const;
    url = next.url;
  }
  return { ok: true, resources, pages } as const;
}

type NextLink = { ok: true; url: string | undefined } | { ok: false; failure: FetchFailure };

/**
 * The `next` link, resolved against the page's URL. It must stay under the FHIR server's base: following it
 * elsewhere would send the client's access token to a third party and open an SSRF detour.
 */
function nextLink(bundle: Bundle, pageUrl: string, base: string): NextLink {
  const href = bundle.link?.find((l) => l.relation === 'next')?.url;
  if (!href) return { ok: true, url: undefined };
  let url: URL;
  try {
    url = new URL(href, pageUrl);
  } catch {
    return { ok: false, failure: { kind: 'invalid-response', reason: "the FHIR server's next-page link is invalid" } };
  }
  const target = normalisedBase(url);
  if ((target !== base && !target.startsWith(`${base}/`)) || url.username || url.password) {
    return {
      ok: false,
      failure: { kind: 'foreign-link', reason: "the FHIR server's next-page link leads outside the FHIR server" },
    };
  }
  return { ok: true, url: url.href };
}

function fail(pages: number, kind: FetchFailure['kind'], reason: string): FetchedKey {
  return { ok: false, failure: { kind, reason }, pages };
}
