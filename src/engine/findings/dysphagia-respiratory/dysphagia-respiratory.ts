import type { Condition, Resource } from '@medplum/fhirtypes';
import { refsOf } from '../../fhir/reference.ts';
import type { FindingResult } from '../../types.ts';
import { conditionsIn, describeCondition, newestFirst } from '../condition-findings.ts';
import type { FindingModule } from '../finding-module.ts';
import { effectResources, postInjectionEffects } from '../prior-toxin-adverse-effect/post-injection-effects.ts';

/**
 * `dysphagia-respiratory` (caution; boxed warning): dysphagia or chronic respiratory failure under the general
 * Condition rule (clinical-rules 11.8: no clinicalStatus exception). A dysphagia dated 0-28 days after a toxin
 * injection is `prior-toxin-adverse-effect` instead (11.10): `postInjection` lists those records.
 */
export function dysphagiaRespiratoryFinding(
  conditions: Condition[],
  siteTimeZone: string,
  postInjection: Set<Resource> = new Set(),
): FindingResult | undefined {
  const hits = newestFirst(
    conditionsIn(conditions, 'dysphagia-respiratory').filter((c) => !postInjection.has(c)),
    siteTimeZone,
  );
  if (!hits.length) return undefined;
  return {
    id: 'dysphagia-respiratory',
    severity: 'caution',
    evidence: refsOf(hits),
    summary: `${hits.map((c) => describeCondition(c, siteTimeZone)).join('; ')}: risk of aspiration and breathing difficulty from toxin spread (boxed warning)`,
  };
}

export const dysphagiaRespiratoryModule: FindingModule = {
  id: 'dysphagia-respiratory',
  severity: 'caution',
  label: 'Dysphagia or respiratory compromise',
  source: 'BOTOX PI boxed warning and warnings; clinical-rules 3, 11.8, 11.10 (codes: verify)',
  detect: (input) =>
    dysphagiaRespiratoryFinding(
      input.record.conditions,
      input.ctx.siteTimeZone,
      effectResources(postInjectionEffects(input)),
    ),
};
