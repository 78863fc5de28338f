import { readdirSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Bundle, MedicationRequest, Procedure, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { expect, test } from 'vitest';
import { exampleRequests, LOCAL_FHIR_SERVER } from '../../cds-hooks/example-requests.ts';
import { formatRequest, manifestOf } from '../../cds-hooks/write-requests.ts';
import { fixturePanel } from '../../fhir-fixtures/index.ts';
import { cdsRequestEnvelope, contextSchemas, type Hook } from '../../src/cds/schemas/request.ts';
import { PATIENT_RECORD_PREFETCH } from '../../src/cds/services/patient-prefetch.ts';
import { daysBetween } from '../../src/engine/dates.ts';

const E = '2026-11-23';
const requests = exampleRequests(E);
const REQUESTS_DIR = resolve(import.meta.dirname, '../../cds-hooks/requests');

function validate(body: unknown) {
  const envelope = cdsRequestEnvelope.safeParse(body);
  expect(envelope.success, JSON.stringify(envelope.error?.issues)).toBe(true);
  const hook = envelope.data!.hook as Hook;
  expect(Object.keys(contextSchemas)).toContain(hook);
  const context = contextSchemas[hook].safeParse(envelope.data!.context);
  expect(context.success, JSON.stringify(context.error?.issues)).toBe(true);
}

function searchsetResources(value: unknown): Resource[] {
  return ((value as Bundle).entry ?? []).map((e) => e.resource!);
}

test.each(requests.map((r) => [r.file, r] as const))('%s validates as a CDS Hooks request', (_file, r) => {
  validate(r.body);
});

test('there is a patient-view request with full prefetch for every fixture patient', () => {
  const { patients } = fixturePanel(E);
  for (const p of patients) {
    const r = requests.find((x) => x.file === `patient-view/${p.id}.json`);
    expect(r, p.id).toBeDefined();
    const prefetch = r!.body.prefetch as Record<string, unknown>;
    expect(Object.keys(prefetch).sort()).toEqual(Object.keys(PATIENT_RECORD_PREFETCH).sort());
    expect(prefetch.patient).toMatchObject({ resourceType: 'Patient', id: p.id });
    const fromPrefetch = Object.entries(prefetch)
      .filter(([key]) => key !== 'patient')
      .flatMap(([, v]) => searchsetResources(v).map((x) => `${x.resourceType}/${x.id}`));
    const inBundle = (p.bundle.entry ?? [])
      .map((e) => e.resource!)
      .filter((x) => x.resourceType !== 'Patient' && x.resourceType !== 'Practitioner')
      .map((x) => `${x.resourceType}/${x.id}`);
    expect(fromPrefetch.sort()).toEqual(inBundle.sort());
  }
});

test('each prefetch searchset holds only the type its template searches', () => {
  for (const r of requests) {
    for (const [key, value] of Object.entries((r.body.prefetch ?? {}) as Record<string, unknown>)) {
      const type = /^([A-Za-z]+)[/?]/.exec(
        PATIENT_RECORD_PREFETCH[key as keyof typeof PATIENT_RECORD_PREFETCH].template,
      )![1];
      if (type === 'Patient') continue;
      expect(value).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
      for (const x of searchsetResources(value)) expect(x.resourceType).toBe(type);
    }
  }
});

test('one patient-view request has no prefetch and names the embedded FHIR server instead', () => {
  const r = requests.find((x) => x.file.startsWith('patient-view-fhir-server/'))!;
  expect(r.body.prefetch).toBeUndefined();
  expect(r.body.fhirServer).toBe(LOCAL_FHIR_SERVER);
  expect(LOCAL_FHIR_SERVER).toBe('http://localhost:8080/fhir');
});

function drafts(r: (typeof requests)[number]) {
  const entries = ((r.body.context as { draftOrders: Bundle }).draftOrders.entry ?? []).map((e) => e.resource!);
  return {
    medication: entries.find((x): x is MedicationRequest => x.resourceType === 'MedicationRequest')!,
    service: entries.find((x): x is ServiceRequest => x.resourceType === 'ServiceRequest')!,
  };
}

test.each(['order-select', 'order-sign'])('%s: Botox drafts at label dose, above label and too early', (hook) => {
  const orders = requests.filter((r) => r.file.startsWith(`${hook}/`));
  expect(orders.map((r) => r.file.split('/')[1]).sort()).toEqual(
    ['above-label-200u.json', 'label-dose-due.json', 'label-dose-first-cycle.json', 'too-early.json'].sort(),
  );
  for (const r of orders) {
    const { medication, service } = drafts(r);
    expect(medication).toMatchObject({ status: 'draft', intent: 'order' });
    expect(medication.medicationCodeableConcept?.coding).toContainEqual(
      expect.objectContaining({ system: 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets', code: 'J0585' }),
    );
    const dose = medication.dosageInstruction?.[0]?.doseAndRate?.[0]?.doseQuantity;
    expect(dose).toMatchObject({ system: 'http://unitsofmeasure.org', code: 'U' });
    expect(dose?.value).toBe(r.file.includes('200u') ? 200 : 155);
    expect(service.code?.coding?.[0]).toMatchObject({ system: 'http://www.ama-assn.org/go/cpt', code: '64615' });
    const selections = (r.body.context as { selections?: string[] }).selections;
    if (hook === 'order-select') expect(selections).toEqual([`MedicationRequest/${medication.id}`]);
    else expect(selections).toBeUndefined();
  }
});

test('the too-early order is for a patient whose last cycle was less than 84 days before E', () => {
  const r = requests.find((x) => x.file === 'order-sign/too-early.json')!;
  const procedures = searchsetResources((r.body.prefetch as Record<string, unknown>).procedures) as Procedure[];
  const last = procedures
    .map((p) => p.performedDateTime!.slice(0, 10))
    .sort()
    .at(-1)!;
  expect(daysBetween(last, E)).toBeLessThan(84);
  const due = requests.find((x) => x.file === 'order-sign/label-dose-due.json')!;
  const dueProcedures = searchsetResources((due.body.prefetch as Record<string, unknown>).procedures) as Procedure[];
  expect(
    daysBetween(
      dueProcedures
        .map((p) => p.performedDateTime!.slice(0, 10))
        .sort()
        .at(-1)!,
      E,
    ),
  ).toBeGreaterThanOrEqual(84);
});

test('hookInstance is a UUID, unique per request and stable across evaluation dates', () => {
  const ids = requests.map((r) => r.body.hookInstance as string);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(exampleRequests('2027-05-02').map((r) => r.body.hookInstance)).toEqual(ids);
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = resolve(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

test('the committed cds-hooks/requests files are exactly what the generator writes for their manifest date', () => {
  const manifest = JSON.parse(readFileSync(resolve(REQUESTS_DIR, 'manifest.json'), 'utf8'));
  expect(manifest).toEqual(manifestOf(manifest.evaluationDate));
  const onDisk = filesUnder(REQUESTS_DIR)
    .map((p) => relative(REQUESTS_DIR, p).split('\\').join('/'))
    .filter((f) => f !== 'manifest.json')
    .sort();
  const generated = exampleRequests(manifest.evaluationDate);
  expect(onDisk).toEqual(generated.map((r) => r.file).sort());
  for (const r of generated) {
    const text = readFileSync(resolve(REQUESTS_DIR, r.file), 'utf8');
    expect(text, r.file).toBe(formatRequest(r.body));
    validate(JSON.parse(text));
  }
});
