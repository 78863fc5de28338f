import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { operationOutcome } from '../http/operation-outcome.ts';
import { PAGE_STYLE_HASH } from '../timeline/page/page-style.ts';
import { TIMELINE_HEADERS } from '../timeline/timeline-routes.ts';
import type { PriorAuthLinks } from './prior-auth-links.ts';
import { SUMMARY_STYLE, SUMMARY_STYLE_HASH, summaryHtml } from './render-summary.ts';

/** The timeline's headers (no-store, no-referrer, noindex, no script, no framing), with this page's stylesheet hash. */
export const PRIOR_AUTH_HEADERS: Record<string, string> = {
  ...TIMELINE_HEADERS,
  'Content-Security-Policy': TIMELINE_HEADERS['Content-Security-Policy']!.replace(PAGE_STYLE_HASH, SUMMARY_STYLE_HASH),
};

const NOT_FOUND = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>Not found</title><style>${SUMMARY_STYLE}</style></head>
<body><main><h1>Not found</h1><p>This link is not valid. Prior authorization summary links expire: open the card again to get a new one.</p></main></body></html>`;

function prefersJson(accept: string | undefined): boolean {
  return !!accept && /json/.test(accept) && !/text\/html/.test(accept);
}

/** `GET /prior-auth/:token`: the printable summary (no name, birth date or member id), or a bare 404. */
export function priorAuthRoutes(links: PriorAuthLinks): Hono {
  const routes = new Hono<AppEnv>();
  routes.get('/:token', async (c) => {
    c.set('route', 'prior-auth');
    for (const [name, value] of Object.entries(PRIOR_AUTH_HEADERS)) c.header(name, value);
    const view = await links.open(c.req.param('token'));
    if (!view) {
      c.set('problem', 'prior-auth link unknown or expired');
      return prefersJson(c.req.header('accept'))
        ? c.json(operationOutcome('not-found', 'Not found'), 404)
        : c.html(NOT_FOUND, 404);
    }
    return c.html(summaryHtml(view.summary));
  });
  // Mounted into the main app, whose middleware owns these variables; `AppDeps.mounts` takes a plain Hono.
  return routes as unknown as Hono;
}
