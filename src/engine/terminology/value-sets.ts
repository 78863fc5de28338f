import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ValueSet, valueSetSchema } from './value-set-schema.ts';

const DIR = resolve(import.meta.dirname, '../../terminology/value-sets');

let cache: Map<string, ValueSet> | undefined;

/** Loads and validates every value set file once (src/terminology/value-sets/*.json); a bad file fails at start-up. */
export function allValueSets(): Map<string, ValueSet> {
  if (cache) return cache;
  const sets = new Map<string, ValueSet>();
  for (const file of readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const parsed = valueSetSchema.safeParse(JSON.parse(readFileSync(resolve(DIR, file), 'utf8')));
    if (!parsed.success) {
      throw new Error(
        `Value set ${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    if (`${parsed.data.id}.json` !== file) throw new Error(`Value set ${file} declares id "${parsed.data.id}"`);
    sets.set(parsed.data.id, parsed.data);
  }
  cache = sets;
  return sets;
}

/** One value set by id; throws for an unknown id (a programming error, caught by tests). */
export function valueSet(id: string): ValueSet {
  const set = allValueSets().get(id);
  if (!set) throw new Error(`Unknown value set "${id}"`);
  return set;
}
