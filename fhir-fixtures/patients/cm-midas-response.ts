import { botoxCycle } from '../builders/botox.ts';
import { condition } from '../builders/clinical.ts';
import { DRUGS, ICD } from '../builders/codes.ts';
import { dailyDiary, proScore } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * Cycles at E-110 and E-40. The diary cannot judge the response yet (two windows after the second cycle only from
 * E+19, clinical-rules 11.11), but MIDAS fell from 48 (E-115, within 180 days before the first cycle) to 30
 * (E-8, on or after the second cycle + 28): -38%, a response by itself under AHS 2021 (MIDAS >= 30% lower from a
 * baseline above 20). The default policy counts PROs: responding, decided by MIDAS; under nice-ta260 (PROs not
 * counted) it is too early. Baseline diary before the first cycle: 20, 19, 21 headache days.
 */
export const cmMidasResponse: FixtureDefinition = {
  id: 'cm-midas-response',
  situation: 'Responding by MIDAS (48 -> 30) before the diary can be judged',
  expected: {
    status: 'on-treatment',
    findings: [],
    response: 'responding',
    criteria: { 'chronic-migraine': 'met', 'migraine-days': 'met' },
  },
  build: (f) => [
    patient(f, {
      mrn: 'MCDS-0021',
      family: 'Moreau',
      given: ['Claire', 'Anne'],
      gender: 'female',
      age: 44,
      birthdayOffset: 20,
      city: 'Mankato',
    }),
    condition(f, { suffix: 'chronic-migraine', icd: ICD.chronicMigraine, onset: -1800, recorded: -400 }),
    ...preventiveTrial(f, { drug: DRUGS.topiramate, from: -560, to: -460, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, { drug: DRUGS.candesartan, from: -440, to: -350, outcome: 'inadequate-response' }),
    ...dailyDiary(f, [
      { from: -200, to: -171, headacheDays: 21, migraineDays: 11 },
      { from: -170, to: -141, headacheDays: 19, migraineDays: 10 },
      { from: -140, to: -111, headacheDays: 20, migraineDays: 11 },
      { from: -110, to: -81, headacheDays: 15, migraineDays: 8 },
      { from: -80, to: -41, headacheDays: 16, migraineDays: 7 },
      { from: -40, to: -1, headacheDays: 14, migraineDays: 6 },
    ]),
    proScore(f, 'midas-score', -115, 48),
    proScore(f, 'midas-score', -8, 30),
    ...botoxCycle(f, { n: 1, day: -110 }),
    ...botoxCycle(f, { n: 2, day: -40 }),
  ],
};
