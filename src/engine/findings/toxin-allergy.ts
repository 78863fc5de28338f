import type { AllergyIntolerance } from '@medplum/fhirtypes';
import { allergyCounts } from '../fhir/allergy-status.ts';
import { conceptLabel } from '../fhir/codeable-concept.ts';
import { refsOf } from '../fhir/reference.ts';
import { matchValueSet } from '../terminology/value-set-match.ts';
import { valueSet } from '../terminology/value-sets.ts';
import type { FindingResult } from '../types.ts';

function isToxinOrExcipient(a: AllergyIntolerance): 'toxin' | 'albumin' | undefined {
  const concepts = [a.code, ...(a.reaction ?? []).map((r) => r.substance)].filter((c) => c !== undefined);
  if (matchValueSet(concepts, valueSet('botulinum-toxin-allergens'))) return 'toxin';
  if (matchValueSet(concepts, valueSet('human-albumin-allergens'))) return 'albumin';
  return undefined;
}

/**
 * A non-allergic reaction after a previous injection: type `intolerance` and every recorded manifestation is one of
 * ptosis, neck weakness or dysphagia. Without recorded manifestations we cannot tell it is not allergic, so it stays a
 * hypersensitivity (the safer reading).
 */
function isPriorAdverseEffect(a: AllergyIntolerance): boolean {
  if (a.type !== 'intolerance') return false;
  const manifestations = (a.reaction ?? []).flatMap((r) => r.manifestation ?? []);
  if (manifestations.length === 0) return false;
  const set = valueSet('toxin-adverse-effect-manifestations');
  return manifestations.every((m) => matchValueSet(m, set) !== undefined);
}

/**
 * `hypersensitivity` (contraindication: BOTOX PI) for any botulinum toxin product or human albumin, and
 * `prior-toxin-adverse-effect` (caution) for a non-allergic reaction after a previous injection.
 */
export function toxinAllergyFindings(allergies: AllergyIntolerance[]): FindingResult[] {
  const hypersensitive: AllergyIntolerance[] = [];
  const adverse: AllergyIntolerance[] = [];
  for (const a of allergies) {
    if (!allergyCounts(a)) continue;
    const kind = isToxinOrExcipient(a);
    if (!kind) continue;
    if (kind === 'toxin' && isPriorAdverseEffect(a)) adverse.push(a);
    else hypersensitive.push(a);
  }
  const findings: FindingResult[] = [];
  if (hypersensitive.length) {
    findings.push({
      id: 'hypersensitivity',
      severity: 'contraindication',
      evidence: refsOf(hypersensitive),
      summary: `Hypersensitivity recorded: ${hypersensitive.map((a) => conceptLabel(a.code)).join('; ')} (contraindication, BOTOX PI)`,
    });
  }
  if (adverse.length) {
    const reactions = adverse.flatMap((a) =>
      (a.reaction ?? []).flatMap((r) => (r.manifestation ?? []).map((m) => conceptLabel(m))),
    );
    findings.push({
      id: 'prior-toxin-adverse-effect',
      severity: 'caution',
      evidence: refsOf(adverse),
      summary: `Non-allergic reaction after a previous toxin injection (${[...new Set(reactions)].join(', ')}): review dose and sites`,
    });
  }
  return findings;
}
