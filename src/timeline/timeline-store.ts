/** The kinds of page a capability link can open. */
export type LinkKind = 'timeline' | 'prior-auth';

/** One stored timeline snapshot. `snapshot` is serialised JSON, as a persistent store would keep it. */
export interface StoredTimeline {
  /** What the link opens: a timeline page or a prior-authorization summary. A link of one kind never opens the other. */
  kind: LinkKind;
  /** SHA-256 of the token (see timeline-token.ts), never the token itself. */
  key: string;
  /** The invocation the card came from: ties the snapshot to the card log. */
  hookInstance: string;
  /** ISO instants. */
  createdAt: string;
  expiresAt: string;
  snapshot: string;
}

/**
 * Where timeline snapshots live until they expire. The memory store is the default; the card store can implement the
 * same interface to persist them beside the card log.
 */
export interface TimelineStore {
  save(entry: StoredTimeline): Promise<void>;
  /** The entry under `key`, or undefined when unknown or expired at `now`. */
  load(key: string, now: Date): Promise<StoredTimeline | undefined>;
  /** Deletes the entries expired at `now`; resolves to how many were deleted. */
  purgeExpired(now: Date): Promise<number>;
}
