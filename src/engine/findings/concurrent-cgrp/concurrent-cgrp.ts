import type { FindingModule } from '../finding-module.ts';

/** Detected with the preventive analysis, by the active-drug rule it shares (src/engine/medications/active-drugs.ts). */
export const concurrentCgrpModule: FindingModule = {
  id: 'concurrent-cgrp',
  severity: 'caution',
  label: 'Concurrent CGRP-pathway preventive',
  source:
    'payer coverage policies (some refuse the combination); clinical-rules 3 (drug list: src/terminology/medications)',
  detect: ({ preventiveFindings }) => preventiveFindings.find((f) => f.id === 'concurrent-cgrp'),
};
