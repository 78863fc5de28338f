import type { MedicationStatement } from '@medplum/fhirtypes';
import { condition } from '../builders/clinical.ts';
import { concept, DRUGS, ICD, SYSTEMS } from '../builders/codes.ts';
import type { FixtureContext } from '../builders/context.ts';
import { diaryByMonth } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient, practitionerRef } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/** Pyridostigmine 60 mg by mouth, taken since E-700 (a statement from the medication list, no diagnosis on the chart). */
function pyridostigmine(f: FixtureContext): MedicationStatement {
  return {
    resourceType: 'MedicationStatement',
    id: f.id('pyridostigmine'),
    status: 'active',
    // Text only: the ingredient's RxNorm code is not confirmed here (the engine matches it by name).
    medicationCodeableConcept: { text: 'Pyridostigmine bromide 60 mg oral tablet (Mestinon)' },
    subject: f.patientRef,
    effectivePeriod: { start: f.day(-700) },
    dateAsserted: f.day(-30),
    informationSource: practitionerRef,
    dosage: [
      {
        text: '60 mg by mouth three times a day',
        route: concept(SYSTEMS.snomed, '26643006', 'Oral route'),
      },
    ],
  };
}

/**
 * A candidate (diary W3 17, W2 18, W1 16; topiramate 90 d and metoprolol 75 d, inadequate response) who takes
 * pyridostigmine with no neuromuscular diagnosis on the chart (diagnosed elsewhere): "possible neuromuscular disorder:
 * on pyridostigmine" (clinical-rules 3, 11.9).
 */
export const cmCautionPyridostigmine: FixtureDefinition = {
  id: 'cm-caution-pyridostigmine',
  situation: 'Candidate with a caution: on pyridostigmine, no neuromuscular diagnosis recorded',
  expected: {
    status: 'candidate',
    criteria: {
      age: 'met',
      'chronic-migraine': 'met',
      'migraine-days': 'met',
      'headache-duration': 'met',
      'preventive-failures': 'met',
    },
    findings: ['neuromuscular-disorder'],
  },
  build: (f) => [
    patient(f, {
      mrn: 'MCDS-0102',
      family: 'Okafor',
      given: ['Chinedu', 'James'],
      gender: 'male',
      age: 52,
      birthdayOffset: 210,
      city: 'Rochester',
    }),
    condition(f, { suffix: 'chronic-migraine', icd: ICD.chronicMigraine, onset: -1800, recorded: -420 }),
    pyridostigmine(f),
    ...diaryByMonth(f, [
      [16, 8],
      [18, 9],
      [17, 9],
      [16, 8],
    ]),
    ...preventiveTrial(f, { drug: DRUGS.topiramate, from: -380, to: -290, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, { drug: DRUGS.metoprolol, from: -270, to: -195, outcome: 'inadequate-response' }),
  ],
};
