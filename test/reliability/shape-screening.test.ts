import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { candidacyCard } from '../../src/cds/cards/candidacy-card.ts';
import { checkCdsResponse } from '../../src/cds/schemas/response.ts';
import { assessCandidacy } from '../../src/engine/assess-candidacy.ts';
import { buildPatientRecord } from '../../src/engine/patient-record.ts';
import { loadPolicy } from '../../src/engine/policy/load-policy.ts';
import { buildScreenedRecord } from '../../src/engine/screened-record.ts';
import { createTestApp } from '../support/test-app.ts';
import { MARKER, mutate, mutation, RUNS } from './support/hostile-values.ts';
import { panelAt, requestFor } from './support/panel-requests.ts';

/**
 * Fields of the wrong JSON type in the patient's record (not the Patient itself): the shape check
 * (src/engine/fhir/resource-shape.ts) sets the resource aside with a note, so the call still gets its card.
 */
const E = new Date().toISOString().slice(0, 10);
const panel = panelAt(E);
const policy = loadPolicy('default');
vi.setConfig({ testTimeout: 120_000 });

let app: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  app = await createTestApp({ env: { EVALUATION_DATE: E } });
});
const tally = new Map<number, number>();
afterAll(() =>
  console.log(`shape screening (${RUNS} requests): statuses ${JSON.stringify(Object.fromEntries(tally))}`),
);

describe('records with wrong-typed fields', () => {
  test('mutated values are JSON that can be sent: a shared __proto__ object once became its own prototype (seed 94300204)', () => {
    // constantFrom hands out one instance; placed twice and walked into, it used to get itself as its prototype.
    const shared = JSON.parse(`{"__proto__":{"polluted":"${MARKER}"}}`);
    const target = { a: { b: 1 } };
    mutate(target, { seeds: [0, 0], value: shared, remove: false });
    expect(() => mutate(target, { seeds: [0, 0, 0], value: shared, remove: false })).not.toThrow();
    expect(JSON.parse(JSON.stringify(target))).toEqual(target);
    expect(Object.getPrototypeOf(shared)).toBe(Object.prototype);
  });

  test('the engine never throws on a screened record, and the card passes the response schema', () => {
    let setAside = 0;
    let unscreenedThrows = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: panel.length - 1 }),
        fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 10 }),
        (n, changes) => {
          const patient = panel[n] as (typeof panel)[number];
          const resources = structuredClone(patient.resources);
          for (const [i, m] of changes) {
            const k = i % resources.length;
            if (resources[k]?.resourceType === 'Patient') continue;
            resources[k] = mutate(resources[k] as Resource, m);
          }
          const { record } = buildScreenedRecord(resources, { patientId: patient.id });
          if (record.notes.length) setAside++;
          try {
            // What the engine met before the shape check: these TypeErrors were 400s for the whole call.
            const unscreened = buildPatientRecord(resources, { patientId: patient.id });
            assessCandidacy(unscreened, policy, { evaluationDate: E, siteTimeZone: 'UTC' });
          } catch (error) {
            if (!(error instanceof TypeError)) throw error;
            unscreenedThrows++;
          }
          const assessment = assessCandidacy(record, policy, { evaluationDate: E, siteTimeZone: 'UTC' });
          if (!assessment.inScope) return;
          const card = candidacyCard(assessment, policy, { patientId: patient.id });
          expect(checkCdsResponse({ cards: [card] })).toEqual([]);
        },
      ),
      { numRuns: RUNS * 4 },
    );
    console.log(
      `shape screening (${RUNS * 4} records): ${setAside} with a resource set aside; unscreened, ${unscreenedThrows} threw a TypeError`,
    );
    expect(setAside).toBeGreaterThan(RUNS);
    expect(unscreenedThrows).toBeGreaterThan(0);
  });

  test('mutated-but-JSON-valid requests get 200 cards far more often than 400', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: panel.length - 1 }),
        fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 4 }),
        async (n, changes) => {
          const patient = panel[n] as (typeof panel)[number];
          const body = structuredClone(requestFor('candidacy', patient)) as { prefetch: Record<string, Bundle> };
          const searchsets = Object.entries(body.prefetch).filter(([key, b]) => key !== 'patient' && b.entry?.length);
          for (const [i, m] of changes) {
            const [, bundle] = searchsets[i % searchsets.length] as [string, Bundle];
            const entry = bundle.entry![i % bundle.entry!.length] as BundleEntry;
            entry.resource = mutate(entry.resource, { ...m, remove: false });
          }
          const res = await app.postJson('/cds-services/botox-candidacy', body);
          tally.set(res.status, (tally.get(res.status) ?? 0) + 1);
          // 413: a huge generated string took the body over the limit.
          expect([200, 400, 413]).toContain(res.status);
          if (res.status !== 200) expect(await res.text()).not.toContain(MARKER);
        },
      ),
      { numRuns: RUNS },
    );
    // Before the shape check, a wrong type the engine read made the whole call a 400.
    expect(tally.get(200) ?? 0).toBeGreaterThan(4 * (tally.get(400) ?? 0));
  });
});
