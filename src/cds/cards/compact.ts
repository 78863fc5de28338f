/** An object or array being copied: its entries, how far through them, the copy, and where the copy goes. */
interface Frame {
  entries: [string, unknown][];
  next: number;
  out: unknown[] | Record<string, unknown>;
  parent?: Frame;
  key?: string;
}

/**
 * Removes `undefined`, `null`, `""`, `[]` and `{}` values, deeply: CDS Hooks validators reject empty values, and the
 * extension must not carry them either. Walks with its own stack, not by recursion, so that however deep the input
 * (an EHR's draft order is client data), it cannot overflow the call stack.
 */
export function compact<T>(value: T): T {
  if (!isContainer(value)) return value;
  const root = frameOf(value);
  const stack: Frame[] = [root];
  while (stack.length) {
    const frame = stack[stack.length - 1] as Frame;
    const entry = frame.entries[frame.next++];
    if (entry) {
      const [key, v] = entry;
      if (isContainer(v)) stack.push({ ...frameOf(v), parent: frame, key });
      else if (!isEmpty(v)) put(frame, key, v);
      continue;
    }
    stack.pop();
    if (frame.parent && !isEmpty(frame.out)) put(frame.parent, frame.key as string, frame.out);
  }
  return root.out as T;
}

function isContainer(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

function frameOf(value: object): Frame {
  if (Array.isArray(value)) return { entries: value.map((v, i) => [String(i), v]), next: 0, out: [] };
  const record = value as Record<string, unknown>;
  return { entries: Object.keys(record).map((k) => [k, record[k]]), next: 0, out: {} };
}

function put(frame: Frame, key: string, value: unknown): void {
  if (Array.isArray(frame.out)) frame.out.push(value);
  // defineProperty, not assignment: a `__proto__` key of JSON input stays a key instead of replacing the prototype.
  else Object.defineProperty(frame.out, key, { value, enumerable: true, writable: true, configurable: true });
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
