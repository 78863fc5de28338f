import type { CodeableConcept, Medication } from '@medplum/fhirtypes';
import { boundedMemo, MAX_MEMO_TEXT } from '../bounded-memo.ts';
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

interface CompiledCode {
  /** Normalised system. */
  system: string;
  /** `exact`: the code trimmed and upper case; `ndc-product`: its labeler+product keys. */
  exact?: string;
  ndcKeys?: string[];
}

interface Compiled {
  entry: ToxinProductEntry;
  codes: CompiledCode[];
  text: RegExp[];
  exclude: RegExp[];
}

let compiled: Compiled[] | undefined;

function products(): Compiled[] {
  compiled ??= toxinCatalog().products.map((entry) => ({
    entry,
    codes: entry.codes.map((c) =>
      c.match === 'exact'
        ? { system: normalizeSystem(c.system), exact: c.code.trim().toUpperCase() }
        : { system: normalizeSystem(c.system), ndcKeys: ndcProductKeys(c.code) },
    ),
    text: entry.text.map((t) => new RegExp(t.pattern, 'iu')),
    exclude: entry.excludeText.map((t) => new RegExp(t, 'iu')),
  }));
  return compiled;
}

/** One coding of a record, with its comparison forms read once for all the catalogue's codes. */
class RecordCode {
  private upper?: string;
  private ndc?: string[];

  constructor(
    readonly system: string,
    private readonly code: string,
  ) {}

  matches(c: CompiledCode): boolean {
    if (c.system !== this.system) return false;
    if (c.exact !== undefined) {
      this.upper ??= this.code.trim().toUpperCase();
      return c.exact === this.upper;
    }
    this.ndc ??= ndcProductKeys(this.code);
    return this.ndc.some((k) => c.ndcKeys!.includes(k));
  }
}

const TEXT_MATCH = 1;
const EXCLUDE_MATCH = 2;

/** Per product (catalogue order): TEXT_MATCH when one of its patterns matches the text, EXCLUDE_MATCH for excludes. */
function textMatches(text: string): Uint8Array {
  const all = products();
  const flags = new Uint8Array(all.length);
  all.forEach((p, i) => {
    if (p.text.some((re) => re.test(text))) flags[i] = flags[i]! | TEXT_MATCH;
    if (p.exclude.some((re) => re.test(text))) flags[i] = flags[i]! | EXCLUDE_MATCH;
  });
  return flags;
}

/** The product texts of medication records recur on every request. */
const memoTextMatches = boundedMemo(textMatches, 2_000, MAX_MEMO_TEXT);

/**
 * Recognises a botulinum toxin product (clinical-rules 2.3): codes first (HCPCS J0585-J0589, NDC product codes,
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
    const code = new RecordCode(normalizeSystem(coding.system), coding.code);
    const hit = all.find((p) => p.codes.some((c) => code.matches(c)));
    if (hit) return result(hit.entry, 'code');
  }
  const matched = textsOf(concepts).map(memoTextMatches);
  const hit = all.find(
    (_p, i) => !matched.some((m) => m[i]! & EXCLUDE_MATCH) && matched.some((m) => m[i]! & TEXT_MATCH),
  );
  return hit ? result(hit.entry, 'name') : undefined;
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
