import type { CriterionResult, EvaluationContext } from '../types.ts';
import type { PreventiveTrial } from './preventive-trials.ts';

const OUTCOME_WORDS: Record<PreventiveTrial['outcome'], string> = {
  'inadequate-response': 'inadequate response',
  intolerance: 'intolerance',
  contraindicated: 'contraindicated',
  ongoing: 'ongoing',
  unknown: 'outcome not documented',
};

/** A trial that would count as failed if its missing outcome or dates were documented. */
function couldFail(t: PreventiveTrial): boolean {
  if (t.failed) return false;
  if (t.outcome === 'unknown' || t.outcome === 'ongoing') return true;
  return t.outcome === 'inadequate-response' && t.lengthDays === undefined;
}

/** Distinct ingredients and classes among `trials` (the failed ones, for the requirement). */
export function failedTally(trials: PreventiveTrial[]) {
  return {
    ingredients: new Set(trials.map((t) => t.ingredient)).size,
    classes: new Set(trials.map((t) => t.class)).size,
  };
}

/**
 * One trial as the card lists it. clinical-rules 6: "say in the card which way each drug matched": a drug found by
 * its ingredient or brand name (no catalogued code) is marked "(matched by name)"; unmarked ones matched by code.
 */
function describe(t: PreventiveTrial): string {
  const matched = t.matchedBy === 'name' ? ' (matched by name)' : '';
  const span = t.start ? ` ${t.start} to ${t.end ?? '?'}` : ' (undated)';
  const length = t.lengthDays !== undefined ? `, ${t.lengthDays} days` : '';
  const outcome = t.inferred ? 'failure inferred: confirm with the patient' : OUTCOME_WORDS[t.outcome];
  return `${t.ingredient}${matched}${span}${length}: ${outcome}`;
}

function needs(t: PreventiveTrial, minTrialDays: number): string {
  const base = `${t.ingredient}${t.start ? ` (from ${t.start})` : ''}`;
  if (t.outcome === 'ongoing')
    return `${base}: ongoing; document the response after >= ${minTrialDays} days (or intolerance)`;
  if (t.outcome === 'inadequate-response')
    return `${base}: document start and end dates (inadequate response counts after >= ${minTrialDays} days)`;
  return `${base}: document the outcome (inadequate response, intolerance or contraindication)${t.lengthDays === undefined ? ' and the dates' : ''}`;
}

/**
 * `preventive-failures` (clinical-rules 3): met with >= minFailedPreventives failed ingredients in >=
 * minDistinctClasses classes; unmet when trials are documented and the requirement cannot be reached even if every
 * trial with an unknown outcome or length failed; unknown otherwise, including when no trial is documented.
 */
export function preventiveCriterion(trials: PreventiveTrial[], ctx: EvaluationContext): CriterionResult {
  const p = ctx.policy;
  const rule = `${p.minFailedPreventives} failed preventives from ${p.minDistinctClasses} classes, each >= ${p.minTrialDays} days unless not tolerated or contraindicated`;
  const failed = trials.filter((t) => t.failed);
  const now = failedTally(failed);
  const best = failedTally([...failed, ...trials.filter(couldFail)]);
  const evidence = evidenceOf(trials);
  const listed = trials.length ? `: ${trials.map(describe).join('; ')}` : '';
  const tallied = `${plural(now.ingredients, 'failed preventive')} in ${plural(now.classes, 'class', 'classes')}${listed}`;
  // Met: the criterion's label already states the requirement; otherwise the line says what the policy asks.
  if (reached(now, p)) return result(evidence, 'met', tallied);
  const summary = `${tallied} (policy: ${rule})`;
  const missing = trials.filter(couldFail).map((t) => needs(t, p.minTrialDays));
  if (!trials.length) {
    return result(evidence, 'unknown', `No preventive trial documented (policy: ${rule})`, [
      `Document preventive trials: ${rule}, with their outcome`,
    ]);
  }
  const shortfall = `Needs ${rule}; documented: ${now.ingredients} failed in ${plural(now.classes, 'class', 'classes')}`;
  if (!reached(best, p)) return result(evidence, 'unmet', summary, [...missing, shortfall]);
  return result(evidence, 'unknown', summary, [...missing, shortfall]);
}

/** "1 class", "2 classes" (clinical-rules 8). */
function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function reached(n: { ingredients: number; classes: number }, p: EvaluationContext['policy']): boolean {
  return n.ingredients >= p.minFailedPreventives && n.classes >= p.minDistinctClasses;
}

/** The evidence of every trial, each ref once, in trial order. */
function evidenceOf(trials: PreventiveTrial[]): string[] {
  const refs = new Set<string>();
  for (const t of trials) for (const ref of t.evidence) refs.add(ref);
  return [...refs];
}

function result(
  evidence: string[],
  status: CriterionResult['status'],
  summary: string,
  missing?: string[],
): CriterionResult {
  const criterion: CriterionResult = { id: 'preventive-failures', basis: ['coverage'], evidence, status, summary };
  if (missing) criterion.missing = missing;
  return criterion;
}
