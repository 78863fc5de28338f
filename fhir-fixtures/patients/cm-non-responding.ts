import { botoxCycle } from '../builders/botox.ts';
import { condition } from '../builders/clinical.ts';
import { DRUGS, ICD } from '../builders/codes.ts';
import { dailyDiary } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * Cycles at E-150 and E-66 (3.0: the verdict waits for two windows after the second cycle, clinical-rules 11.11).
 * Baseline before the first cycle: W1-W3 ending E-151 with 20 headache days each (chronic migraine met there),
 * B = 20; follow-up: W1 (E-30..E-1) and W2 (E-60..E-31) start after the second cycle, 17 each, F = 17. r = (20 - 17)
 * / 20 = 15% < 30%: non-responding (warning, consider stopping). No MIDAS or HIT-6 scores.
 */
export const cmNonResponding: FixtureDefinition = {
  id: 'cm-non-responding',
  situation: 'Not responding after 2 cycles (20 -> 17 headache days a month)',
  expected: { status: 'on-treatment', findings: [], response: 'non-responding' },
  build: (f) => [
    patient(f, {
      mrn: 'MCDS-0017',
      family: 'Bergstrom',
      given: ['Karen', 'Louise'],
      gender: 'female',
      age: 55,
      birthdayOffset: 310,
      city: 'Brainerd',
    }),
    condition(f, { suffix: 'chronic-migraine', icd: ICD.chronicMigraine, onset: -3000, recorded: -800 }),
    ...preventiveTrial(f, { drug: DRUGS.propranolol, from: -600, to: -500, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, { drug: DRUGS.amitriptyline, from: -470, to: -380, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, {
      drug: DRUGS.topiramate,
      from: -350,
      to: -320,
      outcome: 'intolerance',
      note: 'Stopped: kidney stone',
    }),
    ...dailyDiary(f, [
      { from: -240, to: -211, headacheDays: 20, migraineDays: 11 },
      { from: -210, to: -181, headacheDays: 20, migraineDays: 11 },
      { from: -180, to: -151, headacheDays: 20, migraineDays: 11 },
      { from: -150, to: -121, headacheDays: 19, migraineDays: 10 },
      { from: -120, to: -91, headacheDays: 18, migraineDays: 10 },
      { from: -90, to: -61, headacheDays: 18, migraineDays: 10 },
      { from: -60, to: -31, headacheDays: 17, migraineDays: 9 },
      { from: -30, to: -1, headacheDays: 17, migraineDays: 9 },
    ]),
    ...botoxCycle(f, { n: 1, day: -150 }),
    ...botoxCycle(f, { n: 2, day: -66 }),
  ],
};
