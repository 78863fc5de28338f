import type { FindingModule } from '../finding-module.ts';

/**
 * Judged with the toxin history it comes from (src/engine/toxin/analyze-toxin.ts), which
 * the order checks read too.
 */
export const otherBotulinumToxinModule: FindingModule = {
  id: 'other-botulinum-toxin',
  severity: 'caution',
  label: 'Other botulinum toxin use',
  source: 'BOTOX PI 2.1, 5.x (other toxin products within months; cumulative 400 U); clinical-rules 2.3, 3, 5, 11.16',
  detect: ({ toxin }) => toxin.findings.find((f) => f.id === 'other-botulinum-toxin'),
};
