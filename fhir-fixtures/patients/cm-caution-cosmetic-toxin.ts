import { cosmeticToxinStatement } from '../builders/botox.ts';
import { condition } from '../builders/clinical.ts';
import { DRUGS, ICD } from '../builders/codes.ts';
import { diaryByMonth } from '../builders/diary.ts';
import { preventiveTrial } from '../builders/medications.ts';
import { patient } from '../builders/people.ts';
import type { FixtureDefinition } from '../types.ts';

/**
 * A candidate (diary W3 19, W2 17, W1 21; nortriptyline 80 d inadequate response, topiramate intolerance) who had
 * 20 U of BOTOX Cosmetic for glabellar lines 40 days before E: other toxin use within 84 days is a caution.
 */
export const cmCautionCosmeticToxin: FixtureDefinition = {
  id: 'cm-caution-cosmetic-toxin',
  situation: 'Candidate with a caution: cosmetic botulinum toxin 40 days ago',
  expected: {
    status: 'candidate',
    criteria: {
      age: 'met',
      'chronic-migraine': 'met',
      'migraine-days': 'met',
      'headache-duration': 'met',
      'preventive-failures': 'met',
    },
    findings: ['other-botulinum-toxin'],
  },
  build: (f) => [
    patient(f, {
      mrn: 'MCDS-0003',
      family: 'Marquez',
      given: ['Sofia', 'Elena'],
      gender: 'female',
      age: 34,
      birthdayOffset: 45,
      city: 'Bloomington',
    }),
    condition(f, { suffix: 'chronic-migraine', icd: ICD.chronicMigraine, onset: -900, recorded: -350 }),
    ...diaryByMonth(f, [
      [16, 9],
      [19, 10],
      [17, 9],
      [21, 12],
    ]),
    ...preventiveTrial(f, { drug: DRUGS.nortriptyline, from: -300, to: -220, outcome: 'inadequate-response' }),
    ...preventiveTrial(f, {
      drug: DRUGS.topiramate,
      from: -200,
      to: -170,
      outcome: 'intolerance',
      note: 'Stopped: paresthesia and word-finding difficulty',
    }),
    cosmeticToxinStatement(f, { day: -40, dose: 20 }),
  ],
};
