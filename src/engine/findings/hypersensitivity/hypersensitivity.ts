import type { FindingModule } from '../finding-module.ts';
import { hypersensitivityFinding, sortToxinAllergies } from './toxin-allergies.ts';

export const hypersensitivityModule: FindingModule = {
  id: 'hypersensitivity',
  severity: 'contraindication',
  label: 'Botulinum toxin hypersensitivity',
  source:
    'BOTOX PI 4 (hypersensitivity to any botulinum toxin product or excipient, human albumin); clinical-rules 3 (SNOMED 108890005: verify)',
  detect: ({ record }) => hypersensitivityFinding(sortToxinAllergies(record.allergies)),
};
