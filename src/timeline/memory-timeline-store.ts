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

  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.snapshot.length;
    entries.delete(key);
  };
  const purge = (now: Date) => {
    let purged = 0;
    for (const [key, entry] of entries) {
      if (Date.parse(entry.expiresAt) <= now.getTime()) {
        remove(key);
        purged++;
      }
    }
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
