import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MedicationRequest, Resource } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { ASSESSMENT_EXTENSION } from '../../src/cds/card-log-summary.ts';
import { draftBotoxMedicationRequest } from '../../src/cds/cards/botox-order-resources.ts';
import { label } from '../../src/cds/cards/card-texts.ts';
import { midSentence } from '../../src/cds/cards/mid-sentence.ts';
import { type Card, checkCdsResponse } from '../../src/cds/schemas/response.ts';
import { candidateRecord } from '../support/candidate-record.ts';
import { orderRequest } from '../support/cds-requests.ts';
import { r4Errors } from '../support/fhir-validation.ts';
import { administration, HCPCS, MIGRAINE_REASON } from '../support/medication-builders.ts';
import { isPriorAuthSuggestion } from '../support/prior-auth-suggestion.ts';
import { botoxProcedure, daysAgo, E } from '../support/record-builders.ts';
import { createTestApp } from '../support/test-app.ts';

/** The draft orders of a request, as the EHR sends them, checked into suggestions (order-card.ts). */

const candidate = candidateRecord;

interface Ext {
  findings?: { id: string; severity: string }[];
}
const ext = (card: Card) => card.extension?.[ASSESSMENT_EXTENSION] as Ext;

/** Posts `body`; expects a 200 whose response passes the CDS Hooks check and whose suggested resources are valid R4. */
async function post(service: string, body: unknown, env: Record<string, string> = {}): Promise<Card[]> {
  const { postJson } = await createTestApp({ env: { EVALUATION_DATE: E, ...env } });
  const res = await postJson(`/cds-services/${service}`, body);
  expect(res.status, await res.clone().text()).toBe(200);
  const { cards } = (await res.json()) as { cards: Card[] };
  expect(checkCdsResponse({ cards })).toEqual([]);
  for (const s of cards.flatMap((c) => c.suggestions ?? [])) {
    for (const a of s.actions ?? [])
      if (a.resource) expect(r4Errors(a.resource as Resource), a.description).toEqual([]);
  }
  return cards;
}

const orderSign = (resources: Resource[], drafts: Resource[]) =>
  post('botox-order-sign', orderRequest('order-sign', resources, drafts));

const actionsOf = (card: Card) =>
  (card.suggestions ?? []).map((s) => s.actions?.map((a) => `${a.type} ${a.resourceId ?? a.resource?.resourceType}`));

describe('draft ids that are not FHIR ids: no delete suggestion, the referral alone (CDS Hooks: resourceId "Type/id")', () => {
  const REQUESTS = resolve(import.meta.dirname, '../../cds-hooks/requests');
  const read = (file: string) => JSON.parse(readFileSync(resolve(REQUESTS, file), 'utf8'));
  const FIXTURE_E = '2026-11-23';
  const notEligible = read('patient-view/cm-one-class-failed.json');

  /** The 200 U above-label request of the examples, for the not-eligible patient, its Botox draft with the id `id`. */
  function request(id: string) {
    const r = read('order-sign/above-label-200u.json');
    r.prefetch = notEligible.prefetch;
    r.context.patientId = notEligible.context.patientId;
    const med = r.context.draftOrders.entry.find(
      (e: { resource: Resource }) => e.resource.resourceType === 'MedicationRequest',
    );
    med.resource.id = id;
    return r;
  }

  // order-sign only: order-select's `selections` must be `Type/id` refs, so such a draft cannot be selected (a 400).
  test.each(['ORD_12345_draft', 'a'.repeat(70), 'urn:uuid:5b1f6c1e-8a3a-4b8e-9d6f-0c2f1a7e4b21'])(
    'order-sign, Botox draft id %s -> 200, the referral offered alone, the draft not cited',
    async (id) => {
      const cards = await post('botox-order-sign', request(id), { EVALUATION_DATE: FIXTURE_E });
      expect(cards).toHaveLength(1);
      const card = cards[0]!;
      expect(card.indicator).toBe('warning');
      expect(actionsOf(card)).toEqual([['create ServiceRequest']]);
      expect(card.suggestions?.[0]?.label).toBe('Refer to a headache specialist (remove the draft order by hand)');
      expect(card.detail).not.toContain(id);
    },
  );

  test('with FHIR ids, every draft is deleted and the referral created (and the dose set by update)', async () => {
    const cards = await post('botox-order-sign', request('draft-botox-1'), {
      EVALUATION_DATE: FIXTURE_E,
    });
    expect(actionsOf(cards[0]!)).toEqual([
      ['update MedicationRequest'],
      [
        'delete MedicationRequest/draft-botox-1',
        'delete ServiceRequest/draft-chemodenervation-above-label-200u',
        'create ServiceRequest',
      ],
    ]);
    expect(cards[0]?.suggestions?.[1]?.label).toBe('Remove the draft and refer to a headache specialist');
  });
});

describe('the label-dose update is made from the EHR draft: empty values stripped, offered only when valid R4', () => {
  const draft = (extra: Record<string, unknown>) =>
    ({ ...draftBotoxMedicationRequest('p1', 300, 'draft-botox'), ...extra }) as unknown as Resource;
  const updateOf = (card: Card) =>
    card.suggestions?.flatMap((s) => s.actions ?? []).find((a) => a.type === 'update')?.resource as
      | MedicationRequest
      | undefined;

  test('empty values in the draft (`reasonReference: []`, `note: [{text: ""}]`, `category: {}`) are left out', async () => {
    const sent = draft({
      reasonReference: [],
      note: [{ text: '' }, { text: 'Follow-the-pain sites' }],
      category: {},
      priority: '',
      dispenseRequest: { quantity: { value: 2, unit: '' }, validityPeriod: {} },
    });
    const cards = await orderSign(candidate(), [sent]);
    const update = updateOf(cards[0]!);
    expect(update?.id).toBe('draft-botox');
    expect(update?.dosageInstruction?.[0]?.doseAndRate?.[0]?.doseQuantity?.value).toBe(155);
    expect(update).not.toHaveProperty('reasonReference');
    expect(update).not.toHaveProperty('category');
    expect(update).not.toHaveProperty('priority');
    expect(update?.note).toEqual([{ text: 'Follow-the-pain sites' }]);
    expect(update?.dispenseRequest).toEqual({ quantity: { value: 2 } });
    expect(update?.reasonCode?.[0]?.text).toBe('Chronic migraine');
  });

  test('the sandbox shape (category an object, no intent) is still repaired into an update', async () => {
    const sent = draft({ category: { text: 'outpatient' } }) as unknown as Record<string, unknown>;
    delete sent.intent;
    const update = updateOf((await orderSign(candidate(), [sent as unknown as Resource]))[0]!);
    expect(update?.category).toEqual([{ text: 'outpatient' }]);
    expect(update?.intent).toBe('order');
  });

  test.each([
    ['intent', 5],
    ['category', 'outpatient'],
    ['note', 'see chart'],
    ['authoredOn', 20261123],
    ['dosageInstruction', [{ text: '300 U', route: 'IM' }]],
    ['id', 'draft_botox'],
  ])('a draft with %s = %j (not valid R4) -> no update, the dose warning stays', async (field, value) => {
    const cards = await orderSign(candidate(), [draft({ [field]: value })]);
    const card = cards[0]!;
    expect(updateOf(card)).toBeUndefined();
    // Only the prior-authorization summary (a supported order) is suggested: nothing built from the draft.
    expect(card.suggestions?.filter((s) => !isPriorAuthSuggestion(s))).toEqual([]);
    expect(card.indicator).toBe('warning');
    expect(card.summary).toMatch(/^Botox order: 300 U exceeds/);
    expect(ext(card).findings?.find((f) => f.id === 'dose')).toMatchObject({ severity: 'warning' });
  });
});

describe('each order check cites its evidence', () => {
  const botox = () => ({ ...draftBotoxMedicationRequest('p1', 155, 'draft-botox') }) as Resource;
  const rowOf = (card: Card, id: string) =>
    card.detail
      ?.split('\n')
      .find((l) => l.startsWith('- **') && l.includes(`: ${midSentence(label('findings', id))}.**`));
  const given = (id: string, ago: number, units: number) =>
    administration('completed', {
      id,
      medication: HCPCS('J0585'),
      dateTime: daysAgo(ago),
      units,
      reasonCode: [MIGRAINE_REASON],
    });

  test('cumulative-dose names the administrations it summed; dose the draft', async () => {
    const cards = await orderSign(
      [...candidate(), given('ma-sum-1', 100, 155), given('ma-sum-2', 60, 150), given('ma-sum-3', 30, 150)],
      [{ ...draftBotoxMedicationRequest('p1', 160, 'draft-botox') } as Resource],
    );
    const detail = cards[0]!.detail!;
    // The order line, then one line per check (clinical-rules 8: after the contraindications and cautions).
    expect(detail).toMatch(/\*\*Order:\*\* BOTOX .*\n- \*\*Warning: /);
    const row = rowOf(cards[0]!, 'cumulative-dose')!;
    expect(row).toContain('300 U onabotulinumtoxinA in the last 84 days + 160 U ordered = 460 U');
    expect(row).toMatch(/ _\(MedicationAdministration\/ma-sum-2, MedicationAdministration\/ma-sum-3\)_$/);
    expect(rowOf(cards[0]!, 'dose')).toMatch(/ _\(MedicationRequest\/draft-botox\)_$/);
  });

  test('more than three records: the first three, then "and N more" (clinical-rules 8)', async () => {
    const records = [50, 45, 40, 35, 30, 25].map((ago, i) => given(`ma-many-${i}`, ago, 50));
    const cards = await orderSign([...candidate(), ...records], [botox()]);
    const row = rowOf(cards[0]!, 'cumulative-dose')!;
    expect(row).toContain('300 U onabotulinumtoxinA in the last 84 days + 155 U ordered = 455 U');
    expect(row).toMatch(
      / _\((MedicationAdministration\/ma-many-\d, ){2}MedicationAdministration\/ma-many-\d and 3 more\)_$/,
    );
  });

  test("treatment-interval cites the last cycle's records", async () => {
    const earlier = botoxProcedure(-130);
    const last = botoxProcedure(-40);
    const cards = await orderSign([...candidate(), earlier, last], [botox()]);
    const row = rowOf(cards[0]!, 'treatment-interval')!;
    expect(row).toContain(`last cycle ${daysAgo(40)}`);
    expect(row).toMatch(new RegExp(` _\\(Procedure/${last.id}\\)_$`));
    expect(row).not.toContain(earlier.id);
  });
});
