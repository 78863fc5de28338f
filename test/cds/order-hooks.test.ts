import type { MedicationRequest, Resource } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { ASSESSMENT_EXTENSION } from '../../src/cds/card-log-summary.ts';
import { draftBotoxMedicationRequest, draftChemodenervation } from '../../src/cds/cards/botox-order-resources.ts';
import { type Card, checkCdsResponse } from '../../src/cds/schemas/response.ts';
import { candidateRecord } from '../support/candidate-record.ts';
import { orderRequest } from '../support/cds-requests.ts';
import { DiaryBuilder } from '../support/diary-builders.ts';
import { r4Errors } from '../support/fhir-validation.ts';
import { administration, HCPCS, icd, MIGRAINE_REASON, NDC, statement } from '../support/medication-builders.ts';
import { isPriorAuthSuggestion } from '../support/prior-auth-suggestion.ts';
import {
  adult,
  allergy,
  botoxProcedure,
  chronicMigraineDx,
  condition,
  daysAgo,
  E,
} from '../support/record-builders.ts';
import { createTestApp } from '../support/test-app.ts';

const candidate = candidateRecord;

function botoxDraft(
  units: number | undefined,
  options: { id?: string; text?: string; unit?: string } = {},
): MedicationRequest {
  const r = draftBotoxMedicationRequest('p1', units ?? 155, options.id ?? 'draft-botox');
  const dosage = r.dosageInstruction![0]!;
  if (units === undefined) delete dosage.doseAndRate;
  if (options.unit) dosage.doseAndRate = [{ doseQuantity: { value: units, unit: options.unit, code: options.unit } }];
  if (options.text !== undefined) dosage.text = options.text;
  return r;
}
const procedureDraft = () => ({ ...draftChemodenervation('p1'), id: 'draft-64615' });

interface Ext {
  status?: string;
  findings?: { id: string; severity: string }[];
  criteria?: { id: string; status: string }[];
  treatment?: { cycles: number; indicationInferredCycles?: number };
  order?: { plannedDate: string };
}
const ext = (card: Card) => card.extension?.[ASSESSMENT_EXTENSION] as Ext;

async function call(
  hook: 'order-select' | 'order-sign',
  resources: Resource[],
  drafts: Resource[],
  selections?: string[],
  env: Record<string, string> = {},
) {
  const { postJson } = await createTestApp({ env: { EVALUATION_DATE: E, ...env } });
  const service = hook === 'order-select' ? 'botox-order-select' : 'botox-order-sign';
  const res = await postJson(
    `/cds-services/${service}`,
    orderRequest(hook, resources, drafts, selections ? { selections } : {}),
  );
  expect(res.status).toBe(200);
  const body = (await res.json()) as { cards: Card[] };
  expect(checkCdsResponse(body)).toEqual([]);
  for (const s of body.cards.flatMap((c) => c.suggestions ?? [])) {
    for (const a of s.actions ?? [])
      if (a.resource) expect(r4Errors(a.resource as Resource), a.description).toEqual([]);
  }
  return body.cards;
}

describe.each(['order-select', 'order-sign'] as const)('%s', (hook) => {
  test('a supported order at label dose -> one info card, status candidate, no order finding', async () => {
    const cards = await call(hook, candidate(), [botoxDraft(155), procedureDraft()]);
    expect(cards).toHaveLength(1);
    const card = cards[0]!;
    expect(card.indicator).toBe('info');
    expect(ext(card).status).toBe('candidate');
    expect(ext(card).findings ?? []).toEqual([]);
    expect(card.summary).toMatch(/supported/);
    expect(ext(card).order?.plannedDate).toBe(E);
    expect(card.links?.[0]).toMatchObject({ type: 'absolute', url: expect.stringMatching(/\/timeline\/[\w-]{43}$/) });
  });

  test('not supported (no preventive trial documented) -> warning, what is missing, referral suggestion not recommended', async () => {
    const cards = await call(
      hook,
      candidate().filter((r) => r.resourceType !== 'MedicationStatement'),
      [botoxDraft(155)],
    );
    const card = cards[0]!;
    expect([card.indicator, ext(card).status]).toEqual(['warning', 'incomplete']);
    expect(card.detail).toMatch(/preventive/i);
    const referral = card.suggestions?.find((s) => s.label.match(/refer/i));
    expect(referral?.isRecommended).toBeUndefined();
    expect(referral?.actions?.map((a) => a.type)).toEqual(['delete', 'create']);
    expect(referral?.actions?.[0]?.resourceId).toBe('MedicationRequest/draft-botox');
  });

  test('contraindicated (toxin allergy) -> critical', async () => {
    const cards = await call(hook, [...candidate(), allergy({ text: 'onabotulinumtoxinA' })], [botoxDraft(155)]);
    expect([cards[0]?.indicator, ext(cards[0]!).status]).toEqual(['critical', 'contraindicated']);
  });

  test.each([
    [83, true],
    [84, false],
  ])('last cycle %i days ago -> too early: %s', async (ago, early) => {
    const resources = [...candidate(), botoxProcedure(-ago - 84), botoxProcedure(-ago)];
    const cards = await call(hook, resources, [botoxDraft(155)]);
    const interval = ext(cards[0]!).findings?.find((f) => f.id === 'treatment-interval');
    expect(interval !== undefined).toBe(early);
    if (early) {
      expect(cards[0]?.indicator).toBe('warning');
      expect(cards[0]?.detail).toContain(daysAgo(ago - 84));
    }
  });

  test.each([
    [100, 'info', 'below-label'],
    [155, 'info', undefined],
    [156, 'warning', 'above-label'],
    [195, 'warning', 'above-label'],
    [196, 'warning', 'above-maximum'],
  ])('dose %i U -> %s (%s)', async (units, indicator, band) => {
    const cards = await call(hook, candidate(), [botoxDraft(units)]);
    const card = cards[0]!;
    expect(card.indicator).toBe(indicator);
    const dose = ext(card).findings?.find((f) => f.id === 'dose');
    expect(dose !== undefined).toBe(band !== undefined);
    const update = card.suggestions?.find((s) => s.actions?.some((a) => a.type === 'update'));
    expect(update !== undefined).toBe(band === 'above-maximum');
    if (update) {
      expect(update.isRecommended).toBe(true);
      const resource = update.actions?.[0]?.resource as MedicationRequest;
      expect(resource.id).toBe('draft-botox');
      expect(resource.dosageInstruction?.[0]?.doseAndRate?.[0]?.doseQuantity?.value).toBe(155);
    }
  });

  test('a dose stated only in text is read; one in mL is "not stated in units"', async () => {
    const textOnly = await call(hook, candidate(), [botoxDraft(undefined, { text: '5 units at each of 40 sites' })]);
    expect(textOnly[0]?.detail).toMatch(/200 U/);
    const ml = await call(hook, candidate(), [botoxDraft(4, { unit: 'mL', text: '' })]);
    expect(ml[0]?.detail).toMatch(/not stated in units/);
  });

  test.each([
    ['155 Units IM; reconstitute one 200 Unit vial with 4 mL saline'],
    ['vial of 200 units: inject 155 units'],
    ['155 U from a 200-unit vial'],
    ['155 U IM (200U vial)'],
  ])('a vial size in the dose text is not the dose (%s)', async (text) => {
    const cards = await call(hook, candidate(), [botoxDraft(undefined, { text })]);
    expect(cards[0]?.indicator).toBe('info');
    expect(ext(cards[0]!).findings?.find((f) => f.id === 'dose')).toBeUndefined();
    // Only the prior-authorization summary (a supported order) is suggested: no dose update.
    expect(cards[0]?.suggestions?.filter((s) => !isPriorAuthSuggestion(s))).toEqual([]);
  });

  test('BOTOX for migraine reported by a statement or stopped counts toward the cumulative dose, not as other toxin use', async () => {
    const reported = statement('completed', {
      medication: HCPCS('J0585'),
      dateTime: daysAgo(60),
      reasonCode: [MIGRAINE_REASON],
      dosage: [{ text: '155 units IM, 5 units at each of 31 sites (outside clinic)' }],
    });
    const stopped = administration('stopped', {
      medication: HCPCS('J0585'),
      dateTime: daysAgo(20),
      units: 100,
      reasonCode: [MIGRAINE_REASON],
    });
    const cards = await call(hook, [...candidate(), reported, stopped], [botoxDraft(155)]);
    expect(ext(cards[0]!).findings?.map((f) => f.id)).toEqual(['cumulative-dose']);
    expect(cards[0]?.detail).toContain('255 U onabotulinumtoxinA in the last 84 days + 155 U ordered = 410 U');
    // The 400 U limit is the label's (BOTOX PI 2.1, confirmed in clinical-rules 3.0): no "not confirmed" wording.
    expect(cards[0]?.detail).toContain('over 400 U per 3 months (all indications; BOTOX PI 2.1)');
    expect(cards[0]?.detail).not.toMatch(/not confirmed|commonly cited/i);
    expect(cards[0]?.detail).not.toMatch(/other botulinum toxin|not interchangeable/i);
  });

  test('a cycle counted with no reason and no procedure is marked "indication inferred" on the card', async () => {
    const inferred = administration('completed', { medication: HCPCS('J0585'), dateTime: daysAgo(90), units: 155 });
    const cards = await call(hook, [...candidate(), botoxProcedure(-180), inferred], [botoxDraft(155)]);
    expect(ext(cards[0]!).treatment).toMatchObject({ cycles: 2, indicationInferredCycles: 1 });
    expect(cards[0]?.detail).toContain('2 cycles (indication inferred for 1)');
  });

  test('continuing a non-response -> warning with the stop advice', async () => {
    const d = new DiaryBuilder(E, 'p1');
    const resources = [
      adult(),
      chronicMigraineDx(),
      // Baseline: the 30 days before the first cycle (E-170); follow-up: W1 and W2, both after the second (E-86).
      ...d.range(-200, -171, { headacheDays: 20, migraineDays: 10, hours: 6 }),
      ...d.range(-170, -60, { headacheDays: 70, migraineDays: 30, hours: 6 }),
      ...d.range(-59, -30, { headacheDays: 17, migraineDays: 9, hours: 6 }),
      ...d.range(-29, 0, { headacheDays: 18, migraineDays: 9, hours: 6 }),
      botoxProcedure(-170),
      botoxProcedure(-86),
    ];
    const cards = await call(hook, resources, [botoxDraft(155)]);
    expect(cards[0]?.indicator).toBe('warning');
    expect(ext(cards[0]!).status).toBe('on-treatment');
    expect(cards[0]?.summary).toMatch(/consider stopping/i);
    // The verdict with its numbers in the summary (clinical-rules 8); the stop rule's sources in the detail.
    expect(cards[0]?.summary).toMatch(
      /^Botox order continues a course: not responding after 2 cycles \(20 -> 18 days\): consider stopping$/,
    );
    expect(cards[0]?.detail).toMatch(/Consider stopping: .*NICE TA260.*EHF/);
  });

  test('nice-ta260: an order while episodic for 3 months and responding shows the advice, and stays info', async () => {
    const d = new DiaryBuilder(E, 'p1');
    const resources = [
      adult(),
      chronicMigraineDx(),
      // Baseline the 30 days before the first cycle (E-270); W1-W3 all after the second (E-180), 10 headache days each.
      ...d.range(-300, -271, { headacheDays: 20, migraineDays: 10, hours: 6 }),
      ...d.range(-270, -90, { headacheDays: 80, migraineDays: 40, hours: 6 }),
      ...d.range(-89, -60, { headacheDays: 10, migraineDays: 5, hours: 6 }),
      ...d.range(-59, -30, { headacheDays: 10, migraineDays: 5, hours: 6 }),
      ...d.range(-29, 0, { headacheDays: 10, migraineDays: 5, hours: 6 }),
      botoxProcedure(-270),
      botoxProcedure(-180),
      botoxProcedure(-90),
    ];
    const cards = await call(hook, resources, [botoxDraft(155)], undefined, { CDS_POLICY: 'nice-ta260' });
    expect(ext(cards[0]!).status).toBe('on-treatment');
    expect(cards[0]?.summary).toMatch(/episodic/);
    expect(cards[0]?.indicator).toBe('info');
  });

  test('a non-Botox draft -> no card', async () => {
    const other: MedicationRequest = {
      resourceType: 'MedicationRequest',
      id: 'draft-topiramate',
      status: 'draft',
      intent: 'order',
      subject: { reference: 'Patient/p1' },
      medicationCodeableConcept: {
        coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '38404' }],
        text: 'topiramate',
      },
    };
    expect(await call(hook, candidate(), [other])).toEqual([]);
  });

  test('a Botox draft for another indication gets a card only for other toxin use or the cumulative dose', async () => {
    const bladder = { ...botoxDraft(100), reasonCode: [icd('N32.81', 'Overactive bladder')] };
    expect(await call(hook, candidate(), [bladder])).toEqual([]);
    const cosmetic = administration('completed', {
      medication: NDC('0023-9232-01', 'BOTOX Cosmetic'),
      dateTime: daysAgo(20),
      units: 64,
    });
    const therapeutic = administration('completed', {
      medication: HCPCS('J0585'),
      dateTime: daysAgo(30),
      units: 200,
      reasonCode: [icd('N32.81', 'Overactive bladder')],
    });
    const cards = await call(
      hook,
      [...candidate(), cosmetic, therapeutic],
      [{ ...botoxDraft(155), reasonCode: [icd('N32.81', 'Overactive bladder')] }],
    );
    expect(cards).toHaveLength(1);
    expect(ext(cards[0]!).status).toBeUndefined();
    expect(ext(cards[0]!).criteria).toBeUndefined();
    expect(
      ext(cards[0]!)
        .findings?.map((f) => f.id)
        .sort(),
    ).toEqual(['cumulative-dose', 'other-botulinum-toxin']);
  });

  test('a DSTU2-era MedicationOrder with the dose in text is recognised', async () => {
    const order = {
      resourceType: 'MedicationOrder',
      id: 'mo-1',
      status: 'draft',
      medicationCodeableConcept: { text: 'BOTOX 100 unit vial' },
      dosageInstruction: [{ text: '155 units IM, 31 sites' }],
    } as unknown as Resource;
    const cards = await call(hook, candidate(), [order]);
    expect(cards).toHaveLength(1);
    expect(ext(cards[0]!).findings?.find((f) => f.id === 'dose')).toBeUndefined();
  });
});

test('order-select ignores Botox drafts that are not selected', async () => {
  const other = {
    resourceType: 'ServiceRequest',
    id: 'lab-1',
    status: 'draft',
    intent: 'order',
    subject: { reference: 'Patient/p1' },
    code: { text: 'CBC' },
  };
  expect(
    await call('order-select', candidate(), [botoxDraft(300), other as Resource], ['ServiceRequest/lab-1']),
  ).toEqual([]);
});

test('order-sign ignores a stray `selections` key (only order-select has selections)', async () => {
  const { postJson } = await createTestApp({ env: { EVALUATION_DATE: E } });
  const request = orderRequest('order-sign', candidate(), [botoxDraft(300)]);
  const res = await postJson('/cds-services/botox-order-sign', {
    ...request,
    context: { ...request.context, selections: ['ServiceRequest/lab-1'] },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { cards: Card[] };
  expect(body.cards).toHaveLength(1);
  expect(ext(body.cards[0]!).findings?.map((f) => f.id)).toEqual(['dose']);
});

test('a draft without intent, category as an object and no medication yet (the sandbox shape) -> no card, 200', async () => {
  const sandboxDraft = {
    resourceType: 'MedicationRequest',
    id: 'request-123',
    status: 'draft',
    subject: { reference: 'Patient/p1' },
    category: { text: 'outpatient' },
  };
  expect(await call('order-sign', candidate(), [sandboxDraft as Resource])).toEqual([]);
});

test('record text cannot inject HTML into the card detail, and malformed ids are not cited', async () => {
  const myasthenia = condition({ code: 'G70.00', text: '<img src=x onerror=alert(1)> myasthenia' });
  const hostile = { ...myasthenia, id: 'x"><img src=x onerror=alert(1)>' };
  const cards = await call('order-sign', [...candidate(), hostile as Resource], [botoxDraft(155)]);
  expect(cards[0]?.detail).toContain('&lt;img src=x onerror=alert(1)> myasthenia');
  expect(cards[0]?.detail).not.toMatch(/<img/i);
  expect(JSON.stringify(cards[0]?.extension)).not.toContain('onerror');
});
