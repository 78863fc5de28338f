import { refsOf } from '../../fhir/reference.ts';
import type { FindingResult } from '../../types.ts';
import type { FindingInput, FindingModule } from '../finding-module.ts';
import { adverseReactionLabels, sortToxinAllergies } from '../hypersensitivity/toxin-allergies.ts';
import { type PostInjectionEffect, postInjectionEffects } from './post-injection-effects.ts';

/** "after the cycle of 2026-08-01: Ptosis of eyelid (2026-08-10), Neck pain (2026-08-12)", one part per injection. */
function effectTexts(effects: PostInjectionEffect[]): string[] {
  const byInjection = new Map<string, string[]>();
  for (const e of effects) {
    const list = byInjection.get(e.after) ?? [];
    list.push(`${e.label} (${e.day ?? 'date not recorded'})`);
    byInjection.set(e.after, list);
  }
  return [...byInjection].map(([after, list]) => `after ${after}: ${[...new Set(list)].join(', ')}`);
}

/**
 * `prior-toxin-adverse-effect` (caution; clinical-rules 3, widened in 3.0): a non-allergic reaction recorded as a
 * toxin intolerance (AllergyIntolerance), or an effect recorded 0-28 days after a toxin injection (Condition,
 * Observation, AdverseEvent: post-injection-effects.ts). Shown on patient-view and order cards.
 */
export function priorToxinAdverseEffectFinding(input: FindingInput): FindingResult | undefined {
  const { adverse } = sortToxinAllergies(input.record.allergies);
  const effects = postInjectionEffects(input);
  if (!adverse.length && !effects.length) return undefined;
  const parts = [
    ...(adverse.length
      ? [`Non-allergic reaction after a previous toxin injection (${adverseReactionLabels(adverse).join(', ')})`]
      : []),
    ...effectTexts(effects),
  ];
  const text = parts.join('; ');
  return {
    id: 'prior-toxin-adverse-effect',
    severity: 'caution',
    evidence: [...new Set([...refsOf(adverse), ...effects.flatMap((e) => (e.evidence ? [e.evidence] : []))])],
    summary: `${text.charAt(0).toUpperCase()}${text.slice(1)}: review dose and sites`,
  };
}

export const priorToxinAdverseEffectModule: FindingModule = {
  id: 'prior-toxin-adverse-effect',
  severity: 'caution',
  label: 'Reaction after a previous toxin injection',
  source:
    'BOTOX PI 5.2, 6.1 (adverse reactions); clinical-rules 3 `prior-toxin-adverse-effect`, 11.10 (post-injection codes: verify)',
  detect: priorToxinAdverseEffectFinding,
};
