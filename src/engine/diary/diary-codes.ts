import type { CodeableConcept } from '@medplum/fhirtypes';
import { codingsOf, normalizeCode, normalizeSystem } from '../fhir/codeable-concept.ts';
import { matchValueSet } from '../terminology/value-set-match.ts';
import { valueSet } from '../terminology/value-sets.ts';
import { conceptMemo } from './concept-memo.ts';
import { diaryRules } from './diary-rules.ts';

/** Codes of the monthly summaries (clinical-rules 2.1, shape 2). */
export const SUMMARY_CODES = ['headache-days', 'migraine-days', 'acute-medication-days'] as const;
export type SummaryCode = (typeof SUMMARY_CODES)[number];
export type ScoreCode = 'midas-score' | 'hit6-score';

/** What a diary Observation is, by its code. Codes live in the `diary-*` value sets so that sites can map their own. */
export type DiaryKind =
  | { shape: 'daily'; migraine: boolean }
  | { shape: 'summary'; code: SummaryCode }
  | { shape: 'score'; code: ScoreCode }
  /** A daily acute-medication record (3.0): not a diary entry (clinical-rules 11.1). */
  | { shape: 'acute' };

const SUMMARY_SETS: Record<SummaryCode, string> = {
  'headache-days': 'diary-headache-days',
  'migraine-days': 'diary-migraine-days',
  'acute-medication-days': 'diary-acute-medication-days',
};
const SCORE_SETS: Record<ScoreCode, string> = { 'midas-score': 'diary-midas-score', 'hit6-score': 'diary-hit6-score' };

/** Exact codes of a diary value set as `system|code` keys; sets with prefix or text rules also go through matchValueSet. */
interface CompiledSet {
  keys: Set<string>;
  needsFullMatch: boolean;
}
const compiled = new Map<string, CompiledSet>();

function compiledSet(id: string): CompiledSet {
  let c = compiled.get(id);
  if (!c) {
    const set = valueSet(id);
    c = {
      keys: new Set(
        set.include
          .filter((i) => i.match !== 'prefix')
          .map((i) => `${normalizeSystem(i.system)}|${normalizeCode(normalizeSystem(i.system), i.code)}`),
      ),
      needsFullMatch: set.text.length > 0 || set.include.some((i) => i.match === 'prefix'),
    };
    compiled.set(id, c);
  }
  return c;
}

/** Normalised `system|code` per raw pair: few distinct codes, hundreds of entries. */
const keyCache = new Map<string, string>();

/** `system|code` keys of a concept, normalised as the value-set matcher does. */
function keysOf(concept: CodeableConcept | undefined): string[] {
  const keys: string[] = [];
  for (const c of codingsOf(concept)) {
    if (typeof c.code !== 'string') continue;
    const raw = `${c.system ?? ''}|${c.code}`;
    let key = keyCache.get(raw);
    if (key === undefined) {
      const system = normalizeSystem(c.system);
      key = `${system}|${normalizeCode(system, c.code)}`;
      if (keyCache.size < 10_000) keyCache.set(raw, key);
    }
    keys.push(key);
  }
  return keys;
}

/** Value-set membership; exact codes are looked up directly (diary data is read per entry, hundreds per record). */
function inSet(concept: CodeableConcept | undefined, id: string, keys: string[] = keysOf(concept)): boolean {
  const c = compiledSet(id);
  if (keys.some((k) => c.keys.has(k))) return true;
  return c.needsFullMatch && matchValueSet(concept, valueSet(id)) !== undefined;
}

/** Classifies an Observation code; summaries and scores are tried before daily entries; `undefined` = not diary data. */
export function diaryKindOf(code: CodeableConcept | undefined): DiaryKind | undefined {
  if (!code || typeof code !== 'object') return undefined;
  return memoKind(code) ?? undefined;
}

/** Across calls: a diary repeats the same few codes (with the same texts) on every entry. */
const memoKind = conceptMemo((code) => classifyDiaryCode(code) ?? null);

function classifyDiaryCode(code: CodeableConcept): DiaryKind | undefined {
  const keys = keysOf(code);
  for (const c of Object.keys(SUMMARY_SETS) as SummaryCode[]) {
    if (inSet(code, SUMMARY_SETS[c], keys)) return { shape: 'summary', code: c };
  }
  for (const c of Object.keys(SCORE_SETS) as ScoreCode[]) {
    if (inSet(code, SCORE_SETS[c], keys)) return { shape: 'score', code: c };
  }
  if (inSet(code, 'diary-acute-medication-taken', keys)) return { shape: 'acute' };
  if (inSet(code, 'diary-migraine-entry', keys)) return { shape: 'daily', migraine: true };
  if (inSet(code, 'diary-headache-entry', keys)) return { shape: 'daily', migraine: false };
  return undefined;
}

const memoDuration = conceptMemo((code) => inSet(code, 'diary-headache-duration'));
const memoSeverity = conceptMemo((code) => inSet(code, 'diary-headache-severity'));
const memoAcuteTaken = conceptMemo((code) => inSet(code, 'diary-acute-medication-taken'));

/** A component (or Observation code) `acute-medication-taken` (clinical-rules 2.1, 3.0). */
export function isAcuteTakenCode(code: CodeableConcept | undefined): boolean {
  return code && typeof code === 'object' ? memoAcuteTaken(code) : false;
}

export function isDurationComponent(code: CodeableConcept | undefined): boolean {
  return code && typeof code === 'object' ? memoDuration(code) : inSet(code, 'diary-headache-duration');
}

export function isSeverityComponent(code: CodeableConcept | undefined): boolean {
  return code && typeof code === 'object' ? memoSeverity(code) : inSet(code, 'diary-headache-severity');
}

/** The acute medication class a component of `acute-medication-days` reports, per the overuse rules data. */
export function acuteClassOf(code: CodeableConcept | undefined): string | undefined {
  const keys = keysOf(code);
  return diaryRules.overuse.classes.find((c) => inSet(code, c.valueSet, keys))?.class;
}
