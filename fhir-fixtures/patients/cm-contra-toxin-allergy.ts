import { condition, drugAllergy } from '../builders/clinical.ts';
import { concept, DRUGS, ICD, SYSTEMS } from '../builders/codes.ts';
import { diaryByMonth } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * Meets every criterion (diary W3 20, W2 19, W1 18; amitriptyline and topiramate failed) but has a confirmed allergy
 * to botulinum toxin (SNOMED 108890005; angioedema after a cosmetic injection years ago): contraindicated.
 */
export const cmContraToxinAllergy: FixtureDefinition = {
  id: 'cm-contra-toxin-allergy',
  situation: 'Contraindicated: allergy to botulinum toxin',
  expected: {
    status: 'contraindicated',
    criteria: {
      age: 'met',
      'chronic-migraine': 'met',
      'migraine-days': 'met',
      'headache-duration': 'met',
      'preventive-failures': 'met',
    },
    findings: ['hypersensitivity'],
  },
  build: (f) => [
    patient(f, {
      mrn: 'MCDS-0010',
      family: 'Foster',
      given: ['Rebecca', 'Lynn'],
      gender: 'female',
      age: 47,
      birthdayOffset: 75,
      city: 'Burnsville',
    }),
    condition(f, { suffix: 'chronic-migraine', icd: ICD.chronicMigraine, onset: -1600, recorded: -450 }),
    drugAllergy(f, {
      suffix: 'allergy-botulinum-toxin',
      code: concept(SYSTEMS.snomed, '108890005', 'Botulinum toxin (substance)', 'Botulinum toxin type A'),
      recorded: -1200,
      manifestation: concept(SYSTEMS.snomed, '41291007', 'Angioedema (disorder)', 'Facial angioedema'),
      severity: 'severe',
      criticality: 'high',
      note: 'Facial angioedema and generalized hives within hours of a cosmetic botulinum toxin injection.',
    }),
    ...diaryByMonth(f, [
      [18, 10],
      [20, 11],
      [19, 10],
      [18, 9],
    ]),
    ...preventiveTrial(f, { drug: DRUGS.amitriptyline, from: -360, to: -270, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, { drug: DRUGS.topiramate, from: -240, to: -160, outcome: 'inadequate-response' }),
  ],
};
