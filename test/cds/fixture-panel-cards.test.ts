import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { fixturePanel } from '../../fhir-fixtures/index.ts';
import { ASSESSMENT_EXTENSION } from '../../src/cds/card-log-summary.ts';
import { type Card, checkCdsResponse } from '../../src/cds/schemas/response.ts';
import { addDays } from '../../src/engine/dates.ts';
import { patientViewRequest } from '../support/cds-requests.ts';
import { r4Errors } from '../support/fhir-validation.ts';
import { createTestApp } from '../support/test-app.ts';

/** Today and a date two years on: the panel is generated relative to E, so its cards must not depend on the day. */
const dates = [new Date().toISOString().slice(0, 10), addDays(new Date().toISOString().slice(0, 10), 731)];

interface Ext {
  status: string;
  criteria: { id: string; status: string }[];
  findings?: { id: string }[];
  treatment?: { response?: { verdict: string } };
}

describe.each(dates)('fixture panel at E = %s: every patient gets the card worked out by hand', (E) => {
  const panel = fixturePanel(E);
  test.each(panel.patients.map((p) => [p.id, p] as const))('%s', async (_id, patient) => {
    const { postJson } = await createTestApp({ env: { EVALUATION_DATE: E } });
    const resources = (patient.bundle.entry ?? []).map((e) => e.resource).filter((r): r is Resource => !!r);
    const res = await postJson('/cds-services/botox-candidacy', patientViewRequest(resources, patient.id));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { cards: Card[] };
    expect(checkCdsResponse(body)).toEqual([]);
    if (patient.expected.outOfScope) {
      expect(body.cards).toEqual([]);
      return;
    }
    expect(body.cards).toHaveLength(1);
    const card = body.cards[0]!;
    const ext = card.extension?.[ASSESSMENT_EXTENSION] as Ext;
    expect(ext.status).toBe(patient.expected.status);
    for (const [id, status] of Object.entries(patient.expected.criteria ?? {})) {
      expect(ext.criteria.find((c) => c.id === id)?.status, id).toBe(status);
    }
    if (patient.expected.findings) {
      expect((ext.findings ?? []).map((f) => f.id).sort()).toEqual([...patient.expected.findings].sort());
    }
    if (patient.expected.response) expect(ext.treatment?.response?.verdict).toBe(patient.expected.response);
    expect(card.summary.length).toBeLessThan(140);
    expect(card.indicator).toBe(
      ext.status === 'contraindicated' ? 'critical' : card.indicator === 'warning' ? 'warning' : 'info',
    );
    for (const action of (card.suggestions ?? []).flatMap((s) => s.actions ?? [])) {
      if (action.resource) expect(r4Errors(action.resource as Resource)).toEqual([]);
    }
  });
});
