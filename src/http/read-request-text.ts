import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { readBoundedText } from './read-bounded-text.ts';
import { readIncomingText } from './read-incoming-text.ts';

/**
 * A request body as UTF-8 text, read under `limitBytes` (`undefined` = too large: refused on the declared length, or
 * as soon as the bytes read pass the limit, so a large or endless chunked body is never held in memory). Under
 * @hono/node-server the Node request is read directly; elsewhere (`app.request` in tests) the web stream.
 */
export function readRequestText(c: Context, limitBytes: number): Promise<string | undefined> {
  const declaredLength = c.req.header('content-length');
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming && typeof incoming.on === 'function'
    ? readIncomingText(incoming, limitBytes, declaredLength)
    : readBoundedText(c.req.raw.body, limitBytes, declaredLength);
}
