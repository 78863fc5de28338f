import type { MedicationRequest, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import {
  applyCycleOrder,
  cycleOrderPlan,
  draftBotoxMedicationRequest,
} from '../../src/cds/cards/botox-order-resources.ts';
import type { Card } from '../../src/cds/schemas/response.ts';
import { candidateRecord } from '../support/candidate-record.ts';
import { orderRequest, patientViewRequest } from '../support/cds-requests.ts';
import { DiaryBuilder } from '../support/diary-builders.ts';
import { r4Errors } from '../support/fhir-validation.ts';
import { adult, botoxProcedure, condition, daysAgo, E, preventiveTrial, SNOMED } from '../support/record-builders.ts';
import { createTestApp } from '../support/test-app.ts';

const ICD10 = 'http://hl7.org/fhir/sid/icd-10-cm';

describe("the patient's own chronic-migraine code (clinical-rules 5, 11.15)", () => {
  test('the most recent confirmed-or-unverified Condition by recordedDate, its ICD-10-CM coding over SNOMED', () => {
    const older = condition({ code: 'G43.719', text: 'Chronic migraine, intractable' }, { recorded: daysAgo(300) });
    const newer = condition({ code: 'G43.E09', text: 'Chronic migraine with aura' }, { recorded: daysAgo(30) });
    newer.code!.coding!.unshift({ system: SNOMED, code: '124171000119105' });
    const provisional = condition({ code: 'G43.711' }, { recorded: daysAgo(1), verificationStatus: 'provisional' });
    const plan = cycleOrderPlan([older, newer, provisional], undefined, E, 'UTC');
    expect(plan.reason).toEqual({ coding: [{ system: ICD10, code: 'G43.E09' }], text: 'Chronic migraine with aura' });
    expect(plan.earliest).toBe(E);
  });

  test('SNOMED when no ICD-10-CM coding; G43.709 only when there is no chronic-migraine Condition', () => {
    const snomed = condition(
      { system: SNOMED, code: '124171000119105', display: 'Chronic intractable migraine without aura' },
      { recorded: daysAgo(10) },
    );
    expect(cycleOrderPlan([snomed], undefined, E, 'UTC').reason.coding).toEqual([
      { system: SNOMED, code: '124171000119105', display: 'Chronic intractable migraine without aura' },
    ]);
    expect(cycleOrderPlan([], undefined, E, 'UTC').reason.coding?.[0]?.code).toBe('G43.709');
  });

  test('the earliest date is max(next eligible date, E)', () => {
    expect(cycleOrderPlan([], { nextEligible: daysAgo(-20) }, E, 'UTC').earliest).toBe(daysAgo(-20));
    expect(cycleOrderPlan([], { nextEligible: daysAgo(20) }, E, 'UTC').earliest).toBe(E);
  });

  test("an update keeps the draft's own reasonCode, adds the patient's when it has none, and moves an early date", () => {
    const plan = cycleOrderPlan([], { nextEligible: daysAgo(-10) }, E, 'UTC');
    const own = draftBotoxMedicationRequest('p1', 300, 'd1') as unknown as Record<string, unknown>;
    own.reasonCode = [{ text: 'Chronic migraine (clinic code)' }];
    expect(applyCycleOrder(own, 155, plan, E)).toEqual({ dateSet: daysAgo(-10) });
    expect(own.reasonCode).toEqual([{ text: 'Chronic migraine (clinic code)' }]);
    const bare = draftBotoxMedicationRequest('p1', 300, 'd2') as unknown as Record<string, unknown>;
    delete bare.reasonCode;
    expect(applyCycleOrder(bare, 155, plan, daysAgo(-30))).toEqual({});
    expect(bare.reasonCode).toEqual([plan.reason]);
    expect(r4Errors(bare as unknown as Resource)).toEqual([]);
  });
});

describe('drafted orders on the cards', () => {
  const ownCode = () =>
    condition({ code: 'G43.719', text: 'Chronic migraine without aura, intractable' }, { recorded: daysAgo(100) });

  test('a candidate card drafts both orders with the patient code, the 155 U / 31-site regimen and E', async () => {
    const { postJson } = await createTestApp({ env: { EVALUATION_DATE: E } });
    const resources = [...candidateRecord(), ownCode()];
    const res = await postJson('/cds-services/botox-candidacy', patientViewRequest(resources));
    const card = ((await res.json()) as { cards: Card[] }).cards[0]!;
    const created = card.suggestions?.[0]?.actions?.map((a) => a.resource as Resource) ?? [];
    const sr = created.find((r) => r.resourceType === 'ServiceRequest') as ServiceRequest;
    const mr = created.find((r) => r.resourceType === 'MedicationRequest') as MedicationRequest;
    for (const r of [sr, mr]) expect(r.reasonCode?.[0]?.coding?.[0]?.code).toBe('G43.719');
    expect(sr.occurrenceDateTime).toBe(E);
    expect(sr.note?.[0]?.text).toContain('155 Units IM, 5 Units at each of 31 sites');
    expect(mr.dosageInstruction?.[0]?.timing?.event).toEqual([E]);
    expect(mr.dosageInstruction?.[0]?.doseAndRate?.[0]?.doseQuantity?.value).toBe(155);
  });

  test('a patient due for the next cycle (next eligible date passed) gets E as the earliest date', async () => {
    const { postJson } = await createTestApp({ env: { EVALUATION_DATE: E } });
    const resources = [
      adult(),
      ownCode(),
      botoxProcedure(-190),
      botoxProcedure(-100),
      ...new DiaryBuilder(E, 'p1').months([
        [10, 6, 6],
        [9, 5, 6],
        [8, 5, 6],
      ]),
      preventiveTrial('topiramate', -400, -300, 'intolerance'),
      preventiveTrial('propranolol', -290, -200, 'inadequate-response'),
    ];
    const res = await postJson('/cds-services/botox-candidacy', patientViewRequest(resources));
    const card = ((await res.json()) as { cards: Card[] }).cards[0]!;
    const sr = card.suggestions?.[0]?.actions?.find((a) => (a.resource as Resource)?.resourceType === 'ServiceRequest')
      ?.resource as ServiceRequest | undefined;
    // Last cycle 100 days ago: next eligible 16 days ago, so the earliest date is E.
    expect(sr?.occurrenceDateTime).toBe(E);
  });

  test('a dose update on an order card carries the patient code when the draft has no reason', async () => {
    const { postJson } = await createTestApp({ env: { EVALUATION_DATE: E } });
    const draft = draftBotoxMedicationRequest('p1', 300, 'draft-botox');
    delete draft.reasonCode;
    const res = await postJson(
      '/cds-services/botox-order-sign',
      orderRequest('order-sign', [...candidateRecord(), ownCode()], [draft]),
    );
    const card = ((await res.json()) as { cards: Card[] }).cards[0]!;
    const update = card.suggestions?.flatMap((s) => s.actions ?? []).find((a) => a.type === 'update')?.resource as
      | MedicationRequest
      | undefined;
    expect(update?.reasonCode?.[0]?.coding?.[0]?.code).toBe('G43.719');
    expect(update?.dosageInstruction?.[0]?.doseAndRate?.[0]?.doseQuantity?.value).toBe(155);
  });
});
