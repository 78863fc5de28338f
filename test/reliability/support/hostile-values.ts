import fc from 'fast-check';

/**
 * A string planted in generated input. Responses must never contain it: an error body that quotes the request
 * would carry PHI back out (and into whatever logs the EHR keeps).
 */
export const MARKER = 'ZQXMARKER7731';

/** Runs per property: short by default, many more with RELIABILITY_LONG=1. */
export const RUNS = process.env.RELIABILITY_LONG === '1' ? 2000 : 120;

/** Strings that carry the marker: plain, unicode, control characters, markup and huge. */
export const markedString: fc.Arbitrary<string> = fc.oneof(
  fc.constant(MARKER),
  fc.string({ maxLength: 20 }).map((s) => `${s}${MARKER}${s}`),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => `${s}${MARKER}`),
  fc.constantFrom(
    `<script>${MARKER}</script>`,
    `${MARKER}\u0000\u202e\ud83d\ude00`,
    `Patient/${MARKER}`,
    `../../${MARKER}`,
    `${MARKER}%00%0d%0a`,
    `{{context.${MARKER}}}`,
    `Bearer eyJ${MARKER}.eyJ${MARKER}.sig`,
  ),
  fc.nat({ max: 3 }).map((n) => `${MARKER}${'x'.repeat(50_000 * (n + 1))}`),
);

/** Dates that are not dates, or are dates no clinical record holds. */
export const invalidDate: fc.Arbitrary<string> = fc.constantFrom(
  '2024-02-30',
  '2023-02-29',
  '2024-13-01',
  '0000-00-00',
  '9999-99-99T99:99:99Z',
  '2024-1-1',
  '',
  ' ',
  '-001-01-01',
  '+275760-09-13',
  '1900',
  '2024-06',
  '2999-12-31',
  '1800-01-01T00:00:00+14:00',
  '2024-06-01T25:00:00Z',
  'yesterday',
  'NaN',
  '2024-06-01T12:00:00.123456789-23:59',
);

/** Objects with prototype-pollution keys as own properties (what JSON.parse makes of them). */
export const pollutingObject: fc.Arbitrary<unknown> = fc.constantFrom(
  JSON.parse(`{"__proto__":{"polluted":"${MARKER}"}}`),
  JSON.parse(`{"constructor":{"prototype":{"polluted":"${MARKER}"}}}`),
  JSON.parse(`{"prototype":{"polluted":"${MARKER}"},"__proto__":null}`),
  JSON.parse(`{"toString":"${MARKER}","valueOf":1,"hasOwnProperty":"${MARKER}"}`),
  JSON.parse(`{"resourceType":"__proto__","id":"constructor"}`),
);

/** Nesting deep enough to break naive recursion (JSON.parse and JSON.stringify still cope). */
export const deeplyNested: fc.Arbitrary<unknown> = fc
  .tuple(fc.constantFrom(50, 500, 3000), fc.boolean())
  .map(([depth, arrays]) => {
    let v: unknown = MARKER;
    for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
    // fast-check prints counterexamples recursively: give it a short name instead (symbols never reach JSON).
    Object.defineProperty(v, fc.toStringMethod, { value: () => `nested(${depth}, ${arrays ? 'arrays' : 'objects'})` });
    return v;
  });

/** Any value a hostile or broken client might put where something else was expected. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: markedString },
  { weight: 2, arbitrary: invalidDate },
  fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 2 ** 53 + 1, 0.1),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  pollutingObject,
  deeplyNested,
  fc.array(markedString, { maxLength: 3 }),
  fc.constant([]),
  fc.constant({}),
  fc.jsonValue({ maxDepth: 3 }).map((v) => [v, MARKER]),
);

/** Where to change a resource: a walk down its keys (each seed picks one), and what to put there. */
export interface Mutation {
  seeds: number[];
  value: unknown;
  /** Drop the field instead of replacing it. */
  remove: boolean;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  seeds: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
  value: hostileValue,
  remove: fc.boolean(),
});

/**
 * Applies a mutation in place (callers pass a copy): follows the seeds down object keys and array items. Returns the
 * target, or the new value when the mutation replaces the target itself.
 */
export function mutate<T>(target: T, m: Mutation, keepTypes = false): T {
  if (target === null || typeof target !== 'object') return jsonCopy(keepTypes ? sameType(target, m) : m.value) as T;
  const copy = target as unknown;
  let node = copy;
  for (const [i, seed] of m.seeds.entries()) {
    if (node === null || typeof node !== 'object') break;
    const keys = Array.isArray(node) ? node.map((_v, n) => n) : Object.keys(node);
    if (!keys.length) break;
    const key = keys[seed % keys.length] as string | number;
    const child = (node as Record<string | number, unknown>)[key];
    const last = i === m.seeds.length - 1 || child === null || typeof child !== 'object';
    if (last) {
      if (m.remove && !Array.isArray(node)) delete (node as Record<string, unknown>)[key];
      else setOwn(node, key, jsonCopy(keepTypes ? sameType(child, m) : m.value));
      break;
    }
    node = child;
  }
  return copy as T;
}

/**
 * A fresh copy with JSON's meaning: generated values are shared (constantFrom hands out one instance), so placing the
 * instance itself would let a later mutation edit it, across runs, up to a cycle that JSON.stringify cannot send.
 */
function jsonCopy(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** Sets an own property as JSON.parse would: `__proto__` is a key like any other, never the prototype. */
function setOwn(node: object, key: string | number, value: unknown): void {
  Object.defineProperty(node, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * The mutation's value if it has the JSON type of `original`, else a hostile value of that type: a string stays a
 * string (marked, a non-date, huge), a number a number, an array an array (duplicated or emptied). This is what
 * valid-but-hostile FHIR looks like: right types, wrong or extreme contents.
 */
function sameType(original: unknown, m: Mutation): unknown {
  if (typeof original === 'string') return typeof m.value === 'string' ? m.value : '2024-02-30';
  if (typeof original === 'number') return typeof m.value === 'number' ? m.value : -1e9;
  if (typeof original === 'boolean') return !original;
  if (Array.isArray(original)) return m.remove ? [] : [...original, ...original];
  return original;
}

/** The keys of Object.prototype: a property run must leave them as they were. */
export function prototypeSnapshot(): string {
  return JSON.stringify([Object.getOwnPropertyNames(Object.prototype).sort(), ({} as { polluted?: unknown }).polluted]);
}
