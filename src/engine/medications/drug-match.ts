import type { CodeableConcept } from '@medplum/fhirtypes';
import { codingsOf, normalizeSystem, SYSTEMS, textsOf } from '../fhir/codeable-concept.ts';
import { medicationTerminology } from './drug-catalog.ts';
import type { DrugIngredient } from './drug-catalog-schema.ts';
import { ndcProductKeys } from './ndc-product.ts';
import { wholeWordBody } from './whole-word.ts';

/** A named drug entry with its codes and names (class-map ingredients and neuromuscular drugs alike). */
export interface MatchableDrug {
  id: string;
  names: string[];
  brands?: string[];
  codes?: { system: string; code: string }[];
  productCodes?: { system: string; code: string }[];
}

export interface DrugMatch<T extends MatchableDrug> {
  drug: T;
  matchedBy: 'code' | 'name';
}

interface CompiledList<T> {
  /** `system|code` (NDC: `ndc|labeler+product`) -> the drugs carrying it. */
  codes: Map<string, T[]>;
  /** Every name and brand of the list in one whole-word pattern (global, to find every name in a text). */
  names: RegExp;
  /** Normalised name -> the drugs it names. */
  byName: Map<string, T[]>;
}

const compiledLists = new WeakMap<object, CompiledList<MatchableDrug>>();

const normalName = (name: string) => name.toLowerCase().replace(/[\s-]+/g, '');

function add<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

function compile<T extends MatchableDrug>(drugs: T[]): CompiledList<T> {
  const cached = compiledLists.get(drugs);
  if (cached) return cached as CompiledList<T>;
  const codes = new Map<string, T[]>();
  const byName = new Map<string, T[]>();
  const patterns: string[] = [];
  for (const drug of drugs) {
    for (const c of [...(drug.codes ?? []), ...(drug.productCodes ?? [])]) {
      const system = normalizeSystem(c.system);
      if (system === SYSTEMS.ndc) for (const k of ndcProductKeys(c.code)) add(codes, `ndc|${k}`, drug);
      else add(codes, `${system}|${c.code.trim()}`, drug);
    }
    for (const name of [...drug.names, ...(drug.brands ?? [])]) {
      add(byName, normalName(name), drug);
      patterns.push(wholeWordBody(name));
    }
  }
  // Longest first, so that "divalproex sodium" wins over "divalproex" at the same position.
  patterns.sort((a, b) => b.length - a.length);
  const compiled = {
    codes,
    byName,
    names: new RegExp(`(?<![A-Za-z0-9])(?:${patterns.join('|')})(?![A-Za-z0-9])`, 'gi'),
  };
  compiledLists.set(drugs, compiled);
  return compiled;
}

function codeKeys(system: string, code: string): string[] {
  return system === SYSTEMS.ndc ? ndcProductKeys(code).map((k) => `ndc|${k}`) : [`${system}|${code.trim()}`];
}

/**
 * The drugs a medication concept names (clinical-criteria 6): ingredient codes and curated product codes first, then
 * ingredient and brand names as whole words in text and displays. A combination product yields every ingredient;
 * each says how it matched.
 */
export function matchDrugs<T extends MatchableDrug>(concepts: CodeableConcept[], drugs: T[]): DrugMatch<T>[] {
  const list = compile(drugs);
  const found = new Map<T, 'code' | 'name'>();
  for (const c of codingsOf(concepts)) {
    if (typeof c.code !== 'string') continue;
    for (const key of codeKeys(normalizeSystem(c.system), c.code)) {
      for (const drug of list.codes.get(key) ?? []) found.set(drug, 'code');
    }
  }
  for (const text of textsOf(concepts)) {
    for (const m of text.matchAll(list.names)) {
      for (const drug of list.byName.get(normalName(m[0])) ?? []) if (!found.has(drug)) found.set(drug, 'name');
    }
  }
  // In catalogue order, so results do not depend on the order of codings and texts.
  return drugs.filter((d) => found.has(d)).map((drug) => ({ drug, matchedBy: found.get(drug)! }));
}

/** The class-map ingredients (preventive and acute) a concept names. */
export function matchIngredients(concepts: CodeableConcept[]): DrugMatch<DrugIngredient>[] {
  return matchDrugs(concepts, medicationTerminology().drugs.ingredients);
}
