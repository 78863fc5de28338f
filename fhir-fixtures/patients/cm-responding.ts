import { botoxCycle } from '../builders/botox.ts';
import { condition } from '../builders/clinical.ts';
import { DRUGS, ICD } from '../builders/codes.ts';
import { dailyDiary } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * Cycles at E-120 and E-36. Baseline B = headache days E-150..E-121 (the 30 days before the first cycle) = 22.
 * Follow-up: of W1 (E-30..E-1), W2 (E-60..E-31), W3 (E-90..E-61) only W1 starts on or after the second cycle:
 * F = 8. Reduction (22 - 8) / 22 = 64% >= 50%: responding. Next eligible E+48.
 */
export const cmResponding: FixtureDefinition = {
  id: 'cm-responding',
  situation: 'Responding after 2 cycles (22 -> 8 headache days a month)',
  expected: { status: 'on-treatment', findings: [], response: 'responding' },
  build: (f) => [
    patient(f, {
      mrn: 'MCDS-0016',
      family: 'Thompson',
      given: ['Aisha', 'Nia'],
      gender: 'female',
      age: 36,
      birthdayOffset: 35,
      city: 'Winona',
    }),
    condition(f, { suffix: 'chronic-migraine', icd: ICD.chronicMigraine, onset: -1700, recorded: -600 }),
    ...preventiveTrial(f, { drug: DRUGS.topiramate, from: -560, to: -460, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, { drug: DRUGS.metoprolol, from: -430, to: -340, outcome: 'inadequate-response' }),
    ...dailyDiary(f, [
      { from: -180, to: -151, headacheDays: 21, migraineDays: 11 },
      { from: -150, to: -121, headacheDays: 22, migraineDays: 12 },
      { from: -120, to: -91, headacheDays: 16, migraineDays: 8 },
      { from: -90, to: -61, headacheDays: 13, migraineDays: 6 },
      { from: -60, to: -31, headacheDays: 11, migraineDays: 5 },
      { from: -30, to: -1, headacheDays: 8, migraineDays: 3 },
    ]),
    ...botoxCycle(f, { n: 1, day: -120 }),
    ...botoxCycle(f, { n: 2, day: -36 }),
  ],
};
