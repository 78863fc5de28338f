/**
 * The ceiling: a bare Hono route on @hono/node-server that parses the same JSON body and returns a small response.
 * Nothing the service does beyond reading JSON is done here.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { controlChild, failChild } from './child-control.ts';

try {
  const app = new Hono();
  app.post('/cds-services/:id', async (c) => {
    const body = (await c.req.json()) as { prefetch?: Record<string, unknown> };
    return c.json({ cards: [], keys: Object.keys(body.prefetch ?? {}).length });
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  controlChild(server as import('node:http').Server);
} catch (error) {
  failChild(error);
}
