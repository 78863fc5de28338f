import { botoxCycle } from '../builders/botox.ts';
import { condition } from '../builders/clinical.ts';
import { DRUGS, ICD } from '../builders/codes.ts';
import { dailyDiary } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * A responding course whose baseline met the criteria (3.0, clinical-rules 3 "On treatment" and 11.11-11.13).
 * Cycles at E-150 and E-66. Before the first cycle, W1-W3 ending E-151 hold 22 headache days each (12 migraine days,
 * 4-12 h): chronic-migraine, migraine-days and headache-duration are met there, so the card's table "Before the first
 * cycle" shows them met although today's diary is far below 15. B = 22; follow-up W1 (E-30..E-1) and W2
 * (E-60..E-31) start after the second cycle with 8 each: F = 8, r = 64%: responding ("22 -> 8 headache days, -64%").
 * Next eligible E+18.
 */
export const cmResponding: FixtureDefinition = {
  id: 'cm-responding',
  situation: 'Responding after 2 cycles (22 -> 8 headache days a month)',
  expected: {
    status: 'on-treatment',
    findings: [],
    response: 'responding',
    criteria: { 'chronic-migraine': 'met', 'migraine-days': 'met', 'headache-duration': 'met' },
  },
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
      { from: -240, to: -211, headacheDays: 22, migraineDays: 12 },
      { from: -210, to: -181, headacheDays: 22, migraineDays: 12 },
      { from: -180, to: -151, headacheDays: 22, migraineDays: 12 },
      { from: -150, to: -121, headacheDays: 16, migraineDays: 8 },
      { from: -120, to: -91, headacheDays: 13, migraineDays: 6 },
      { from: -90, to: -61, headacheDays: 11, migraineDays: 5 },
      { from: -60, to: -31, headacheDays: 8, migraineDays: 3 },
      { from: -30, to: -1, headacheDays: 8, migraineDays: 3 },
    ]),
    ...botoxCycle(f, { n: 1, day: -150 }),
    ...botoxCycle(f, { n: 2, day: -66 }),
  ],
};
