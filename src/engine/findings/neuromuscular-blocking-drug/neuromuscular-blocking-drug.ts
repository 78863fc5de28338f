import type { FindingModule } from '../finding-module.ts';

/**
 * Detected with the preventive analysis, by the active-drug rule it shares (src/engine/medications/active-drugs.ts);
 * its drug list is
 * src/terminology/medications/neuromuscular-transmission-drugs.json.
 */
export const neuromuscularBlockingDrugModule: FindingModule = {
  id: 'neuromuscular-blocking-drug',
  severity: 'caution',
  label: 'Drug affecting neuromuscular transmission',
  source: 'BOTOX PI 7.1 (aminoglycosides, curare-like agents); clinical-rules 2.2, 3 (list: verify)',
  detect: ({ preventiveFindings }) => preventiveFindings.find((f) => f.id === 'neuromuscular-blocking-drug'),
};
