import { condition } from '../builders/clinical.ts';
import { DRUGS, ICD, MIGRAINE_REASON, SYSTEMS } from '../builders/codes.ts';
import { monthlySummaries } from '../builders/diary.ts';
import { activePrescription, preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * Monthly summaries: headache days 24, 21, 23 and migraine days 13, 12, 14 in the last three periods; triptan days
 * 12, 11, 13 (>= 10 in each of the three windows): medication overuse, a caution under the default policy (it blocks
 * only under payer-strict and nice-ta260), so the status stays candidate. No daily durations: headache-duration unknown.
 */
export const cmMedicationOveruse: FixtureDefinition = {
  id: 'cm-medication-overuse',
  situation: 'Candidate with medication overuse (triptans >= 10 days a month)',
  expected: {
    status: 'candidate',
    criteria: {
      age: 'met',
      'chronic-migraine': 'met',
      'migraine-days': 'met',
      'headache-duration': 'unknown',
      'preventive-failures': 'met',
    },
    findings: ['medication-overuse'],
  },
  build: (f) => [
    patient(f, {
      mrn: 'MCDS-0013',
      family: 'Russo',
      given: ['Natalie', 'Jean'],
      gender: 'female',
      age: 41,
      birthdayOffset: 64,
      city: 'Roseville',
    }),
    condition(f, {
      suffix: 'chronic-migraine',
      icd: ICD.chronicMigraineIntractable,
      also: [{ system: SYSTEMS.snomed, code: '124171000119105', display: 'Chronic intractable migraine without aura' }],
      onset: -1400,
      recorded: -200,
    }),
    condition(f, {
      suffix: 'medication-overuse-headache',
      icd: ICD.medicationOveruseHeadache,
      text: 'Medication overuse headache (triptans)',
      onset: -150,
      recorded: -30,
    }),
    ...monthlySummaries(f, [
      {
        from: -120,
        to: -91,
        headacheDays: 22,
        migraineDays: 12,
        acute: { days: 17, classes: { triptan: 11, 'simple-analgesic': 9 } },
      },
      {
        from: -90,
        to: -61,
        headacheDays: 24,
        migraineDays: 13,
        acute: { days: 18, classes: { triptan: 12, 'simple-analgesic': 10 } },
      },
      {
        from: -60,
        to: -31,
        headacheDays: 21,
        migraineDays: 12,
        acute: { days: 16, classes: { triptan: 11, 'simple-analgesic': 8 } },
      },
      {
        from: -30,
        to: -1,
        headacheDays: 23,
        migraineDays: 14,
        acute: { days: 19, classes: { triptan: 13, 'simple-analgesic': 9 } },
      },
    ]),
    ...preventiveTrial(f, { drug: DRUGS.topiramate, from: -420, to: -320, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, { drug: DRUGS.propranolol, from: -300, to: -210, outcome: 'inadequate-response' }),
    activePrescription(f, { drug: DRUGS.sumatriptan, authored: -45, reason: MIGRAINE_REASON, repeats: 3 }),
  ],
};
