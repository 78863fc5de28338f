import type { FindingId, FindingResult } from '../types.ts';
import { concurrentCgrpModule } from './concurrent-cgrp/concurrent-cgrp.ts';
import { dysphagiaRespiratoryModule } from './dysphagia-respiratory/dysphagia-respiratory.ts';
import type { FindingInput, FindingModule } from './finding-module.ts';
import { hypersensitivityModule } from './hypersensitivity/hypersensitivity.ts';
import { injectionSiteInfectionModule } from './injection-site-infection/injection-site-infection.ts';
import { medicationOveruseModule } from './medication-overuse/medication-overuse.ts';
import { neuromuscularBlockingDrugModule } from './neuromuscular-blocking-drug/neuromuscular-blocking-drug.ts';
import { neuromuscularDisorderModule } from './neuromuscular-disorder/neuromuscular-disorder.ts';
import { otherBotulinumToxinModule } from './other-botulinum-toxin/other-botulinum-toxin.ts';
import { pregnancyModule } from './pregnancy/pregnancy.ts';
import { priorToxinAdverseEffectModule } from './prior-toxin-adverse-effect/prior-toxin-adverse-effect.ts';

/**
 * Every finding the decision looks for, in the order the card and the extension list them (clinical-rules 3).
 * Adding one: docs/extending.md.
 */
export const FINDING_MODULES: readonly FindingModule[] = [
  hypersensitivityModule,
  priorToxinAdverseEffectModule,
  injectionSiteInfectionModule,
  neuromuscularDisorderModule,
  dysphagiaRespiratoryModule,
  pregnancyModule,
  concurrentCgrpModule,
  neuromuscularBlockingDrugModule,
  otherBotulinumToxinModule,
  medicationOveruseModule,
];

const BY_ID = new Map<string, FindingModule>(FINDING_MODULES.map((m) => [m.id, m]));

/** Runs every finding's detector; each result takes its module's id and severity. */
export function detectFindings(input: FindingInput): FindingResult[] {
  return FINDING_MODULES.flatMap((m) => {
    const found = m.detect(input);
    return found ? [{ ...found, id: m.id, severity: m.severity }] : [];
  });
}

/** The clinician-facing name of a finding, or undefined for an id that is not one (order checks have their own). */
export function findingLabel(id: string): string | undefined {
  return BY_ID.get(id)?.label;
}

/** The module of a finding id. */
export function findingModule(id: FindingId): FindingModule | undefined {
  return BY_ID.get(id);
}
