import type { FindingModule } from '../finding-module.ts';

/** A thin adapter: the detector is src/engine/diary/medication-overuse.ts, run with the diary analysis. */
export const medicationOveruseModule: FindingModule = {
  id: 'medication-overuse',
  severity: 'caution',
  label: 'Medication overuse',
  source: 'ICHD-3 8.2; clinical-rules 2.1, 3, 11.4-11.7 (blocking under payer-strict and nice-ta260)',
  detect: ({ medicationOveruse }) => medicationOveruse,
};
