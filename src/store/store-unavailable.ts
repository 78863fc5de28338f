/**
 * The card store cannot be reached right now (refused, stalled, timed out, restarting): the caller answers 503, the
 * card log keeps its queue and retries, and the service recovers by itself when the store answers again.
 */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}
