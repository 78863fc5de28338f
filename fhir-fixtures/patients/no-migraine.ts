import { bloodPressure, condition } from '../builders/clinical.ts';
import { concept, DRUGS, ICD, SYSTEMS } from '../builders/codes.ts';
import { activePrescription } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * No migraine at all: hypertension treated with propranolol (a drug on the preventive list, but prescribed for
 * hypertension), blood pressure readings, no diary, no toxin. Out of scope: `{"cards": []}`.
 */
export const noMigraine: FixtureDefinition = {
  id: 'no-migraine',
  situation: 'No migraine at all (hypertension on propranolol): out of scope, no card',
  expected: { outOfScope: true },
  build: (f) => [
    patient(f, {
      mrn: 'MCDS-0018',
      family: 'Hayes',
      given: ['Robert', 'William'],
      gender: 'male',
      age: 62,
      birthdayOffset: 20,
      city: 'Moorhead',
    }),
    condition(f, {
      suffix: 'hypertension',
      icd: ICD.hypertension,
      text: 'Hypertension',
      onset: -2600,
      recorded: -2500,
    }),
    activePrescription(f, {
      drug: DRUGS.propranolol,
      authored: -60,
      reason: concept(SYSTEMS.icd10cm, ICD.hypertension.code, ICD.hypertension.display, 'Hypertension'),
    }),
    bloodPressure(f, -200, 148, 94),
    bloodPressure(f, -60, 136, 86),
  ],
};
