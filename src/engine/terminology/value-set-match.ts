import type { CodeableConcept } from '@medplum/fhirtypes';
import { codingsOf, normalizeCode, normalizeSystem, textsOf } from '../fhir/codeable-concept.ts';
import type { ValueSet } from './value-set-schema.ts';

export interface ValueSetMatch {
  valueSet: string;
  by: 'code' | 'text';
  /** `system|code` for a code match, the matched text for a text match. */
  matched: string;
  /** The matched entry (or the whole value set) still awaits confirmation. */
  verify: boolean;
  /** For a code match: the display the value set gives the matched entry, else the code as recorded. */
  display?: string;
}

interface CompiledValueSet {
  set: ValueSet;
  exact: Map<string, { verify: boolean; display?: string }>;
  prefixes: { system: string; prefix: string; verify: boolean; display?: string }[];
  patterns: { re: RegExp; verify: boolean }[];
  exclude: RegExp[];
}

const compiled = new WeakMap<ValueSet, CompiledValueSet>();

function compile(set: ValueSet): CompiledValueSet {
  let c = compiled.get(set);
  if (c) return c;
  const exact: CompiledValueSet['exact'] = new Map();
  const prefixes: CompiledValueSet['prefixes'] = [];
  for (const inc of set.include) {
    const system = normalizeSystem(inc.system);
    const code = normalizeCode(system, inc.code);
    const verify = inc.verify ?? set.verify;
    const display = inc.display ? { display: inc.display } : {};
    if (inc.match === 'prefix') prefixes.push({ system, prefix: code, verify, ...display });
    else exact.set(`${system}|${code}`, { verify, ...display });
  }
  c = {
    set,
    exact,
    prefixes,
    patterns: set.text.map((t) => ({ re: new RegExp(t.pattern, 'i'), verify: t.verify ?? set.verify })),
    exclude: set.excludeText.map((t) => new RegExp(t, 'i')),
  };
  compiled.set(set, c);
  return c;
}

/** What a match depends on: every coding's system, code and display, and the texts. */
function signatureOf(concepts: CodeableConcept | CodeableConcept[] | undefined): string {
  if (!concepts) return '';
  if (Array.isArray(concepts)) return computeSignature(concepts);
  // One concept is usually matched against several value sets, in a row or in turns with a few others: the
  // signatures of the last few concepts are kept, found by identity.
  for (let i = 0; i < RECENT; i++) if (recentConcepts[i] === concepts) return recentSignatures[i]!;
  const signature = computeSignature(concepts);
  recentConcepts[nextSlot] = concepts;
  recentSignatures[nextSlot] = signature;
  nextSlot = (nextSlot + 1) % RECENT;
  return signature;
}

const RECENT = 8;
const recentConcepts: (CodeableConcept | undefined)[] = new Array(RECENT).fill(undefined);
const recentSignatures: string[] = new Array(RECENT).fill('');
let nextSlot = 0;

function computeSignature(concepts: CodeableConcept | CodeableConcept[]): string {
  let signature = '';
  for (const coding of codingsOf(concepts)) {
    signature += `\u0001${coding.system ?? ''}\u0002${coding.code ?? ''}\u0002${coding.display ?? ''}`;
  }
  for (const text of textsOf(concepts)) signature += `\u0003${text}`;
  return signature;
}

const memos = new WeakMap<ValueSet, Map<string, ValueSetMatch | null>>();
const MAX_MEMO = 20_000;

/**
 * Matches codes first, then text; `undefined` when the concept is not in the value set. Memoised per value set on the
 * concept's codes and texts: a diary repeats the same few codes thousands of times.
 */
export function matchValueSet(
  concepts: CodeableConcept | CodeableConcept[] | undefined,
  set: ValueSet,
): ValueSetMatch | undefined {
  let memo = memos.get(set);
  if (!memo) {
    memo = new Map();
    memos.set(set, memo);
  }
  const signature = signatureOf(concepts);
  const hit = memo.get(signature);
  if (hit !== undefined) return hit ?? undefined;
  const result = computeMatch(concepts, set);
  if (memo.size >= MAX_MEMO) memo.clear();
  memo.set(signature, result ?? null);
  return result;
}

function computeMatch(
  concepts: CodeableConcept | CodeableConcept[] | undefined,
  set: ValueSet,
): ValueSetMatch | undefined {
  const c = compile(set);
  const texts = textsOf(concepts);
  if (c.exclude.length && texts.some((t) => c.exclude.some((re) => re.test(t)))) return undefined;
  for (const coding of codingsOf(concepts)) {
    if (typeof coding.code !== 'string') continue;
    const system = normalizeSystem(coding.system);
    const code = normalizeCode(system, coding.code);
    const entry =
      c.exact.get(`${system}|${code}`) ?? c.prefixes.find((p) => p.system === system && code.startsWith(p.prefix));
    if (entry) {
      const display = entry.display ?? coding.code.trim();
      return { valueSet: set.id, by: 'code', matched: `${system}|${coding.code}`, verify: entry.verify, display };
    }
  }
  for (const text of texts) {
    const pattern = c.patterns.find((p) => p.re.test(text));
    if (pattern) return { valueSet: set.id, by: 'text', matched: text, verify: pattern.verify };
  }
  return undefined;
}

/**
 * Matches a diagnosis (a Condition's code). Where the set lists a system's codes completely
 * (`decidesDiagnosesCodedIn`: ICD-10-CM for migraine and chronic migraine, clinical-rules 3 and 7), a diagnosis
 * coded in that system is decided by its code: "Family history of migraine" on Z82.0, or "Episodic migraine (no
 * longer chronic migraine)" on G43.009, is not read as its text. Otherwise as `matchValueSet`.
 */
export function matchDiagnosis(concept: CodeableConcept | undefined, set: ValueSet): ValueSetMatch | undefined {
  const match = matchValueSet(concept, set);
  if (match?.by !== 'text' || !set.decidesDiagnosesCodedIn.length) return match;
  const decisive = set.decidesDiagnosesCodedIn.map(normalizeSystem);
  const coded = codingsOf(concept).some(
    (coding) => typeof coding.code === 'string' && decisive.includes(normalizeSystem(coding.system)),
  );
  return coded ? undefined : match;
}
