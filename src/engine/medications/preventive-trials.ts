import type { AllergyIntolerance } from '@medplum/fhirtypes';
import { addDays, daysBetween } from '../dates.ts';
import { allergyCounts } from '../fhir/allergy-status.ts';
import { refOf } from '../fhir/reference.ts';
import type { EvaluationContext } from '../types.ts';
import type { DrugIngredient } from './drug-catalog-schema.ts';
import { namesDrug } from './drug-match.ts';
import type { PreventiveRecord } from './preventive-records.ts';
import { strongestOutcome } from './trial-outcome.ts';

/** One episode of one preventive ingredient (clinical-rules 2.2). */
export interface PreventiveTrial {
  ingredient: string;
  /** The class it counts in under the policy (`cgrp-pathway`, or `cgrp-antibody`/`gepant` when split). */
  class: string;
  start?: string;
  end?: string;
  lengthDays?: number;
  outcome: 'inadequate-response' | 'intolerance' | 'contraindicated' | 'ongoing' | 'unknown';
  failed: boolean;
  /** Failure inferred from continued use while chronic migraine was measured: "confirm with the patient". */
  inferred: boolean;
  matchedBy: 'code' | 'name';
  evidence: string[];
}

/** Records of one ingredient this many days apart or closer are one episode. */
const MERGE_GAP_DAYS = 30;

/** The class an ingredient counts in: CGRP antibodies and gepants are one class unless the policy splits them. */
export function classOf(ing: DrugIngredient, cgrpPathwayOneClass: boolean): string {
  return !cgrpPathwayOneClass && ing.subclass ? ing.subclass : ing.class;
}

/**
 * Merges records of the same ingredient that overlap or are <= 30 days apart into episodes (earliest start, latest
 * known end), then settles each episode's outcome and whether it failed. Undated records of an ingredient form one
 * episode of their own: they cannot be placed in time, so their length stays unknown.
 */
export function buildTrials(
  records: PreventiveRecord[],
  allergies: AllergyIntolerance[],
  ctx: EvaluationContext,
  chronicMigraineMeasuredFrom: string | undefined,
): PreventiveTrial[] {
  const byIngredient = new Map<string, PreventiveRecord[]>();
  for (const r of records) byIngredient.set(r.ingredient.id, [...(byIngredient.get(r.ingredient.id) ?? []), r]);
  const trials: PreventiveTrial[] = [];
  for (const group of byIngredient.values()) {
    const ingredient = group[0]!.ingredient;
    const allergyRefs = allergies
      .filter((a) => allergyCounts(a) && namesDrug(a.code ? [a.code] : [], ingredient))
      .map((a) => refOf(a) ?? 'AllergyIntolerance');
    for (const episode of episodesOf(group)) {
      trials.push(settle(episode, ingredient, allergyRefs, ctx, chronicMigraineMeasuredFrom));
    }
  }
  return trials.sort(
    (a, b) => (a.start ?? '9999').localeCompare(b.start ?? '9999') || a.ingredient.localeCompare(b.ingredient),
  );
}

function episodesOf(group: PreventiveRecord[]): PreventiveRecord[][] {
  const dated = group.filter((r) => r.start).sort((a, b) => a.start!.localeCompare(b.start!));
  const undated = group.filter((r) => !r.start);
  const episodes: PreventiveRecord[][] = [];
  let current: PreventiveRecord[] = [];
  let reach = '';
  for (const r of dated) {
    if (current.length && daysBetween(reach, r.start!) <= MERGE_GAP_DAYS) current.push(r);
    else {
      if (current.length) episodes.push(current);
      current = [r];
      reach = '';
    }
    const recordReach = r.end ?? r.start!;
    if (recordReach > reach) reach = recordReach;
  }
  if (current.length) episodes.push(current);
  if (undated.length) episodes.push(undated);
  return episodes;
}

function settle(
  episode: PreventiveRecord[],
  ingredient: DrugIngredient,
  allergyRefs: string[],
  ctx: EvaluationContext,
  measuredFrom: string | undefined,
): PreventiveTrial {
  const p = ctx.policy;
  const starts = episode.map((r) => r.start).filter((d): d is string => !!d);
  const start = starts.sort()[0];
  const knownEnds = episode
    .map((r) => r.end)
    .filter((d): d is string => !!d)
    .sort();
  const latestEnd = knownEnds.at(-1);
  // The end is known only when every record without an end lies within it (else the drug may have run on).
  const endKnown = !!latestEnd && episode.every((r) => r.end || (r.start && r.start <= latestEnd));
  const end = endKnown ? latestEnd : undefined;
  const lengthDays = start && end ? Math.max(0, daysBetween(start, end)) : undefined;

  const statementOutcome = strongestOutcome(
    episode.filter((r) => r.resource.resourceType === 'MedicationStatement').map((r) => r.outcome),
  );
  const requestOutcome = strongestOutcome(episode.map((r) => r.outcome));
  const stated = strongestOutcome([statementOutcome ?? requestOutcome, allergyRefs.length ? 'intolerance' : undefined]);
  const latest = [...episode].sort((a, b) => (a.start ?? '').localeCompare(b.start ?? '')).at(-1)!;
  const outcome: PreventiveTrial['outcome'] =
    stated ?? (latest.active && !episode.some((r) => r.statusUnclear) ? 'ongoing' : 'unknown');

  let failed = outcome === 'intolerance' || outcome === 'contraindicated';
  if (outcome === 'inadequate-response') failed = lengthDays !== undefined && lengthDays >= p.minTrialDays;
  let inferred = false;
  if (outcome === 'ongoing' && p.allowInferredFailures && start && end && lengthDays !== undefined) {
    const migraineReason = episode.some((r) => r.reason.kind === 'migraine');
    inferred =
      lengthDays >= p.minTrialDays &&
      !!measuredFrom &&
      measuredFrom >= addDays(start, p.minTrialDays) &&
      // Measured on the drug: the diary window starts while the drug was still being taken.
      end >= measuredFrom &&
      (migraineReason || p.inferFailureWithoutMigraineReason);
    failed = inferred;
  }
  const matchedBy = episode.some((r) => r.matchedBy === 'code') ? 'code' : 'name';
  const evidence = [
    ...new Set([
      ...episode.map((r) => r.evidence).filter((e): e is string => !!e),
      ...(outcome === 'intolerance' ? allergyRefs.filter((a) => a.includes('/')) : []),
    ]),
  ];
  return {
    ingredient: ingredient.name,
    class: classOf(ingredient, p.cgrpPathwayOneClass),
    ...(start ? { start } : {}),
    ...(end ? { end } : {}),
    ...(lengthDays !== undefined ? { lengthDays } : {}),
    outcome,
    failed,
    inferred,
    matchedBy,
    evidence,
  };
}
