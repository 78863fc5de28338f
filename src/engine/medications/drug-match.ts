import type { CodeableConcept } from '@medplum/fhirtypes';
import { codingsOf, normalizeSystem, SYSTEMS, textsOf } from '../fhir/codeable-concept.ts';
import { medicationTerminology } from './drug-catalog.ts';
import type { DrugIngredient } from './drug-catalog-schema.ts';
import { ndcProductKeys } from './ndc-product.ts';
import { wholeWordPattern } from './whole-word.ts';

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

interface Compiled<T> {
  drug: T;
  codes: Set<string>;
  ndcKeys: Set<string>;
  names: RegExp[];
}

const compiledLists = new WeakMap<object, Compiled<MatchableDrug>[]>();

function compile<T extends MatchableDrug>(drugs: T[]): Compiled<T>[] {
  const cached = compiledLists.get(drugs);
  if (cached) return cached as Compiled<T>[];
  const list = drugs.map((drug) => {
    const codes = new Set<string>();
    const ndcKeys = new Set<string>();
    for (const c of [...(drug.codes ?? []), ...(drug.productCodes ?? [])]) {
      const system = normalizeSystem(c.system);
      if (system === SYSTEMS.ndc) for (const k of ndcProductKeys(c.code)) ndcKeys.add(k);
      else codes.add(`${system}|${c.code.trim()}`);
    }
    return { drug, codes, ndcKeys, names: [...drug.names, ...(drug.brands ?? [])].map(wholeWordPattern) };
  });
  compiledLists.set(drugs, list);
  return list;
}

/**
 * The drugs a medication concept names (clinical-criteria 6): ingredient codes and curated product codes first, then
 * ingredient and brand names as whole words in text and displays. A combination product yields every ingredient;
 * each says how it matched.
 */
export function matchDrugs<T extends MatchableDrug>(concepts: CodeableConcept[], drugs: T[]): DrugMatch<T>[] {
  const codings = codingsOf(concepts).filter((c) => typeof c.code === 'string');
  const texts = textsOf(concepts);
  const matches: DrugMatch<T>[] = [];
  for (const entry of compile(drugs)) {
    const byCode = codings.some((c) => {
      const system = normalizeSystem(c.system);
      if (system === SYSTEMS.ndc) return ndcProductKeys(c.code as string).some((k) => entry.ndcKeys.has(k));
      return entry.codes.has(`${system}|${(c.code as string).trim()}`);
    });
    if (byCode) matches.push({ drug: entry.drug, matchedBy: 'code' });
    else if (texts.some((t) => entry.names.some((re) => re.test(t))))
      matches.push({ drug: entry.drug, matchedBy: 'name' });
  }
  return matches;
}

/** The class-map ingredients (preventive and acute) a concept names. */
export function matchIngredients(concepts: CodeableConcept[]): DrugMatch<DrugIngredient>[] {
  return matchDrugs(concepts, medicationTerminology().drugs.ingredients);
}
