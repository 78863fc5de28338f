import type { Condition } from '@medplum/fhirtypes';
import type { FindingResult } from '../types.ts';
import { dysphagiaRespiratoryFinding } from './dysphagia-respiratory/dysphagia-respiratory.ts';
import { neuromuscularDisorderFinding } from './neuromuscular-disorder/neuromuscular-disorder.ts';

/**
 * The cautions read from diagnoses alone (neuromuscular disorders; dysphagia or chronic respiratory failure), without
 * the drugs and injections the full modules also read: for checking the diagnosis rules on their own.
 */
export function conditionCautions(conditions: Condition[], siteTimeZone: string): FindingResult[] {
  return [
    neuromuscularDisorderFinding(conditions, siteTimeZone),
    dysphagiaRespiratoryFinding(conditions, siteTimeZone),
  ].filter((f): f is FindingResult => f !== undefined);
}
