import { condition } from '../builders/clinical.ts';
import { DRUGS, ICD } from '../builders/codes.ts';
import { acuteMedicationTaken, diaryByMonth, spread } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/** `n` dates spread over the 30-day window starting at `from`. */
const daysIn = (from: number, n: number) => [...spread(30, n)].map((i) => from + i);

/**
 * Daily diary E-120..E-1 (W1-W3: 19, 20, 18 headache days) with a sumatriptan dose logged in the tracking app on 21,
 * 17 and 12 days of W3, W2 and W1 (clinical-rules 2.1 daily acute-medication records, 3.0): >= 10 triptan days
 * in each window, medication overuse. No diagnosis of it and no monthly summaries: only the daily records show it.
 * Three preventives failed in three classes, so the caution is the only thing between this patient and Botox under
 * payer-strict (where it blocks: not-eligible); under the default policy a candidate with the caution.
 */
export const cmDailyTriptanOveruse: FixtureDefinition = {
  id: 'cm-daily-triptan-overuse',
  situation: 'Candidate logging a triptan on 12-21 days a month in a daily diary (medication overuse)',
  expected: {
    status: 'candidate',
    criteria: { 'chronic-migraine': 'met', 'migraine-days': 'met', 'preventive-failures': 'met' },
    findings: ['medication-overuse'],
  },
  build: (f) => [
    patient(f, {
      mrn: 'MCDS-0019',
      family: 'Lindqvist',
      given: ['Hanna', 'Marie'],
      gender: 'female',
      age: 38,
      birthdayOffset: 141,
      city: 'Duluth',
    }),
    condition(f, { suffix: 'chronic-migraine', icd: ICD.chronicMigraine, onset: -1500, recorded: -500 }),
    ...diaryByMonth(f, [
      [17, 9],
      [18, 10],
      [20, 11],
      [19, 10],
    ]),
    ...acuteMedicationTaken(f, DRUGS.sumatriptan, [...daysIn(-90, 21), ...daysIn(-60, 17), ...daysIn(-30, 12)]),
    ...preventiveTrial(f, { drug: DRUGS.topiramate, from: -600, to: -480, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, { drug: DRUGS.propranolol, from: -460, to: -370, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, { drug: DRUGS.amitriptyline, from: -350, to: -300, outcome: 'intolerance' }),
  ],
};
