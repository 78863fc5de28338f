import type { CodeableConcept } from '@medplum/fhirtypes';

/** A step of the walk: a JSON scalar, compared as Map keys are (the string '5' and the number 5 differ). */
type Part = string | number | boolean | null | undefined;

interface Node<V> {
  next: Map<Part, Node<V>>;
  has: boolean;
  value?: V;
}

const isPart = (v: unknown): v is Part => v === null || (typeof v !== 'object' && typeof v !== 'function');

/** A concept recently looked up, by its walk: text, then system, code and display of each coding. */
interface Recent<V> {
  text: Part;
  parts: Part[];
  value: V;
}

/** How many recent concepts are compared directly before the walk: a diary alternates between very few codes. */
const RECENT = 4;

/**
 * A memo for pure functions of a CodeableConcept's text and codings (system, code, display): a diary repeats the same
 * few concepts on every entry. Keyed by a walk over those values, so no key string is built, and every coding adds
 * exactly three steps, so the walk of one concept is never the walk of another. The last few concepts are first
 * compared value by value (no hashing at all); a match there is a match of the walk. A concept holding an object where
 * a scalar belongs is computed without the memo. Bounded: at `maxEntries` concepts it starts again empty.
 */
export function conceptMemo<V>(
  compute: (code: CodeableConcept) => V,
  maxEntries = 10_000,
): (code: CodeableConcept) => V {
  let root: Node<V> = { next: new Map(), has: false };
  let size = 0;
  /** A ring of the last RECENT concepts; `oldest` is the slot replaced next. */
  const recent: Recent<V>[] = [];
  let oldest = 0;
  const step = (node: Node<V>, part: Part): Node<V> => {
    let child = node.next.get(part);
    if (!child) {
      child = { next: new Map(), has: false };
      node.next.set(part, child);
    }
    return child;
  };
  const remember = (text: Part, parts: Part[], value: V) => {
    const slot = recent[oldest];
    if (slot) {
      slot.text = text;
      slot.parts = parts;
      slot.value = value;
    } else recent[oldest] = { text, parts, value };
    oldest = (oldest + 1) % RECENT;
  };
  return (code) => {
    const codings: unknown[] | undefined = Array.isArray(code.coding) ? code.coding : undefined;
    const hit = recentMatch(recent, code.text, codings);
    if (hit) return hit.value;
    if (!isPart(code.text)) return compute(code);
    // `coding` absent and `coding` not an array are read alike (no codings); an empty array too.
    let node = step(root, code.text);
    const parts: Part[] = [];
    for (const c of codings ?? []) {
      if (c === null || typeof c !== 'object') return compute(code);
      const { system, code: value, display } = c as Record<string, unknown>;
      if (!isPart(system) || !isPart(value) || !isPart(display)) return compute(code);
      node = step(step(step(node, system), value), display);
      parts.push(system, value, display);
    }
    if (node.has) {
      remember(code.text, parts, node.value as V);
      return node.value as V;
    }
    const value = compute(code);
    if (size >= maxEntries) {
      root = { next: new Map(), has: false };
      size = 0;
      recent.length = 0;
      oldest = 0;
      return value;
    }
    node.has = true;
    node.value = value;
    size++;
    remember(code.text, parts, value);
    return value;
  };
}

/** The recent entry whose walk is this concept's walk (values compared with ===, which only tells apart more). */
function recentMatch<V>(recent: Recent<V>[], text: unknown, codings: unknown[] | undefined): Recent<V> | undefined {
  const n = codings ? codings.length : 0;
  outer: for (const r of recent) {
    if (r.text !== text || r.parts.length !== n * 3) continue;
    for (let i = 0; i < n; i++) {
      const c = codings![i];
      if (c === null || typeof c !== 'object') return undefined;
      const { system, code, display } = c as Record<string, unknown>;
      if (r.parts[i * 3] !== system || r.parts[i * 3 + 1] !== code || r.parts[i * 3 + 2] !== display) continue outer;
    }
    return r;
  }
  return undefined;
}
