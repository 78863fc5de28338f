import type { CodeableConcept, Medication } from '@medplum/fhirtypes';
import { codingsOf, normalizeSystem, SYSTEMS, textsOf } from '../fhir/codeable-concept.ts';
import { ndcProductKeys } from '../medications/ndc-product.ts';
import { type ToxinProductEntry, toxinCatalog } from './toxin-catalog.ts';

export type ToxinProductKind = 'botox-therapeutic' | 'botox-cosmetic' | 'other-toxin' | 'ambiguous-toxin';

/** A recognised botulinum toxin product. */
export interface ToxinProductMatch {
  kind: ToxinProductKind;
  matchedBy: 'code' | 'name';
  /** Human label of the product ("BOTOX (onabotulinumtoxinA)"). */
  product: string;
  /** Whether its units are onabotulinumtoxinA units. */
  onabotulinumtoxinA: boolean;
}

interface Compiled {
  entry: ToxinProductEntry;
  text: RegExp[];
  exclude: RegExp[];
}

let compiled: Compiled[] | undefined;

function products(): Compiled[] {
  compiled ??= toxinCatalog().products.map((entry) => ({
    entry,
    text: entry.text.map((t) => new RegExp(t.pattern, 'iu')),
    exclude: entry.excludeText.map((t) => new RegExp(t, 'iu')),
  }));
  return compiled;
}

function codeMatches(entry: ToxinProductEntry, system: string, code: string): boolean {
  return entry.codes.some((c) => {
    if (normalizeSystem(c.system) !== system) return false;
    if (c.match === 'exact') return c.code.trim().toUpperCase() === code.trim().toUpperCase();
    const want = ndcProductKeys(c.code);
    return ndcProductKeys(code).some((k) => want.includes(k));
  });
}

/**
 * Recognises a botulinum toxin product (clinical-criteria 2.3): codes first (HCPCS J0585-J0589, NDC product codes,
 * both http and https HCPCS systems), then names in text and displays. BOTOX Cosmetic is told apart from therapeutic
 * BOTOX; the bare "botulinum toxin (type A)" is `ambiguous-toxin`, never BOTOX. `concept` is `medication[x]` as a
 * CodeableConcept; `medication` a resolved Medication, whose code is tried after the concept.
 *
 * @example classifyToxinProduct({ coding: [{ system: SYSTEMS.hcpcs, code: 'J0585' }] })?.kind // 'botox-therapeutic'
 */
export function classifyToxinProduct(
  concept: CodeableConcept | undefined,
  medication?: Medication,
): ToxinProductMatch | undefined {
  const concepts = [concept, medication?.code].filter((c): c is CodeableConcept => !!c);
  const all = products();
  for (const coding of codingsOf(concepts)) {
    if (typeof coding.code !== 'string') continue;
    const system = normalizeSystem(coding.system);
    const hit = all.find((p) => codeMatches(p.entry, system, coding.code as string));
    if (hit) return result(hit.entry, 'code');
  }
  const texts = textsOf(concepts);
  for (const p of all) {
    if (p.exclude.length && texts.some((t) => p.exclude.some((re) => re.test(t)))) continue;
    if (texts.some((t) => p.text.some((re) => re.test(t)))) return result(p.entry, 'name');
  }
  return undefined;
}

function result(entry: ToxinProductEntry, matchedBy: 'code' | 'name'): ToxinProductMatch {
  return { kind: entry.kind, matchedBy, product: entry.product, onabotulinumtoxinA: entry.onabotulinumtoxinA };
}

/** The CPT chemodenervation entry a Procedure code carries, if any (64615 = chronic migraine). */
export function chemodenervationProcedure(code: CodeableConcept | undefined) {
  for (const coding of codingsOf(code)) {
    if (typeof coding.code !== 'string' || normalizeSystem(coding.system) !== SYSTEMS.cpt) continue;
    const hit = toxinCatalog().procedures.find((p) => p.code === coding.code?.trim());
    if (hit) return hit;
  }
  return undefined;
}
