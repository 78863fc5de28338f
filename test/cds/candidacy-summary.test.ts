import { expect, test } from 'vitest';
import { candidacySummary } from '../../src/cds/cards/candidacy-summary.ts';
import { assessCandidacy } from '../../src/engine/assess-candidacy.ts';
import { buildPatientRecord } from '../../src/engine/patient-record.ts';
import { loadPolicy } from '../../src/engine/policy/load-policy.ts';
import { DiaryBuilder } from '../support/diary-builders.ts';
import { adult, chronicMigraineDx, E, preventiveTrial } from '../support/record-builders.ts';

const policy = loadPolicy('default');
const chronic = () =>
  new DiaryBuilder(E).months([
    [18, 10, 6],
    [17, 10, 6],
    [19, 11, 6],
  ]);
const summaryOf = (resources: Parameters<typeof buildPatientRecord>[0], allergiesUnavailable: boolean) => {
  const record = buildPatientRecord(resources, {
    unavailable: allergiesUnavailable ? { allergies: 'the FHIR server answered 503' } : {},
  });
  const a = assessCandidacy(record, policy, { evaluationDate: E, siteTimeZone: 'UTC' });
  expect(a.status).toBe('incomplete');
  return candidacySummary(a, policy.parameters);
};

test('incomplete only because allergies could not be obtained: the summary says so', () => {
  const trials = [
    preventiveTrial('topiramate', -400, -300, 'intolerance'),
    preventiveTrial('propranolol', -290, -200, 'inadequate-response'),
  ];
  expect(summaryOf([adult(), chronicMigraineDx(), ...chronic(), ...trials], true)).toBe(
    'Botox candidacy undecided: allergies not checked',
  );
});

test('incomplete for both reasons: the first thing to document comes first (clinical-rules 11.17)', () => {
  expect(summaryOf([adult(), chronicMigraineDx(), ...chronic()], true)).toBe(
    'Botox candidacy undecided: no preventive trials documented',
  );
});
