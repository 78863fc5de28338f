import type { StoredTimeline, TimelineStore } from './timeline-store.ts';

export interface MemoryTimelineStoreOptions {
  /** At most this many snapshots; the oldest go first. */
  maxEntries?: number;
  /** At most this many bytes of snapshot JSON (UTF-16 length, an estimate); the oldest go first. */
  maxBytes?: number;
}

/** A memory store bounded in entries and size: expired entries go first, then the oldest. One process only. */
export function createMemoryTimelineStore(
  options: MemoryTimelineStoreOptions = {},
): TimelineStore & { size(): number } {
  const maxEntries = options.maxEntries ?? 2000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const entries = new Map<string, StoredTimeline>();
  let bytes = 0;
  // A lower bound on the earliest expiry held: a full store skips the scan for expired entries until it has passed
  // (otherwise every save into a full store would read every entry).
  let earliestExpiryMs = Number.POSITIVE_INFINITY;

  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.snapshot.length;
    entries.delete(key);
  };
  const purge = (now: Date) => {
    if (now.getTime() < earliestExpiryMs) return 0;
    let purged = 0;
    let earliest = Number.POSITIVE_INFINITY;
    for (const [key, entry] of entries) {
      const expiresMs = Date.parse(entry.expiresAt);
      if (expiresMs <= now.getTime()) {
        remove(key);
        purged++;
      } else if (expiresMs < earliest) earliest = expiresMs;
    }
    earliestExpiryMs = earliest;
    return purged;
  };

  return {
    async save(entry) {
      if (entry.snapshot.length > maxBytes) throw new Error('Timeline snapshot larger than the store limit');
      remove(entry.key);
      if (entries.size >= maxEntries || bytes + entry.snapshot.length > maxBytes) purge(new Date(entry.createdAt));
      // Map iteration follows insertion order: the first key is the oldest entry.
      while (entries.size >= maxEntries || bytes + entry.snapshot.length > maxBytes) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        remove(oldest);
      }
      entries.set(entry.key, entry);
      bytes += entry.snapshot.length;
      earliestExpiryMs = Math.min(earliestExpiryMs, Date.parse(entry.expiresAt));
    },
    async load(key, now) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (Date.parse(entry.expiresAt) <= now.getTime()) {
        remove(key);
        return undefined;
      }
      return entry;
    },
    async purgeExpired(now) {
      return purge(now);
    },
    size: () => entries.size,
  };
}
