import { botoxCycle } from '../builders/botox.ts';
import { condition } from '../builders/clinical.ts';
import { DRUGS, ICD } from '../builders/codes.ts';
import { dailyDiary } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * One cycle (155 U) at E-40: next eligible E+44, so a new order now is too early (the order examples use this
 * patient). One cycle is too early to judge the response.
 */
export const cmOnTreatmentTooEarly: FixtureDefinition = {
  id: 'cm-on-treatment-too-early',
  situation: 'On treatment, next cycle not yet due (last cycle 40 days ago)',
  expected: { status: 'on-treatment', findings: [], response: 'too-early' },
  build: (f) => [
    patient(f, {
      mrn: 'MCDS-0015',
      family: 'Sullivan',
      given: ['Michael', 'Andrew'],
      gender: 'male',
      age: 48,
      birthdayOffset: 170,
      city: 'Mankato',
    }),
    condition(f, { suffix: 'chronic-migraine', icd: ICD.chronicMigraine, onset: -2100, recorded: -420 }),
    ...preventiveTrial(f, { drug: DRUGS.propranolol, from: -450, to: -360, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, { drug: DRUGS.divalproex, from: -330, to: -250, outcome: 'inadequate-response' }),
    ...dailyDiary(f, [
      { from: -130, to: -101, headacheDays: 19, migraineDays: 10 },
      { from: -100, to: -71, headacheDays: 20, migraineDays: 11 },
      { from: -70, to: -41, headacheDays: 18, migraineDays: 10 },
      { from: -40, to: -1, headacheDays: 16, migraineDays: 8 },
    ]),
    ...botoxCycle(f, { n: 1, day: -40 }),
  ],
};
