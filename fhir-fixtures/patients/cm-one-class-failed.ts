import { condition } from '../builders/clinical.ts';
import { DRUGS, ICD } from '../builders/codes.ts';
import { diaryByMonth } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * Chronic migraine by diary (W3 19, W2 21, W1 18); two failed trials, propranolol 100 d and metoprolol 90 d, both
 * beta-blockers: 2 failures but 1 class, every outcome known, so the 2-class requirement cannot be reached (unmet).
 */
export const cmOneClassFailed: FixtureDefinition = {
  id: 'cm-one-class-failed',
  situation: 'Only one preventive class failed (two beta-blockers)',
  expected: {
    status: 'not-eligible',
    criteria: {
      age: 'met',
      'chronic-migraine': 'met',
      'migraine-days': 'met',
      'headache-duration': 'met',
      'preventive-failures': 'unmet',
    },
    findings: [],
  },
  build: (f) => [
    patient(f, {
      mrn: 'MCDS-0008',
      family: 'Chen',
      given: ['Grace', 'Mei'],
      gender: 'female',
      age: 50,
      birthdayOffset: 120,
      city: 'Plymouth',
    }),
    condition(f, { suffix: 'chronic-migraine', icd: ICD.chronicMigraine, onset: -1300, recorded: -420 }),
    ...diaryByMonth(f, [
      [17, 9],
      [19, 10],
      [21, 12],
      [18, 9],
    ]),
    ...preventiveTrial(f, { drug: DRUGS.propranolol, from: -400, to: -300, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, { drug: DRUGS.metoprolol, from: -260, to: -170, outcome: 'inadequate-response' }),
  ],
};
