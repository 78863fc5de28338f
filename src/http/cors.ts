import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';

const ALLOW_HEADERS = 'Authorization, Content-Type, Accept';
const ALLOW_METHODS = 'GET, POST, OPTIONS';

/**
 * The CORS headers of every response, errors included, for the request's Origin: none for an origin not allowed, and
 * `Vary: Origin` unless any origin is.
 */
export function corsHeaders(allowedOrigins: string[]): (origin: string | undefined) => Record<string, string> {
  const any = allowedOrigins.includes('*');
  const allowed = new Set(allowedOrigins);
  return (origin) => {
    const allowOrigin = any ? '*' : origin && allowed.has(origin) ? origin : undefined;
    const headers: Record<string, string> = {};
    if (allowOrigin) {
      headers['Access-Control-Allow-Origin'] = allowOrigin;
      headers['Access-Control-Allow-Headers'] = ALLOW_HEADERS;
      headers['Access-Control-Allow-Methods'] = ALLOW_METHODS;
      headers['Access-Control-Expose-Headers'] = 'X-Request-Id';
    }
    if (!any) headers.Vary = 'Origin';
    return headers;
  };
}

/** Answers every preflight with the standard headers; preflights carry no token and never reach authentication. */
export const corsPreflight: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== 'OPTIONS') return next();
  c.set('standardHeadersSent', true);
  return new Response(null, { status: 204, headers: { ...c.get('standardHeaders'), 'Access-Control-Max-Age': '600' } });
};
