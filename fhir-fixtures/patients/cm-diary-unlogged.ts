import { condition } from '../builders/clinical.ts';
import { DRUGS, ICD } from '../builders/codes.ts';
import { dailyDiary } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * A tracking-app diary that records headache-free days, with a week not logged (E-23..E-17). W1 (E-30..E-1) holds 13
 * headache days and 7 unlogged days: 13 + 7 could reach 15, so W1 is undecided (clinical-rules 2.1 "Logged days",
 * 3.0), W2 and W3 are reached (18, 19). chronic-migraine is unknown ("7 days not logged in <W1>"), and the
 * undecided covered window keeps the recent chronic-migraine diagnosis from standing in (11.1): incomplete.
 */
export const cmDiaryUnlogged: FixtureDefinition = {
  id: 'cm-diary-unlogged',
  situation: 'Diary with a week not logged: the last month is undecided (13 headache days, 23 of 30 days logged)',
  expected: {
    status: 'incomplete',
    criteria: { 'chronic-migraine': 'unknown', 'preventive-failures': 'met' },
    findings: [],
  },
  build: (f) => [
    patient(f, {
      mrn: 'MCDS-0022',
      family: 'Novak',
      given: ['Petra'],
      gender: 'female',
      age: 33,
      birthdayOffset: 77,
      city: 'St. Cloud',
    }),
    condition(f, { suffix: 'chronic-migraine', icd: ICD.chronicMigraine, onset: -900, recorded: -120 }),
    ...dailyDiary(f, [
      { from: -90, to: -61, headacheDays: 19, migraineDays: 10 },
      { from: -60, to: -31, headacheDays: 18, migraineDays: 10 },
      { from: -30, to: -24, headacheDays: 5, migraineDays: 3 },
      { from: -16, to: -1, headacheDays: 8, migraineDays: 5 },
    ]),
    ...preventiveTrial(f, { drug: DRUGS.propranolol, from: -500, to: -400, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, { drug: DRUGS.nortriptyline, from: -380, to: -290, outcome: 'intolerance' }),
  ],
};
