import { condition } from '../builders/clinical.ts';
import { DRUGS, ICD, SYSTEMS } from '../builders/codes.ts';
import { monthlySummaries } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * Monthly summaries only (30-day periods ending E-1): headache days 18, 20, 17; migraine days 10, 12, 9; acute
 * medication days 6-7 (no overuse). No daily durations, so headache-duration stays unknown (it does not block).
 * Failed: divalproex 120 d and metoprolol 90 d, inadequate response (two classes).
 */
export const cmCandidateMonthly: FixtureDefinition = {
  id: 'cm-candidate-monthly',
  situation: 'Candidate from monthly diary summaries (no daily entries)',
  expected: {
    status: 'candidate',
    criteria: {
      age: 'met',
      'chronic-migraine': 'met',
      'migraine-days': 'met',
      'headache-duration': 'unknown',
      'preventive-failures': 'met',
    },
    findings: [],
  },
  build: (f) => [
    patient(f, {
      mrn: 'MCDS-0002',
      family: 'Okafor',
      given: ['Daniel', 'James'],
      gender: 'male',
      age: 37,
      birthdayOffset: 212,
      city: 'Saint Paul',
    }),
    condition(f, {
      suffix: 'chronic-migraine',
      icd: ICD.chronicMigraineIntractable,
      also: [{ system: SYSTEMS.snomed, code: '124171000119105', display: 'Chronic intractable migraine without aura' }],
      onset: -1500,
      recorded: -300,
    }),
    ...monthlySummaries(f, [
      {
        from: -120,
        to: -91,
        headacheDays: 16,
        migraineDays: 9,
        acute: { days: 7, classes: { triptan: 5, 'simple-analgesic': 3 } },
      },
      {
        from: -90,
        to: -61,
        headacheDays: 18,
        migraineDays: 10,
        acute: { days: 6, classes: { triptan: 5, 'simple-analgesic': 2 } },
      },
      {
        from: -60,
        to: -31,
        headacheDays: 20,
        migraineDays: 12,
        acute: { days: 7, classes: { triptan: 5, 'simple-analgesic': 3 } },
      },
      {
        from: -30,
        to: -1,
        headacheDays: 17,
        migraineDays: 9,
        acute: { days: 6, classes: { triptan: 4, 'simple-analgesic': 3 } },
      },
    ]),
    ...preventiveTrial(f, { drug: DRUGS.divalproex, from: -380, to: -260, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, { drug: DRUGS.metoprolol, from: -230, to: -140, outcome: 'inadequate-response' }),
  ],
};
