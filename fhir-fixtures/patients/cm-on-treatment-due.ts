import { botoxCycle } from '../builders/botox.ts';
import { condition } from '../builders/clinical.ts';
import { DRUGS, ICD } from '../builders/codes.ts';
import { dailyDiary } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * One cycle (155 U) at E-88: next eligible E-4, so due (not overdue: 88 < 112 days). One cycle is too early to
 * judge the response. The diary runs from E-150 (21 and 20 headache days a month before treatment).
 */
export const cmOnTreatmentDue: FixtureDefinition = {
  id: 'cm-on-treatment-due',
  situation: 'On treatment, next cycle due (last cycle 88 days ago)',
  expected: { status: 'on-treatment', findings: [], response: 'too-early' },
  build: (f) => [
    patient(f, {
      mrn: 'MCDS-0014',
      family: 'Petrova',
      given: ['Elena', 'Sofia'],
      gender: 'female',
      age: 44,
      birthdayOffset: 280,
      city: 'Saint Cloud',
    }),
    condition(f, { suffix: 'chronic-migraine', icd: ICD.chronicMigraine, onset: -1900, recorded: -500 }),
    ...preventiveTrial(f, { drug: DRUGS.topiramate, from: -500, to: -400, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, { drug: DRUGS.amitriptyline, from: -380, to: -290, outcome: 'inadequate-response' }),
    ...dailyDiary(f, [
      { from: -150, to: -121, headacheDays: 21, migraineDays: 12 },
      { from: -120, to: -89, headacheDays: 20, migraineDays: 11 },
      { from: -88, to: -61, headacheDays: 15, migraineDays: 8 },
      { from: -60, to: -31, headacheDays: 12, migraineDays: 6 },
      { from: -30, to: -1, headacheDays: 13, migraineDays: 7 },
    ]),
    ...botoxCycle(f, { n: 1, day: -88 }),
  ],
};
