import { condition } from '../builders/clinical.ts';
import { DRUGS, ICD, SYSTEMS } from '../builders/codes.ts';
import { diaryByMonth } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * A candidate (diary W3 18, W2 16, W1 17; topiramate 90 d and candesartan 70 d, inadequate response) with
 * myasthenia gravis (G70.00): a neuromuscular disorder is a caution, not a contraindication.
 */
export const cmCautionMyasthenia: FixtureDefinition = {
  id: 'cm-caution-myasthenia',
  situation: 'Candidate with a caution: myasthenia gravis',
  expected: {
    status: 'candidate',
    criteria: {
      age: 'met',
      'chronic-migraine': 'met',
      'migraine-days': 'met',
      'headache-duration': 'met',
      'preventive-failures': 'met',
    },
    findings: ['neuromuscular-disorder'],
  },
  build: (f) => [
    patient(f, {
      mrn: 'MCDS-0004',
      family: 'Kowalski',
      given: ['Margaret', 'Ann'],
      gender: 'female',
      age: 58,
      birthdayOffset: 301,
      city: 'Duluth',
    }),
    condition(f, { suffix: 'chronic-migraine', icd: ICD.chronicMigraine, onset: -2500, recorded: -600 }),
    condition(f, {
      suffix: 'myasthenia-gravis',
      icd: ICD.myastheniaGravis,
      also: [{ system: SYSTEMS.snomed, code: '91637004', display: 'Myasthenia gravis (disorder)' }],
      text: 'Myasthenia gravis, generalized, AChR antibody positive',
      onset: -2000,
      recorded: -1500,
    }),
    ...diaryByMonth(f, [
      [17, 9],
      [18, 9],
      [16, 8],
      [17, 10],
    ]),
    ...preventiveTrial(f, { drug: DRUGS.topiramate, from: -330, to: -240, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, { drug: DRUGS.candesartan, from: -220, to: -150, outcome: 'inadequate-response' }),
  ],
};
