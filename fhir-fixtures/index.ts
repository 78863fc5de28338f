import type { Resource } from '@medplum/fhirtypes';
import { transactionBundle } from './builders/bundle.ts';
import { fixtureContext } from './builders/context.ts';
import { practitioner } from './builders/people.ts';
import { PANEL_DEFINITIONS } from './panel-definitions.ts';
import type { FixturePatient } from './types.ts';

export type { FixtureDefinition, FixtureExpectation, FixturePatient } from './types.ts';
export { PANEL_DEFINITIONS };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The synthetic patient panel for evaluation date E: every date is generated as an offset from E, so the panel never
 * goes stale and the same E always gives byte-identical output. `resources` holds each resource once (the shared
 * practitioner included), ready to load into a FHIR server; each patient's `bundle` is self-contained.
 *
 * @example
 * const { patients, resources } = fixturePanel('2026-11-23');
 * patients.find((p) => p.id === 'cm-candidate-daily')?.expected.status; // 'candidate'
 */
export function fixturePanel(evaluationDate: string): { patients: FixturePatient[]; resources: Resource[] } {
  if (!DATE.test(evaluationDate)) throw new Error('evaluationDate must be YYYY-MM-DD');
  const shared = practitioner();
  const patients = PANEL_DEFINITIONS.map((d): FixturePatient => {
    const own = d.build(fixtureContext(evaluationDate, d.id));
    return {
      id: d.id,
      situation: d.situation,
      expected: d.expected,
      bundle: transactionBundle(`fixture-${d.id}`, [...own, shared]),
    };
  });
  const resources: Resource[] = [shared];
  for (const p of patients) {
    for (const e of p.bundle.entry ?? []) if (e.resource && e.resource !== shared) resources.push(e.resource);
  }
  return { patients, resources };
}
