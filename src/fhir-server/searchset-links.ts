import type { Bundle, BundleLink } from '@medplum/fhirtypes';

export interface PageInfo {
  /** The server's base URL, without a trailing slash. */
  baseUrl: string;
  resourceType: string;
  /** The search parameters that were applied (without `_count` and `_offset`). */
  params: [string, string][];
  count: number;
  offset: number;
}

/**
 * Completes a searchset from Medplum's repository, which gives `total` but no paging: `self`, `previous` and `next`
 * links (GET URLs, also for searches that came by POST), and `fullUrl` and `search.mode` on every entry.
 */
export function withPagingLinks(bundle: Bundle, page: PageInfo): Bundle {
  const total = bundle.total ?? 0;
  const link: BundleLink[] = [{ relation: 'self', url: pageUrl(page, page.offset) }];
  if (page.offset > 0 && page.count > 0) {
    link.push({ relation: 'previous', url: pageUrl(page, Math.max(0, page.offset - page.count)) });
  }
  if (page.count > 0 && page.offset + page.count < total) {
    link.push({ relation: 'next', url: pageUrl(page, page.offset + page.count) });
  }
  const entry = (bundle.entry ?? []).map((e) => ({
    ...(e.resource?.id ? { fullUrl: `${page.baseUrl}/${e.resource.resourceType}/${e.resource.id}` } : {}),
    resource: e.resource,
    search: { mode: 'match' as const },
  }));
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link,
    ...(entry.length ? { entry } : {}),
  };
}

function pageUrl(page: PageInfo, offset: number): string {
  const query = new URLSearchParams(page.params);
  query.set('_count', String(page.count));
  if (offset > 0) query.set('_offset', String(offset));
  return `${page.baseUrl}/${page.resourceType}?${query.toString()}`;
}
