import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { operationOutcome } from '../http/operation-outcome.ts';
import { PAGE_STYLE_HASH } from './page/page-style.ts';
import { renderNotFoundPage, renderTimelinePage } from './page/timeline-page.ts';
import type { TimelineLinks } from './timeline-links.ts';

/**
 * Headers of every timeline response: never cached or indexed, no Referer carrying the token onwards, no script, the
 * one stylesheet allowed by hash, and no framing (the page has no actions, but nothing needs to frame it either).
 */
export const TIMELINE_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Content-Security-Policy': `default-src 'none'; style-src ${PAGE_STYLE_HASH}; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
};

/** Wants JSON rather than a page (an API client): the 404 is then an OperationOutcome, like every other error. */
function prefersJson(accept: string | undefined): boolean {
  return !!accept && /json/.test(accept) && !/text\/html/.test(accept);
}

/** `GET /timeline/:token`: the snapshot page, or a bare 404 for a malformed, unknown or expired token. */
export function timelineRoutes(links: TimelineLinks): Hono {
  const routes = new Hono<AppEnv>();
  routes.get('/:token', async (c) => {
    c.set('route', 'timeline');
    for (const [name, value] of Object.entries(TIMELINE_HEADERS)) c.header(name, value);
    const view = await links.open(c.req.param('token'));
    if (!view) {
      c.set('problem', 'timeline link unknown or expired');
      return prefersJson(c.req.header('accept'))
        ? c.json(operationOutcome('not-found', 'Not found'), 404)
        : c.html(renderNotFoundPage(), 404);
    }
    return c.html(renderTimelinePage(view));
  });
  // Mounted into the main app, whose middleware owns these variables; `AppDeps.mounts` takes a plain Hono.
  return routes as unknown as Hono;
}
