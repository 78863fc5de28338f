import type { Resource } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { candidacyCard } from '../../src/cds/cards/candidacy-card.ts';
import { checkCdsResponse } from '../../src/cds/schemas/response.ts';
import { assessCandidacy } from '../../src/engine/assess-candidacy.ts';
import { addDays } from '../../src/engine/dates.ts';
import { buildPatientRecord, type RecordPart } from '../../src/engine/patient-record.ts';
import { loadPolicy } from '../../src/engine/policy/load-policy.ts';
import { mutate, mutation, RUNS } from './support/hostile-values.ts';
import { panelAt } from './support/panel-requests.ts';

/**
 * Engine properties over generated records: the fixture panel with fields replaced by hostile contents of the right
 * JSON type (non-dates, huge and unicode strings, extreme numbers, duplicated or emptied lists, removed fields),
 * duplicated resources and parts made unavailable. Fields of the wrong JSON type are refused at the HTTP edge with a
 * 400 (see hostile-requests.test.ts and src/cds/routes.ts): the engine is not asked to read them.
 */
const E = new Date().toISOString().slice(0, 10);
const panel = panelAt(E);
const POLICIES = ['default', 'nice-ta260', 'payer-strict'].map((id) => loadPolicy(id));
const PARTS: RecordPart[] = ['conditions', 'observations', 'medicationStatements', 'medicationRequests', 'procedures'];

const recordArb = fc.record({
  patient: fc.nat({ max: panel.length - 1 }),
  changes: fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 10 }),
  duplicate: fc.nat({ max: 5 }),
  unavailable: fc.subarray(PARTS),
  policy: fc.nat({ max: POLICIES.length - 1 }),
  /** E shifted: the panel ages, so every date rule meets dates before and after its window. */
  shift: fc.integer({ min: -400, max: 800 }),
});

describe('assessCandidacy on generated records', () => {
  test('never throws; the card passes the response schema; the summary is under 140 characters', () => {
    const statuses = new Map<string, number>();
    fc.assert(
      fc.property(recordArb, ({ patient: n, changes, duplicate, unavailable, policy: p, shift }) => {
        const patient = panel[n] as (typeof panel)[number];
        const resources = structuredClone(patient.resources);
        for (const [i, m] of changes) {
          const k = i % resources.length;
          resources[k] = mutate(resources[k] as Resource, m, true);
        }
        const withCopies = [...resources, ...resources.slice(0, duplicate * 10)];
        const record = buildPatientRecord(withCopies, {
          patientId: patient.id,
          unavailable: Object.fromEntries(unavailable.map((part) => [part, 'the FHIR server did not answer'])),
        });
        const policy = POLICIES[p] as (typeof POLICIES)[number];
        const assessment = assessCandidacy(record, policy, { evaluationDate: addDays(E, shift), siteTimeZone: 'UTC' });
        statuses.set(assessment.status, (statuses.get(assessment.status) ?? 0) + 1);
        if (!assessment.inScope) return;
        const card = candidacyCard(assessment, policy, { patientId: patient.id });
        expect(checkCdsResponse({ cards: [card] })).toEqual([]);
        expect(card.summary.length).toBeLessThan(140);
        expect(card.summary).not.toMatch(/undefined|NaN|\[object/);
      }),
      { numRuns: RUNS * 4 },
    );
    console.log(`engine properties (${RUNS * 4} records): statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(statuses.size).toBeGreaterThan(2);
  });
});
