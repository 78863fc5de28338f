import { condition } from '../builders/clinical.ts';
import { DRUGS, ICD } from '../builders/codes.ts';
import { diaryByMonth } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * Meets every criterion (diary W3 21, W2 20, W1 22; propranolol failed, venlafaxine not tolerated) but has cellulitis
 * of the scalp (L03.811) since E-5, unresolved: infection at the injection sites, do not inject until resolved.
 */
export const cmContraScalpInfection: FixtureDefinition = {
  id: 'cm-contra-scalp-infection',
  situation: 'Contraindicated: infection at the injection sites (scalp cellulitis)',
  expected: {
    status: 'contraindicated',
    criteria: {
      age: 'met',
      'chronic-migraine': 'met',
      'migraine-days': 'met',
      'headache-duration': 'met',
      'preventive-failures': 'met',
    },
    findings: ['injection-site-infection'],
  },
  build: (f) => [
    patient(f, {
      mrn: 'MCDS-0011',
      family: 'Whitfield',
      given: ['Thomas', 'Edward'],
      gender: 'male',
      age: 53,
      birthdayOffset: 222,
      city: 'Woodbury',
    }),
    condition(f, { suffix: 'chronic-migraine', icd: ICD.chronicMigraine, onset: -2200, recorded: -700 }),
    condition(f, {
      suffix: 'scalp-cellulitis',
      icd: ICD.scalpCellulitis,
      text: 'Cellulitis of the scalp (occipital)',
      onset: -5,
      recorded: -4,
      category: 'encounter-diagnosis',
    }),
    ...diaryByMonth(f, [
      [19, 10],
      [21, 11],
      [20, 11],
      [22, 12],
    ]),
    ...preventiveTrial(f, { drug: DRUGS.propranolol, from: -500, to: -400, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, {
      drug: DRUGS.venlafaxine,
      from: -350,
      to: -330,
      outcome: 'intolerance',
      note: 'Stopped: nausea and insomnia',
    }),
  ],
};
