/**
 * A memo for pure functions of strings: the same dates and codes recur thousands of times in one diary. Bounded: when
 * full it starts again empty, so memory stays flat however many distinct values a long-running service sees.
 */
export function boundedMemo<V>(compute: (key: string) => V, maxEntries = 50_000): (key: string) => V {
  let cache = new Map<string, V>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as V;
    const value = compute(key);
    if (cache.size >= maxEntries) cache = new Map();
    cache.set(key, value);
    return value;
  };
}
