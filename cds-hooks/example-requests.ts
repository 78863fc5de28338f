import { createHash } from 'node:crypto';
import type { Resource } from '@medplum/fhirtypes';
import { searchsetBundle } from '../fhir-fixtures/builders/bundle.ts';
import { PRACTITIONER_ID } from '../fhir-fixtures/builders/people.ts';
import { fixturePanel } from '../fhir-fixtures/index.ts';
import type { FixturePatient } from '../fhir-fixtures/types.ts';
import { PATIENT_RECORD_PREFETCH } from '../src/cds/services/patient-prefetch.ts';
import { botoxDraftOrders } from './draft-orders.ts';

/** The embedded FHIR server of a locally started service (`npm start`). */
export const LOCAL_FHIR_SERVER = 'http://localhost:8080/fhir';

/** One ready-to-send request: its file path (relative to the output directory), body and what it should show. */
export interface ExampleRequest {
  file: string;
  hook: string;
  patientId: string;
  /** What the card should show, in plain words (the replay prints it beside the answer). */
  expect: string;
  /** The patient's expected assessment status; absent when no card is expected. */
  expectStatus?: string;
  body: Record<string, unknown>;
}

/** The order scenarios of the brief: label dose (new and continuing), above label, too early. */
export const ORDER_SCENARIOS = [
  {
    key: 'label-dose-first-cycle',
    patientId: 'cm-candidate-daily',
    dose: 155,
    expect: 'first cycle at the label dose: info, candidate',
  },
  {
    key: 'label-dose-due',
    patientId: 'cm-on-treatment-due',
    dose: 155,
    expect: 'next cycle due, label dose: info, on treatment',
  },
  {
    key: 'above-label-200u',
    patientId: 'cm-on-treatment-due',
    dose: 200,
    expect: 'dose 200 U above 195 U: warning with a suggestion to set 155 U',
  },
  {
    key: 'too-early',
    patientId: 'cm-on-treatment-too-early',
    dose: 155,
    expect: 'last cycle 40 days ago: warning, too early (earliest date = last cycle + 84 days)',
  },
] as const;

/** A UUID derived from the file name, so that regenerating for another date changes only the dates. */
function stableUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The prefetch our services declare, filled from the patient's bundle: the Patient, then one searchset per type. */
export function fullPrefetch(patient: FixturePatient): Record<string, Resource> {
  const resources = (patient.bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
  const prefetch: Record<string, Resource> = {};
  for (const [key, spec] of Object.entries(PATIENT_RECORD_PREFETCH)) {
    const type = /^([A-Za-z]+)[/?]/.exec(spec.template)?.[1];
    if (type === 'Patient') {
      const p = resources.find((r) => r.resourceType === 'Patient' && r.id === patient.id);
      if (p) prefetch[key] = p;
      continue;
    }
    prefetch[key] = searchsetBundle(resources.filter((r) => r.resourceType === type));
  }
  return prefetch;
}

function expectationText(p: FixturePatient): string {
  const e = p.expected;
  if (e.outOfScope) return 'no card (out of scope)';
  const parts = [e.status ?? ''];
  if (e.findings?.length) parts.push(`findings: ${e.findings.join(', ')}`);
  if (e.response) parts.push(`response: ${e.response}`);
  return parts.join('; ');
}

/**
 * Every example request for evaluation date E: patient-view with full prefetch for each fixture patient; order-select
 * and order-sign for each order scenario; and one patient-view without prefetch that names the embedded FHIR server,
 * so the service fetches the data itself.
 */
export function exampleRequests(evaluationDate: string): ExampleRequest[] {
  const { patients } = fixturePanel(evaluationDate);
  const byId = new Map(patients.map((p) => [p.id, p]));
  const userId = `Practitioner/${PRACTITIONER_ID}`;
  const out: ExampleRequest[] = [];
  const push = (file: string, hook: string, patient: FixturePatient, expect: string, body: Record<string, unknown>) =>
    out.push({
      file,
      hook,
      patientId: patient.id,
      expect,
      ...(patient.expected.status ? { expectStatus: patient.expected.status } : {}),
      body: { hookInstance: stableUuid(file), hook, ...body },
    });

  for (const p of patients) {
    push(`patient-view/${p.id}.json`, 'patient-view', p, expectationText(p), {
      context: { userId, patientId: p.id },
      prefetch: fullPrefetch(p),
    });
  }
  const daily = byId.get('cm-candidate-daily')!;
  push(
    'patient-view-fhir-server/cm-candidate-daily.json',
    'patient-view',
    daily,
    `${expectationText(daily)} (fetched from ${LOCAL_FHIR_SERVER})`,
    {
      fhirServer: LOCAL_FHIR_SERVER,
      context: { userId, patientId: daily.id },
    },
  );
  for (const hook of ['order-select', 'order-sign'] as const) {
    for (const s of ORDER_SCENARIOS) {
      const p = byId.get(s.patientId)!;
      const drafts = botoxDraftOrders(p.id, { key: s.key, dose: s.dose, authoredOn: evaluationDate });
      push(`${hook}/${s.key}.json`, hook, p, s.expect, {
        context: {
          userId,
          patientId: p.id,
          ...(hook === 'order-select' ? { selections: [`MedicationRequest/${drafts.medicationRequest.id}`] } : {}),
          draftOrders: drafts.bundle,
        },
        prefetch: fullPrefetch(p),
      });
    }
  }
  return out;
}
