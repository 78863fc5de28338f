import type { CodeableConcept } from '@medplum/fhirtypes';
import { boundedMemo, MAX_MEMO_TEXT } from '../bounded-memo.ts';
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
  /**
   * System -> code -> the drugs carrying it; NDC codes under `ndc`, by labeler+product. Looked up without building a
   * `system|code` string per coding; the same matches as such strings, since no catalogue system or code holds a `|`.
   */
  codes: Map<string, Map<string, T[]>>;
  /** Each drug's first position in the list, to put matches in catalogue order. */
  position: Map<T, number>;
  /**
   * The drugs named in a text, found with every name and brand of the list in one whole-word pattern; memoised for
   * lists of several drugs, whose pattern is long and whose texts recur.
   */
  namedIn: (text: string) => T[];
}

const compiledLists = new WeakMap<object, CompiledList<MatchableDrug>>();

const normalName = (name: string) => name.toLowerCase().replace(/[\s-]+/g, '');

function add<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

/** The key under which NDC product codes are filed (the prefix of their former `ndc|labeler+product` keys). */
const NDC_KEY = 'ndc';

function addCode<V>(codes: Map<string, Map<string, V[]>>, system: string, code: string, value: V) {
  let bySystem = codes.get(system);
  if (!bySystem) {
    bySystem = new Map();
    codes.set(system, bySystem);
  }
  add(bySystem, code, value);
}

function compile<T extends MatchableDrug>(drugs: T[]): CompiledList<T> {
  const cached = compiledLists.get(drugs);
  if (cached) return cached as CompiledList<T>;
  const codes = new Map<string, Map<string, T[]>>();
  const byName = new Map<string, T[]>();
  const position = new Map<T, number>();
  const patterns: string[] = [];
  for (const drug of drugs) {
    if (!position.has(drug)) position.set(drug, position.size);
    for (const c of [...(drug.codes ?? []), ...(drug.productCodes ?? [])]) {
      const system = normalizeSystem(c.system);
      if (system === SYSTEMS.ndc) for (const k of ndcProductKeys(c.code)) addCode(codes, NDC_KEY, k, drug);
      else addCode(codes, system, c.code.trim(), drug);
    }
    for (const name of [...drug.names, ...(drug.brands ?? [])]) {
      add(byName, normalName(name), drug);
      patterns.push(wholeWordBody(name));
    }
  }
  // Longest first, so that "divalproex sodium" wins over "divalproex" at the same position.
  patterns.sort((a, b) => b.length - a.length);
  const names = new RegExp(`(?<![A-Za-z0-9])(?:${patterns.join('|')})(?![A-Za-z0-9])`, 'gi');
  const named = (text: string): T[] => {
    const found: T[] = [];
    // The matches `text.matchAll(names)` gives, without the copy of the pattern matchAll makes on every call.
    names.lastIndex = 0;
    for (let m = names.exec(text); m; m = names.exec(text)) {
      if (m[0] === '') names.lastIndex++;
      for (const drug of byName.get(normalName(m[0])) ?? []) if (!found.includes(drug)) found.push(drug);
    }
    return found;
  };
  const memo = drugs.length > 1 ? boundedMemo(named, 1_000, MAX_MEMO_TEXT) : undefined;
  const compiled: CompiledList<T> = {
    codes,
    position,
    namedIn: memo ?? named,
  };
  compiledLists.set(drugs, compiled);
  return compiled;
}

/** One-drug lists, one per drug, so that matching a single drug compiles its pattern once. */
const singleDrugLists = new WeakMap<MatchableDrug, MatchableDrug[]>();

/** Adds the drugs of the list that carry `system|code` to `found`, as matched by code. */
function addCodeMatches<T>(list: CompiledList<T>, system: string, code: string, found: Map<T, 'code' | 'name'>) {
  if (system === SYSTEMS.ndc) {
    const ndc = list.codes.get(NDC_KEY);
    if (!ndc) return;
    for (const k of ndcProductKeys(code)) for (const drug of ndc.get(k) ?? []) found.set(drug, 'code');
    return;
  }
  const drugs = list.codes.get(system)?.get(code.trim());
  if (drugs) for (const drug of drugs) found.set(drug, 'code');
}

/**
 * The drugs a medication concept names (clinical-rules 6): ingredient codes and curated product codes first, then
 * ingredient and brand names as whole words in text and displays. A combination product yields every ingredient;
 * each says how it matched.
 */
export function matchDrugs<T extends MatchableDrug>(concepts: CodeableConcept[], drugs: T[]): DrugMatch<T>[] {
  const list = compile(drugs);
  const found = new Map<T, 'code' | 'name'>();
  for (const c of codingsOf(concepts)) {
    if (typeof c.code !== 'string') continue;
    addCodeMatches(list, normalizeSystem(c.system), c.code, found);
  }
  for (const text of textsOf(concepts)) {
    for (const drug of list.namedIn(text)) if (!found.has(drug)) found.set(drug, 'name');
  }
  if (!found.size) return [];
  if (found.size === 1) for (const [drug, matchedBy] of found) return [{ drug, matchedBy }];
  // In catalogue order, so results do not depend on the order of codings and texts.
  return [...found.keys()]
    .sort((a, b) => list.position.get(a)! - list.position.get(b)!)
    .map((drug) => ({ drug, matchedBy: found.get(drug)! }));
}

/** Whether a concept names this one drug (by code or name), as `matchDrugs(concepts, [drug])` finds it. */
export function namesDrug(concepts: CodeableConcept[], drug: MatchableDrug): boolean {
  let list = singleDrugLists.get(drug);
  if (!list) {
    list = [drug];
    singleDrugLists.set(drug, list);
  }
  return matchDrugs(concepts, list).length > 0;
}

/** The class-map ingredients (preventive and acute) a concept names. */
export function matchIngredients(concepts: CodeableConcept[]): DrugMatch<DrugIngredient>[] {
  return matchDrugs(concepts, medicationTerminology().drugs.ingredients);
}
