import { condition } from '../builders/clinical.ts';
import { DRUGS, ICD, MIGRAINE_REASON } from '../builders/codes.ts';
import { diaryByMonth } from '../builders/diary.ts';
import { activePrescription } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * Chronic migraine by diary (W3 20, W2 18, W1 22) but no preventive ever tried: only an acute triptan (sumatriptan,
 * prescribed 45 days ago). No trial at all leaves preventive-failures unknown, so the status is incomplete.
 */
export const cmNoPreventivesTried: FixtureDefinition = {
  id: 'cm-no-preventives-tried',
  situation: 'Preventives not yet tried (acute treatment only)',
  expected: {
    status: 'incomplete',
    criteria: {
      age: 'met',
      'chronic-migraine': 'met',
      'migraine-days': 'met',
      'headache-duration': 'met',
      'preventive-failures': 'unknown',
    },
    findings: [],
  },
  build: (f) => [
    patient(f, {
      mrn: 'MCDS-0007',
      family: 'Brennan',
      given: ['Lucas', 'Matthew'],
      gender: 'male',
      age: 31,
      birthdayOffset: 260,
      city: 'Minnetonka',
    }),
    condition(f, { suffix: 'chronic-migraine', icd: ICD.chronicMigraine, onset: -400, recorded: -90 }),
    ...diaryByMonth(f, [
      [18, 10],
      [20, 11],
      [18, 10],
      [22, 12],
    ]),
    activePrescription(f, { drug: DRUGS.sumatriptan, authored: -45, reason: MIGRAINE_REASON, repeats: 3 }),
  ],
};
