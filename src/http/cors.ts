import type { MiddlewareHandler } from 'hono';

const ALLOW_HEADERS = 'Authorization, Content-Type, Accept';
const ALLOW_METHODS = 'GET, POST, OPTIONS';

/**
 * CORS on every route, errors included (the headers are set after the handler, whatever it returned), and an
 * answer to every preflight. Preflights carry no token and never reach authentication.
 */
export function cors(allowedOrigins: string[]): MiddlewareHandler {
  const any = allowedOrigins.includes('*');
  const allowed = new Set(allowedOrigins);
  const originFor = (origin: string | undefined) => (any ? '*' : origin && allowed.has(origin) ? origin : undefined);
  return async (c, next) => {
    const allowOrigin = originFor(c.req.header('origin'));
    if (c.req.method === 'OPTIONS') {
      const headers: Record<string, string> = {
        'Access-Control-Allow-Methods': ALLOW_METHODS,
        'Access-Control-Allow-Headers': ALLOW_HEADERS,
        'Access-Control-Max-Age': '600',
      };
      if (allowOrigin) headers['Access-Control-Allow-Origin'] = allowOrigin;
      if (!any) headers.Vary = 'Origin';
      return c.body(null, 204, headers);
    }
    await next();
    if (allowOrigin) {
      c.res.headers.set('Access-Control-Allow-Origin', allowOrigin);
      c.res.headers.set('Access-Control-Allow-Headers', ALLOW_HEADERS);
      c.res.headers.set('Access-Control-Allow-Methods', ALLOW_METHODS);
      c.res.headers.set('Access-Control-Expose-Headers', 'X-Request-Id');
    }
    if (!any) c.res.headers.append('Vary', 'Origin');
  };
}
