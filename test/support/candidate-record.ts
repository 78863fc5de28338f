import type { Resource } from '@medplum/fhirtypes';
import { DiaryBuilder } from './diary-builders.ts';
import { adult, chronicMigraineDx, E, preventiveTrial } from './record-builders.ts';

/** A candidate's chart (patient p1): chronic migraine in a three-month diary, two preventives failed in two classes. */
export const candidateRecord = (): Resource[] => [
  adult(),
  chronicMigraineDx(),
  ...new DiaryBuilder(E, 'p1').months([
    [18, 10, 6],
    [17, 10, 6],
    [19, 11, 6],
  ]),
  preventiveTrial('topiramate', -400, -300, 'intolerance'),
  preventiveTrial('propranolol', -290, -200, 'inadequate-response'),
];
