import { condition } from '../builders/clinical.ts';
import { DRUGS, ICD, SYSTEMS } from '../builders/codes.ts';
import { diaryByMonth } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * A candidate (diary W3 19, W2 17, W1 18; propranolol 100 d and amitriptyline 80 d, inadequate response) whose
 * myasthenia gravis (G70.00) is recorded as in remission after a thymectomy: a neuromuscular disorder counts whatever
 * its clinicalStatus (clinical-rules 2, 11.8), and the card names the recorded status.
 */
export const cmCautionMyastheniaRemission: FixtureDefinition = {
  id: 'cm-caution-myasthenia-remission',
  situation: 'Candidate with a caution: myasthenia gravis recorded as in remission',
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
      mrn: 'MCDS-0101',
      family: 'Lindqvist',
      given: ['Ingrid', 'Marie'],
      gender: 'female',
      age: 49,
      birthdayOffset: 122,
      city: 'Mankato',
    }),
    condition(f, { suffix: 'chronic-migraine', icd: ICD.chronicMigraine, onset: -2200, recorded: -500 }),
    condition(f, {
      suffix: 'myasthenia-gravis',
      icd: ICD.myastheniaGravis,
      also: [{ system: SYSTEMS.snomed, code: '91637004', display: 'Myasthenia gravis (disorder)' }],
      text: 'Myasthenia gravis, AChR antibody positive, after thymectomy',
      onset: -3600,
      recorded: -3400,
      clinicalStatus: { code: 'remission', display: 'Remission' },
    }),
    ...diaryByMonth(f, [
      [18, 9],
      [19, 10],
      [17, 9],
      [18, 10],
    ]),
    ...preventiveTrial(f, { drug: DRUGS.propranolol, from: -400, to: -300, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, { drug: DRUGS.amitriptyline, from: -280, to: -200, outcome: 'inadequate-response' }),
  ],
};
