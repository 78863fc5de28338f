/**
 * The client went away before its request body was complete (it hung up mid-upload). Not a server fault: counted
 * apart from responses (`cds_http_client_aborts_total`) and logged at info, never as an error or a 500, so a client
 * cannot raise the service's error rate by hanging up.
 */
export class ClientAbortError extends Error {
  override name = 'ClientAbortError';
  constructor() {
    super('the client closed the connection before the request body was complete');
  }
}

/** What Node reports on the request stream when the client resets the connection mid-body. */
export function isClientAbort(error: unknown): boolean {
  if (error instanceof ClientAbortError) return true;
  const e = error as { code?: unknown; message?: unknown } | undefined;
  return e?.code === 'ECONNRESET' || e?.message === 'aborted';
}
