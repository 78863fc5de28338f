import { condition } from '../builders/clinical.ts';
import { DRUGS, ICD } from '../builders/codes.ts';
import { diaryByMonth } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * Chronic migraine by diary (W3 17, W2 19, W1 20). Topiramate 100 d failed; propranolol was stopped for inadequate
 * response after 35 days (< 60): not a failure. Both outcomes and lengths are known, so 2 failures cannot be
 * reached (unmet, not unknown).
 */
export const cmTrialTooShort: FixtureDefinition = {
  id: 'cm-trial-too-short',
  situation: 'Second preventive trial too short (35 days, 60 needed)',
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
      mrn: 'MCDS-0009',
      family: 'Haddad',
      given: ['Omar', 'Khalid'],
      gender: 'male',
      age: 39,
      birthdayOffset: 188,
      city: 'Eagan',
    }),
    condition(f, { suffix: 'chronic-migraine', icd: ICD.chronicMigraine, onset: -1000, recorded: -380 }),
    ...diaryByMonth(f, [
      [16, 8],
      [17, 9],
      [19, 10],
      [20, 11],
    ]),
    ...preventiveTrial(f, { drug: DRUGS.topiramate, from: -380, to: -280, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, {
      drug: DRUGS.propranolol,
      from: -200,
      to: -165,
      outcome: 'inadequate-response',
      note: 'Stopped by the patient after 5 weeks: no improvement yet',
    }),
  ],
};
