/** Remembers JWT ids for as long as their tokens could still be accepted, so that each token is used once. */
export interface ReplayStore {
  /** Records `key` for `ttlMs`. Resolves `true` the first time, `false` when the key is already recorded. */
  claimOnce(key: string, ttlMs: number): Promise<boolean>;
  /** Resolves when the store is usable (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Thrown when the replay store cannot answer: the call is refused (fail closed) but it is not the client's fault. */
export class ReplayStoreUnavailable extends Error {
  override name = 'ReplayStoreUnavailable';
}
