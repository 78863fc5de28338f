import { condition } from '../builders/clinical.ts';
import { DRUGS, ICD } from '../builders/codes.ts';
import { diaryByMonth } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/** A 16-year-old with chronic migraine (diary W3 18, W2 17, W1 19) and two failed classes: the label is for adults. */
export const cmMinor: FixtureDefinition = {
  id: 'cm-minor',
  situation: 'Minor (16 years old): not eligible under the label',
  expected: {
    status: 'not-eligible',
    criteria: {
      age: 'unmet',
      'chronic-migraine': 'met',
      'migraine-days': 'met',
      'headache-duration': 'met',
      'preventive-failures': 'met',
    },
    findings: [],
  },
  build: (f) => [
    {
      ...patient(f, {
        mrn: 'MCDS-0012',
        family: 'Dubois',
        given: ['Chloe', 'Marie'],
        gender: 'female',
        age: 16,
        birthdayOffset: 140,
        city: 'Maple Grove',
      }),
      contact: [
        {
          relationship: [
            {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'N', display: 'Next-of-Kin' }],
              text: 'Mother',
            },
          ],
          name: { family: 'Dubois', given: ['Claire'] },
          telecom: [{ system: 'phone', value: '555-0112', use: 'mobile' }],
        },
      ],
    },
    condition(f, { suffix: 'chronic-migraine', icd: ICD.chronicMigraine, onset: -700, recorded: -250 }),
    ...diaryByMonth(f, [
      [16, 9],
      [18, 10],
      [17, 9],
      [19, 11],
    ]),
    ...preventiveTrial(f, { drug: DRUGS.topiramate, from: -400, to: -310, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, { drug: DRUGS.amitriptyline, from: -280, to: -200, outcome: 'inadequate-response' }),
  ],
};
