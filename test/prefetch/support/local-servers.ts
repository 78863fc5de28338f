import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Resource } from '@medplum/fhirtypes';
import { Hono } from 'hono';
import { createEmbeddedFhirServer } from '../../../src/fhir-server/embedded-fhir-server.ts';

export interface LocalServer {
  /** The FHIR base URL, e.g. `http://127.0.0.1:41234/fhir`. */
  base: string;
  /** Every request the server saw: path with query, and the Authorization header. */
  seen: { path: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

/** The embedded FHIR server on a real socket (port 0), mounted at /fhir like in the app. */
export async function startEmbeddedFhir(resources: Resource[], pageSize?: number): Promise<LocalServer> {
  const seen: LocalServer['seen'] = [];
  const outer = new Hono();
  outer.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    seen.push({ path: url.pathname + url.search, authorization: c.req.header('authorization') });
    await next();
  });
  const server = serve({ port: 0, hostname: '127.0.0.1', fetch: (req) => outer.fetch(req) });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
  const paging = pageSize ? { paging: { defaultCount: pageSize } } : {};
  outer.route('/fhir', createEmbeddedFhirServer({ resources, baseUrl: base, ...paging }));
  // The first request indexes the FHIR definitions (about a second): pay it here, not inside a test's deadline.
  await fetch(`${base}/metadata`);
  seen.length = 0;
  return { base, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A plain node:http server for faults (401, 500, slow answers, garbage); `handle` answers every request. */
export async function startFaultServer(
  handle: (req: IncomingMessage, res: ServerResponse, base: string) => void,
): Promise<LocalServer> {
  const seen: LocalServer['seen'] = [];
  let base = '';
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
    handle(req, res, base);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
  return {
    base,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with FHIR JSON. */
export function sendFhir(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/fhir+json' });
  res.end(JSON.stringify(body));
}
