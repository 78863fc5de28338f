import { condition } from '../builders/clinical.ts';
import { DRUGS, ICD } from '../builders/codes.ts';
import { diaryByMonth } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * Episodic migraine: diary W3 8, W2 10, W1 7 headache days (5, 6, 4 migraine), all >= 4 h. Covered windows < 15 make
 * chronic-migraine unmet and the migraine days < 8 make migraine-days unmet. Two classes failed all the same.
 */
export const migraineEpisodic: FixtureDefinition = {
  id: 'migraine-episodic',
  situation: 'Episodic migraine (7-10 headache days a month): not eligible',
  expected: {
    status: 'not-eligible',
    criteria: {
      age: 'met',
      'chronic-migraine': 'unmet',
      'migraine-days': 'unmet',
      'headache-duration': 'met',
      'preventive-failures': 'met',
    },
    findings: [],
  },
  build: (f) => [
    patient(f, {
      mrn: 'MCDS-0005',
      family: 'Lindqvist',
      given: ['Hannah', 'Grace'],
      gender: 'female',
      age: 29,
      birthdayOffset: 150,
      city: 'Rochester',
    }),
    condition(f, {
      suffix: 'migraine',
      icd: ICD.episodicMigraine,
      text: 'Migraine without aura',
      onset: -1800,
      recorded: -500,
    }),
    ...diaryByMonth(f, [
      [9, 6],
      [8, 5],
      [10, 6],
      [7, 4],
    ]),
    ...preventiveTrial(f, { drug: DRUGS.propranolol, from: -400, to: -300, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, { drug: DRUGS.amitriptyline, from: -250, to: -170, outcome: 'inadequate-response' }),
  ],
};
