import type { CodeableConcept } from '@medplum/fhirtypes';

/** A step of the walk: a JSON scalar, compared as Map keys are (the string '5' and the number 5 differ). */
type Part = string | number | boolean | null | undefined;

interface Node<V> {
  next: Map<Part, Node<V>>;
  has: boolean;
  value?: V;
}

const isPart = (v: unknown): v is Part => v === null || (typeof v !== 'object' && typeof v !== 'function');

/**
 * A memo for pure functions of a CodeableConcept's text and codings (system, code, display): a diary repeats the same
 * few concepts on every entry. Keyed by a walk over those values, so no key string is built, and every coding adds
 * exactly three steps, so the walk of one concept is never the walk of another. A concept holding an object where a
 * scalar belongs is computed without the memo. Bounded: at `maxEntries` concepts it starts again empty.
 */
export function conceptMemo<V>(
  compute: (code: CodeableConcept) => V,
  maxEntries = 10_000,
): (code: CodeableConcept) => V {
  let root: Node<V> = { next: new Map(), has: false };
  let size = 0;
  const step = (node: Node<V>, part: Part): Node<V> => {
    let child = node.next.get(part);
    if (!child) {
      child = { next: new Map(), has: false };
      node.next.set(part, child);
    }
    return child;
  };
  return (code) => {
    const codings: unknown[] | undefined = Array.isArray(code.coding) ? code.coding : undefined;
    if (!isPart(code.text)) return compute(code);
    // `coding` absent and `coding` not an array are read alike (no codings); an empty array too.
    let node = step(root, code.text);
    for (const c of codings ?? []) {
      if (c === null || typeof c !== 'object') return compute(code);
      const { system, code: value, display } = c as Record<string, unknown>;
      if (!isPart(system) || !isPart(value) || !isPart(display)) return compute(code);
      node = step(step(step(node, system), value), display);
    }
    if (node.has) return node.value as V;
    const value = compute(code);
    if (size >= maxEntries) {
      root = { next: new Map(), has: false };
      size = 0;
      return value;
    }
    node.has = true;
    node.value = value;
    size++;
    return value;
  };
}
