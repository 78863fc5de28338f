import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ZodType } from 'zod';
import { runAssess } from '../../src/cli/assess-command.ts';
import { assessCandidacy } from '../../src/engine/assess-candidacy.ts';
import { addDays } from '../../src/engine/dates.ts';
import { RESOURCE_SHAPES, screenResources, unreadablePath } from '../../src/engine/fhir/resource-shape.ts';
import { loadPolicy } from '../../src/engine/policy/load-policy.ts';
import { buildScreenedRecord } from '../../src/engine/screened-record.ts';
import { sendFhir, startFaultServer } from '../prefetch/support/local-servers.ts';
import { chronicMigraineRecord, PATIENT_ID, searchset } from '../prefetch/support/patient-record.ts';
import { ACCESS_TOKEN, patientViewRequest as fetchRequest } from '../prefetch/support/resolver-harness.ts';
import { mutate, mutation } from '../reliability/support/hostile-values.ts';
import { panelAt } from '../reliability/support/panel-requests.ts';
import { patientViewRequest } from '../support/cds-requests.ts';
import { E } from '../support/record-builders.ts';
import { createTestApp } from '../support/test-app.ts';

const P = 'p1';
const subject = { reference: `Patient/${P}` };
const cc = (system: string, code: string, display: string) => ({ coding: [{ system, code, display }], text: display });
const SNOMED = 'http://snomed.info/sct';
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const day = (n: number) => addDays(E, -n);

/** One realistic resource per type the engine reads. */
const valid: Record<string, Resource> = {
  Patient: { resourceType: 'Patient', id: P, birthDate: day(40 * 365), gender: 'female' },
  Condition: {
    resourceType: 'Condition',
    id: 'cond-1',
    subject,
    clinicalStatus: cc('http://terminology.hl7.org/CodeSystem/condition-clinical', 'active', 'Active'),
    verificationStatus: cc('http://terminology.hl7.org/CodeSystem/condition-ver-status', 'confirmed', 'Confirmed'),
    category: [cc('http://terminology.hl7.org/CodeSystem/condition-category', 'problem-list-item', 'Problem')],
    code: cc('http://hl7.org/fhir/sid/icd-10-cm', 'G43.709', 'Chronic migraine without aura'),
    onsetDateTime: day(400),
    recordedDate: day(300),
  },
  Observation: {
    resourceType: 'Observation',
    id: 'obs-1',
    status: 'final',
    subject,
    code: cc(SNOMED, '25064002', 'Headache'),
    effectivePeriod: { start: `${day(3)}T08:00:00Z`, end: `${day(3)}T14:00:00Z` },
    valueBoolean: true,
    component: [{ code: cc(SNOMED, '162470007', 'Headache severity'), valueInteger: 2 }],
  },
  MedicationStatement: {
    resourceType: 'MedicationStatement',
    id: 'ms-1',
    status: 'stopped',
    subject,
    medicationCodeableConcept: cc(RXNORM, '10600', 'topiramate'),
    effectivePeriod: { start: day(300), end: day(200) },
    statusReason: [{ text: 'inadequate response' }],
    reasonCode: [cc(SNOMED, '37796009', 'Migraine')],
    dosage: [{ text: '50 mg twice daily', route: cc(SNOMED, '26643006', 'Oral') }],
  },
  MedicationRequest: {
    resourceType: 'MedicationRequest',
    id: 'mr-1',
    status: 'completed',
    intent: 'order',
    subject,
    medicationCodeableConcept: cc(RXNORM, '6918', 'metoprolol'),
    authoredOn: day(500),
    dosageInstruction: [{ timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } } }],
    dispenseRequest: { numberOfRepeatsAllowed: 2, expectedSupplyDuration: { value: 30, unit: 'days', code: 'd' } },
  },
  MedicationAdministration: {
    resourceType: 'MedicationAdministration',
    id: 'ma-1',
    status: 'completed',
    subject,
    medicationCodeableConcept: { text: 'BOTOX 200 units' },
    effectiveDateTime: day(400),
    dosage: { text: '155 units', dose: { value: 155, unit: 'U', code: '[U]' } },
  },
  Procedure: {
    resourceType: 'Procedure',
    id: 'proc-1',
    status: 'completed',
    subject,
    code: cc('http://www.ama-assn.org/go/cpt', '64615', 'Chemodenervation for chronic migraine'),
    performedDateTime: day(400),
  },
  AllergyIntolerance: {
    resourceType: 'AllergyIntolerance',
    id: 'al-1',
    patient: subject,
    type: 'allergy',
    code: cc(RXNORM, '7980', 'penicillin G'),
    reaction: [{ manifestation: [cc(SNOMED, '247472004', 'Hives')] }],
  },
  Medication: {
    resourceType: 'Medication',
    id: 'med-1',
    code: cc(RXNORM, '10600', 'topiramate'),
    ingredient: [{ itemCodeableConcept: cc(RXNORM, '38404', 'topiramate') }],
  },
};

/** Per type: a field the engine reads set to the wrong JSON type, and the path the note must name. */
const broken: [type: string, change: (r: Record<string, unknown>) => void, path: string][] = [
  ['Patient', (r) => (r.birthDate = { year: 1980 }), 'birthDate'],
  ['Condition', (r) => (r.code = 'G43.709'), 'code'],
  ['Condition', (r) => (r.category = { text: 'problem' }), 'category'],
  ['Observation', (r) => ((r.effectivePeriod as Record<string, unknown>).start = 20240601), 'effectivePeriod.start'],
  ['Observation', (r) => (r.component = { code: 'x' }), 'component'],
  [
    'Observation',
    (r) => (r.code = { coding: [{ system: 'http://snomed.info/sct', code: 25064002 }] }),
    'code.coding[0].code',
  ],
  ['MedicationStatement', (r) => (r.statusReason = { text: 'inadequate response' }), 'statusReason'],
  ['MedicationStatement', (r) => (r.reasonCode = 'migraine'), 'reasonCode'],
  ['MedicationStatement', (r) => (r.dosage = [{ route: ['oral'] }]), 'dosage[0].route'],
  ['MedicationRequest', (r) => (r.authoredOn = ['2024-01-01']), 'authoredOn'],
  ['MedicationRequest', (r) => (r.dosageInstruction = { text: 'daily' }), 'dosageInstruction'],
  [
    'MedicationRequest',
    (r) => (r.dispenseRequest = { numberOfRepeatsAllowed: '2' }),
    'dispenseRequest.numberOfRepeatsAllowed',
  ],
  ['MedicationAdministration', (r) => (r.dosage = { dose: { value: '155' } }), 'dosage.dose.value'],
  [
    'MedicationAdministration',
    (r) => (r.medicationReference = { reference: { id: 'm' } }),
    'medicationReference.reference',
  ],
  ['Procedure', (r) => (r.performedDateTime = { date: '2024-01-01' }), 'performedDateTime'],
  ['Procedure', (r) => (r.status = 1), 'status'],
  ['AllergyIntolerance', (r) => (r.reaction = { manifestation: [] }), 'reaction'],
  ['AllergyIntolerance', (r) => (r.reaction = [{ manifestation: { text: 'hives' } }]), 'reaction[0].manifestation'],
  [
    'Medication',
    (r) => (r.ingredient = [{ itemCodeableConcept: { text: 7 } }]),
    'ingredient[0].itemCodeableConcept.text',
  ],
];

describe('the shape check', () => {
  test.each(Object.keys(valid))('a valid %s passes untouched (same object)', (type) => {
    const r = valid[type] as Resource;
    const screened = screenResources([r]);
    expect(screened.rejected).toEqual([]);
    expect(screened.usable[0]).toBe(r);
  });

  test.each(broken)('%s with a wrong-typed field is set aside, the note names %s', (type, change, path) => {
    const r = structuredClone(valid[type]) as unknown as Record<string, unknown>;
    change(r);
    const screened = screenResources([r as unknown as Resource, valid.Condition as Resource]);
    expect(screened.usable).toEqual([valid.Condition]);
    expect(screened.rejected).toHaveLength(1);
    expect(screened.rejected[0]?.path).toBe(path);
    expect(screened.rejected[0]?.note).toEqual({
      kind: 'unused',
      text: `${type}/${r.id} not used: ${path} is not valid FHIR R4`,
      evidence: [`${type}/${r.id}`],
    });
  });

  test('the note never quotes the value', () => {
    const r = { ...valid.Observation, valueQuantity: { value: 'SECRET-VALUE-42' } } as unknown as Resource;
    const [rejected] = screenResources([r]).rejected;
    expect(rejected?.note.text).toBe('Observation/obs-1 not used: valueQuantity.value is not valid FHIR R4');
    expect(JSON.stringify(rejected?.note)).not.toContain('SECRET');
  });

  test('a contained Medication is checked like an included one', () => {
    const r = {
      ...valid.MedicationRequest,
      medicationCodeableConcept: undefined,
      medicationReference: { reference: '#m1' },
      contained: [{ resourceType: 'Medication', id: 'm1', code: { coding: 'topiramate' } }],
    } as unknown as Resource;
    expect(unreadablePath(r)).toBe('contained[0].code.coding');
  });

  test('unknown fields, types the engine does not read, and fields it does not read pass', () => {
    const obs = { ...valid.Observation, note: 42, extension: 'x', interpretation: 'high' } as unknown as Resource;
    const other = { resourceType: 'Practitioner', id: 'pr', name: 'not an array' } as unknown as Resource;
    expect(screenResources([obs, other]).rejected).toEqual([]);
  });
});

describe('the compiled check agrees with zod', () => {
  test('same verdict and same first path as safeParse, on panel resources with wrong-typed fields', () => {
    const resources = panelAt(E).flatMap((p) => p.resources.filter((r) => r.resourceType !== 'Practitioner'));
    let rejected = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), (n, ms) => {
        let r = structuredClone(resources[n % resources.length]) as Resource;
        for (const m of ms) r = mutate(r, m);
        if (!r || typeof r !== 'object' || typeof r.resourceType !== 'string' || !RESOURCE_SHAPES[r.resourceType])
          return;
        const zod = (RESOURCE_SHAPES[r.resourceType] as ZodType).safeParse(r);
        const path = unreadablePath(r);
        if (path && !path.startsWith('contained[')) rejected++;
        if (zod.success) expect(path === undefined || path.startsWith('contained[')).toBe(true);
        else expect(path).toBe(pathOf(zod.error.issues[0]?.path ?? []));
      }),
      { numRuns: 1000 },
    );
    expect(rejected).toBeGreaterThan(100);
  });
});

function pathOf(path: PropertyKey[]): string {
  return (
    path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || 'the resource'
  );
}

describe('a record with a malformed resource', () => {
  const policy = loadPolicy('default');
  const candidate = panelAt(E).find((p) => p.id === 'cm-candidate-daily')!;
  const assess = (resources: Resource[], unavailable = {}) => {
    const { record, patientUnreadable } = buildScreenedRecord(resources, { patientId: candidate.id, unavailable });
    return {
      patientUnreadable,
      assessment: assessCandidacy(record, policy, { evaluationDate: E, siteTimeZone: 'UTC' }),
    };
  };
  const extraObservation = () =>
    ({
      resourceType: 'Observation',
      id: 'bad-obs',
      status: 'final',
      subject: { reference: `Patient/${candidate.id}` },
      code: { coding: [{ system: SNOMED, code: '25064002', display: 'Headache' }] },
      effectiveDateTime: { date: day(2) },
      valueBoolean: true,
    }) as unknown as Resource;

  test('the fixture is a candidate to begin with', () => {
    expect(assess(candidate.resources).assessment.status).toBe('candidate');
  });

  test('one malformed extra Observation: still a candidate, and the notes say which data was not used', () => {
    const { assessment } = assess([...candidate.resources, extraObservation()]);
    expect(assessment.status).toBe('candidate');
    expect(assessment.notes).toContainEqual({
      kind: 'unused',
      text: 'Observation/bad-obs not used: effectiveDateTime is not valid FHIR R4',
      evidence: ['Observation/bad-obs'],
    });
  });

  test('a malformed AllergyIntolerance keeps the status from candidate (it may be the contraindication)', () => {
    const allergy = { ...valid.AllergyIntolerance, patient: { reference: `Patient/${candidate.id}` }, code: 'botox' };
    const { assessment } = assess([...candidate.resources, allergy as unknown as Resource]);
    expect(assessment.status).toBe('incomplete');
    expect(assessment.notes.map((n) => n.text)).toContain(
      'AllergyIntolerance/al-1 not used: code is not valid FHIR R4',
    );
  });

  test("another patient's malformed resource is dropped without a note", () => {
    const other = { ...extraObservation(), subject: { reference: 'Patient/someone-else' } } as Resource;
    const { assessment } = assess([...candidate.resources, other]);
    expect(assessment.status).toBe('candidate');
    expect(assessment.notes.some((n) => n.text.includes('bad-obs'))).toBe(false);
  });

  test('a malformed Patient is reported, not assessed', () => {
    const resources = candidate.resources.map((r) =>
      r.resourceType === 'Patient' ? ({ ...r, birthDate: 19800101 } as unknown as Resource) : r,
    );
    expect(assess(resources).patientUnreadable).toBe('birthDate');
  });
});

describe('through the service and the CLI', () => {
  const candidate = panelAt(E).find((p) => p.id === 'cm-candidate-daily')!;
  const bad = {
    resourceType: 'Observation',
    id: 'bad-obs',
    status: 'final',
    subject: { reference: `Patient/${candidate.id}` },
    code: { coding: [{ system: SNOMED, code: '25064002' }] },
    component: { code: { text: 'severity' }, valueInteger: 2 },
    effectiveDateTime: day(2),
  } as unknown as Resource;

  test('patient-view with a malformed Observation: 200, a candidate card listing the note', async () => {
    const app = await createTestApp({ env: { EVALUATION_DATE: E } });
    const res = await app.postJson(
      '/cds-services/botox-candidacy',
      patientViewRequest([...candidate.resources, bad], candidate.id),
    );
    expect(res.status).toBe(200);
    const card = ((await res.json()) as { cards: { detail: string; extension: Record<string, { status: string }> }[] })
      .cards[0]!;
    expect(card.extension['org.migraine-cds.assessment']?.status).toBe('candidate');
    expect(card.detail).toContain('Observation/bad-obs not used: component is not valid FHIR R4');
  });

  test('a malformed Patient in prefetch: 400 naming the path, never the value', async () => {
    const app = await createTestApp({ env: { EVALUATION_DATE: E } });
    const resources = candidate.resources.map((r) =>
      r.resourceType === 'Patient' ? ({ ...r, birthDate: { v: 'SECRET-DOB' } } as unknown as Resource) : r,
    );
    const res = await app.postJson('/cds-services/botox-candidacy', patientViewRequest(resources, candidate.id));
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('birthDate');
    expect(text).not.toContain('SECRET');
  });

  test('a fetched Patient of the wrong shape: 412 naming patient; a fetched malformed Observation: 200', async () => {
    const record = chronicMigraineRecord(E);
    const patient = record.find((r) => r.id === PATIENT_ID) as Resource;
    let badPatient = true;
    const server = await startFaultServer((req, res) => {
      const path = req.url ?? '';
      if (path.startsWith('/fhir/Patient/'))
        return sendFhir(res, 200, badPatient ? { ...patient, birthDate: ['1980-01-01'] } : patient);
      const type = /^\/fhir\/([A-Za-z]+)\?/.exec(path)?.[1] ?? '';
      const extra =
        type === 'Observation' ? [{ ...bad, subject: { reference: `Patient/${PATIENT_ID}` } } as Resource] : [];
      sendFhir(res, 200, searchset([...record.filter((r) => r.resourceType === type), ...extra]));
    });
    try {
      const app = await createTestApp({ env: { EVALUATION_DATE: E } });
      const call = () =>
        app.postJson('/cds-services/botox-candidacy', fetchRequest({ fhirServer: server.base, token: ACCESS_TOKEN }));
      const first = await call();
      expect(first.status).toBe(412);
      const outcome = (await first.json()) as { issue: { diagnostics: string; expression: string[] }[] };
      expect(outcome.issue[0]?.diagnostics).toContain('birthDate');
      expect(outcome.issue[0]?.expression).toEqual(['patient']);
      badPatient = false;
      const second = await call();
      expect(second.status).toBe(200);
      expect(await second.text()).toContain('Observation/bad-obs not used: component is not valid FHIR R4');
    } finally {
      await server.close();
    }
  });

  test('the CLI assesses a Bundle with a malformed Observation and prints the note', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shape-'));
    const file = join(dir, 'export.json');
    const entry = [...candidate.resources, bad].map((resource) => ({ resource }));
    await writeFile(file, JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry }));
    let printed = '';
    const code = await runAssess([file, '--date', E], (s) => {
      printed += s;
    });
    expect(code).toBe(0);
    expect(printed).toContain('Observation/bad-obs not used: component is not valid FHIR R4');
  });
});
