import { bloodPressure, condition, penicillinAllergy } from '../builders/clinical.ts';
import { DRUGS, ICD } from '../builders/codes.ts';
import { diaryByMonth } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * Daily diary E-120..E-1: W3 18, W2 20, W1 19 headache days (10, 11, 10 migraine), every day >= 4 h.
 * Three failed preventives in three classes: topiramate 120 d (with its prescription), propranolol 90 d, both
 * inadequate response; amitriptyline stopped for intolerance.
 */
export const cmCandidateDaily: FixtureDefinition = {
  id: 'cm-candidate-daily',
  situation: 'Clear candidate: daily diary, three preventive classes failed',
  expected: {
    status: 'candidate',
    criteria: {
      age: 'met',
      'chronic-migraine': 'met',
      'migraine-days': 'met',
      'headache-duration': 'met',
      'preventive-failures': 'met',
    },
    findings: [],
  },
  build: (f) => [
    patient(f, {
      mrn: 'MCDS-0001',
      family: 'Hartley',
      given: ['Amelia', 'Rose'],
      gender: 'female',
      age: 42,
      birthdayOffset: 97,
      city: 'Minneapolis',
    }),
    condition(f, {
      suffix: 'chronic-migraine',
      icd: ICD.chronicMigraine,
      text: 'Chronic migraine',
      onset: -1100,
      recorded: -400,
    }),
    penicillinAllergy(f, -2400),
    bloodPressure(f, -30, 118, 76),
    ...diaryByMonth(f, [
      [17, 9],
      [18, 10],
      [20, 11],
      [19, 10],
    ]),
    ...preventiveTrial(f, {
      drug: DRUGS.topiramate,
      from: -420,
      to: -300,
      outcome: 'inadequate-response',
      prescription: { repeats: 3 },
    }),
    ...preventiveTrial(f, { drug: DRUGS.propranolol, from: -280, to: -190, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, {
      drug: DRUGS.amitriptyline,
      from: -170,
      to: -125,
      outcome: 'intolerance',
      note: 'Stopped: daytime sedation and weight gain',
    }),
  ],
};
