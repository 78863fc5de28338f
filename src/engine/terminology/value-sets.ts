import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ValueSet, valueSetSchema } from './value-set-schema.ts';

const DIR = resolve(import.meta.dirname, '../../terminology/value-sets');
/** A finding's own value sets live beside its detector: src/engine/findings/<finding>/<id>.value-set.json. */
const FINDINGS_DIR = resolve(import.meta.dirname, '../findings');
const FINDING_VALUE_SET = '.value-set.json';

let cache: Map<string, ValueSet> | undefined;

/** Every value set file: [path, the file name its id must give]. */
function valueSetFiles(): [string, string][] {
  const files: [string, string][] = readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [resolve(DIR, f), f]);
  for (const entry of readdirSync(FINDINGS_DIR, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = resolve(FINDINGS_DIR, entry.name);
    for (const f of readdirSync(dir)) if (f.endsWith(FINDING_VALUE_SET)) files.push([resolve(dir, f), f]);
  }
  return files.sort((a, b) => a[1].localeCompare(b[1]));
}

/**
 * Loads and validates every value set file once (src/terminology/value-sets/*.json and each finding's
 * *.value-set.json); a bad file, or two files with one id, fails at start-up.
 */
export function allValueSets(): Map<string, ValueSet> {
  if (cache) return cache;
  const sets = new Map<string, ValueSet>();
  for (const [path, file] of valueSetFiles()) {
    const parsed = valueSetSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) {
      throw new Error(
        `Value set ${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    const id = parsed.data.id;
    if (file !== `${id}.json` && file !== `${id}${FINDING_VALUE_SET}`)
      throw new Error(`Value set ${file} declares id "${id}"`);
    if (sets.has(id)) throw new Error(`Value set "${id}" is defined twice`);
    sets.set(id, parsed.data);
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
