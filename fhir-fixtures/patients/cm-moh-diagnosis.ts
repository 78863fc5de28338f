import { condition } from '../builders/clinical.ts';
import { DRUGS, ICD } from '../builders/codes.ts';
import { diaryByMonth } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * A coded medication-overuse headache (G44.41, recorded E-45) and no acute-medication data at all: the diagnosis
 * alone raises the medication-overuse caution ("medication-overuse headache, diagnosed <date>", clinical-rules 3
 * and 11.7), and the card does not also say "not assessed". Daily diary E-120..E-1 with 17-20 headache days, two
 * preventive classes failed: a candidate with the caution under the default policy.
 */
export const cmMohDiagnosis: FixtureDefinition = {
  id: 'cm-moh-diagnosis',
  situation: 'Candidate with a coded medication-overuse headache (G44.41) and no acute-medication records',
  expected: {
    status: 'candidate',
    criteria: { 'chronic-migraine': 'met', 'preventive-failures': 'met' },
    findings: ['medication-overuse'],
  },
  build: (f) => [
    patient(f, {
      mrn: 'MCDS-0020',
      family: 'Okafor',
      given: ['Chidi', 'James'],
      gender: 'male',
      age: 47,
      birthdayOffset: 200,
      city: 'Rochester',
    }),
    condition(f, { suffix: 'chronic-migraine', icd: ICD.chronicMigraine, onset: -2000, recorded: -700 }),
    condition(f, {
      suffix: 'medication-overuse-headache',
      icd: ICD.medicationOveruseHeadache,
      text: 'Medication overuse headache',
      onset: -60,
      recorded: -45,
    }),
    ...diaryByMonth(f, [
      [18, 9],
      [17, 9],
      [20, 10],
      [18, 9],
    ]),
    ...preventiveTrial(f, { drug: DRUGS.divalproex, from: -520, to: -420, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, { drug: DRUGS.metoprolol, from: -400, to: -310, outcome: 'inadequate-response' }),
  ],
};
