import { expect, test } from 'vitest';
import { assessAge } from '../../src/engine/criteria/age.ts';
import { conditionCautions } from '../../src/engine/findings/condition-cautions.ts';
import { condition, daysAgo, E, patient } from '../support/record-builders.ts';

test('a partial date of birth that gives one age shows it once', () => {
  // Born in January 30 years before E: 30 whatever the day.
  const age = assessAge(patient(`${Number(E.slice(0, 4)) - 30}-01`), E, 18);
  expect(age.status).toBe('met');
  expect(age.summary).toBe(`30 years on ${E} (partial date of birth)`);
});

test('a date of birth that is not a FHIR date is said to be unreadable, not missing', () => {
  const age = assessAge(patient('11/23/1980'), E, 18);
  expect(age).toMatchObject({ status: 'unknown', missing: ['date of birth'] });
  expect(age.summary).toMatch(/not a FHIR date/);
  expect(assessAge(patient(undefined), E, 18).summary).toBe('Date of birth not recorded');
});

test('a diagnosis about a relative ("Family history of ...") raises no neuromuscular or dysphagia caution', () => {
  const relative = [
    condition({ code: 'Z82.0', text: 'Family history of ALS' }, { recorded: daysAgo(30) }),
    condition({ text: 'FH myasthenia gravis' }, { recorded: daysAgo(30) }),
    condition({ text: 'Family history of dysphagia' }, { recorded: daysAgo(30) }),
  ];
  expect(conditionCautions(relative, 'UTC')).toEqual([]);
  const own = condition({ text: 'Amyotrophic lateral sclerosis; family history of ALS' }, { recorded: daysAgo(30) });
  expect(conditionCautions([own], 'UTC').map((f) => f.id)).toEqual(['neuromuscular-disorder']);
});
