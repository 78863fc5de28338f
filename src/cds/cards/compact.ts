/**
 * Removes `undefined`, `null`, `""`, `[]` and `{}` values, deeply: CDS Hooks validators reject empty values, and the
 * extension must not carry them either.
 */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) {
      const c = compact(v);
      if (!isEmpty(c)) out.push(c);
    }
    return out as T;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const record = value as Record<string, unknown>;
    for (const k of Object.keys(record)) {
      const c = compact(record[k]);
      if (!isEmpty(c)) out[k] = c;
    }
    return out as T;
  }
  return value;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return !hasOwnKey(v as object);
  return false;
}

/** Whether the object has an own enumerable key (what a non-empty `Object.keys` lists), without listing them. */
function hasOwnKey(o: object): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return true;
  return false;
}
