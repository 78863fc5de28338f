/**
 * A memo for pure functions of strings: the same dates, codes and drug texts recur thousands of times in one diary.
 * Bounded: when full it starts again empty, so memory stays flat however many distinct values a long-running service
 * sees; keys longer than `maxKeyLength` are computed without being kept.
 */
export function boundedMemo<V>(
  compute: (key: string) => V,
  maxEntries = 50_000,
  maxKeyLength = Number.POSITIVE_INFINITY,
): (key: string) => V {
  let cache = new Map<string, V>();
  return (key) => {
    if (key.length > maxKeyLength) return compute(key);
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as V;
    const value = compute(key);
    if (cache.size >= maxEntries) cache = new Map();
    cache.set(key, value);
    return value;
  };
}

/** Drug, route and product texts longer than this are matched without a memo, so that memos stay small. */
export const MAX_MEMO_TEXT = 200;
