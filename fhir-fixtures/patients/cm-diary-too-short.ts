import { condition } from '../builders/clinical.ts';
import { DRUGS, ICD } from '../builders/codes.ts';
import { dailyDiary } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * The diary starts at E-45: W1 (E-30..E-1, 18 headache days) is covered, W2 and W3 are not. The only diagnosis is
 * unspecified migraine (G43.909), which cannot stand in for chronic migraine: chronic-migraine is unknown, so the
 * status is incomplete. migraine-days is left out of the expectation: W1 alone has >= 8 migraine days, and the
 * reference does not say whether a partly covered diary makes it met or unknown.
 */
export const cmDiaryTooShort: FixtureDefinition = {
  id: 'cm-diary-too-short',
  situation: 'Diary too short: 45 days recorded, three 30-day windows needed',
  expected: {
    status: 'incomplete',
    criteria: {
      age: 'met',
      'chronic-migraine': 'unknown',
      'headache-duration': 'met',
      'preventive-failures': 'met',
    },
    findings: [],
  },
  build: (f) => [
    patient(f, {
      mrn: 'MCDS-0006',
      family: 'Natarajan',
      given: ['Priya', 'Devi'],
      gender: 'female',
      age: 45,
      birthdayOffset: 33,
      city: 'Edina',
    }),
    condition(f, { suffix: 'migraine', icd: ICD.migraineUnspecified, text: 'Migraine', onset: -700, recorded: -60 }),
    ...dailyDiary(f, [
      { from: -45, to: -31, headacheDays: 9, migraineDays: 5 },
      { from: -30, to: -1, headacheDays: 18, migraineDays: 10 },
    ]),
    ...preventiveTrial(f, { drug: DRUGS.topiramate, from: -400, to: -300, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, { drug: DRUGS.propranolol, from: -280, to: -200, outcome: 'inadequate-response' }),
  ],
};
